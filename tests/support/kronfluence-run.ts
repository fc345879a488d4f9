/**
 * A small Kronfluence run on disk, as the library writes it, with everything the explorer
 * reads from one: the pairwise scores folder (score and factor arguments, dataset metadata,
 * self_scores.safetensors) and a second scores folder computed with
 * compute_per_token_scores over three documents and two queries; documents.jsonl gives
 * those documents' token strings. Used by the API tests and the end-to-end seed; the
 * returned values are what a test expects to find stored.
 */
import path from "node:path";
import {
  kronfluenceDatasetMetadata,
  kronfluenceFactorArguments,
  kronfluenceScoreArguments,
  kronfluenceScores,
  writeFolder,
} from "./library-folders";
import { safetensors, encode } from "./score-files";

export const RUN_QUERIES = 4;
export const RUN_DOCUMENTS = 60;

const TOKEN_TEXTS = [
  "To find the slope, divide the rise by the run: (9 - 3) / (4 - 2) = 3.",
  "Paris is the capital and largest city of France.",
  "The gradient of a line through two points is the change in y over the change in x.",
];
/** Whitespace-attached tokens, as a tokenizer's decoded pieces: their concatenation is the text. */
const tokenize = (text: string) => text.match(/\s*\S+/g) ?? [];

/** Documents with per-token scores (indices into documents.jsonl) and the queries scored per token. */
export const TOKEN_DOCUMENTS = [0, 1, 2];
export const TOKEN_QUERIES = [0, 2];

export interface KronfluenceRun {
  queriesFile: string;
  documentsFile: string;
  /** scores_pairwise/: pairwise_scores.safetensors, self_scores.safetensors and sidecars. */
  scoresDir: string;
  /** scores_per_token/: the per-token run over TOKEN_QUERIES × TOKEN_DOCUMENTS. */
  tokenScoresDir: string;
  queries: { id: string; prompt: string; completion: string; set: string; type: string }[];
  documents: { id: string; source: string; text: string; tokens?: string[] }[];
  /** S[q][d], exact in float32. */
  scores: number[][];
  /** Self-influence per document, exact in float32 and positive. */
  selfInfluence: number[];
  /** Per-token scores by "queryId/documentId", one per token of the document. */
  tokenScores: Map<string, number[]>;
}

/** Writes the run under `dir` and returns its files and the values in them. */
export async function writeKronfluenceRun(dir: string): Promise<KronfluenceRun> {
  const queries = Array.from({ length: RUN_QUERIES }, (_, q) => ({
    id: q < 2 ? `fact-${q}` : `slope-${q - 2}`,
    prompt: q < 2 ? ["What is the capital of France?", "Who wrote Hamlet?"][q]! : `What is the slope of the line through (2, 3) and (4, ${7 + 2 * q})?`,
    completion: q < 2 ? ["Paris", "Shakespeare"][q]! : String((4 + 2 * q) / 2),
    set: q < 2 ? "factual" : "reasoning",
    type: q < 2 ? "factual" : "slopes",
  }));
  const documents = Array.from({ length: RUN_DOCUMENTS }, (_, d) => {
    const tokens = d < TOKEN_TEXTS.length ? tokenize(TOKEN_TEXTS[d]!) : undefined;
    return {
      id: `doc-${d}`,
      source: ["wiki", "code", "math"][d % 3]!,
      text: tokens ? tokens.join("") : `Training document ${d} of the small Kronfluence run.`,
      ...(tokens ? { tokens } : {}),
    };
  });
  // Multiples of 1/64: exact in float32; self-influence 1/4 .. 4, so normalising reorders.
  const scores = queries.map((_, q) => documents.map((_, d) => (((q * 17 + d * 29) % 61) - 30) / 64));
  const selfInfluence = documents.map((_, d) => (1 + ((d * 7) % 16)) / 4);

  const width = Math.max(...TOKEN_DOCUMENTS.map((d) => documents[d]!.tokens!.length)) + 3; // padded, as a batch is
  const tokenScores = new Map<string, number[]>();
  const perToken: number[] = [];
  for (const q of TOKEN_QUERIES) {
    for (const d of TOKEN_DOCUMENTS) {
      const n = documents[d]!.tokens!.length;
      // A bump of influence centred on a token that differs per pair, a little noise elsewhere.
      const centre = (q * 3 + d * 5 + 4) % n;
      const values = Array.from({ length: width }, (_, t) =>
        t >= n ? 0 : (Math.max(0, 6 - 2 * Math.abs(t - centre)) * (q === 0 && d === 1 ? -1 : 1) + ((t * 3 + q) % 5) - 2) / 32);
      tokenScores.set(`${queries[q]!.id}/${documents[d]!.id}`, values.slice(0, n));
      perToken.push(...values);
    }
  }

  const jsonl = (records: readonly unknown[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";
  const files = await writeFolder(dir, {
    "queries.jsonl": jsonl(queries),
    "documents.jsonl": jsonl(documents),
    "influence_results/ekfac/scores_pairwise/pairwise_scores.safetensors": kronfluenceScores(
      { all_modules: { shape: [RUN_QUERIES, RUN_DOCUMENTS], values: scores.flat() } },
    ),
    "influence_results/ekfac/scores_pairwise/self_scores.safetensors": safetensors({
      all_modules: { dtype: "F32", shape: [RUN_DOCUMENTS], data: encode(selfInfluence, "F32") },
    }),
    "influence_results/ekfac/scores_pairwise/score_arguments.json": kronfluenceScoreArguments({ damping_factor: 1e-8, query_gradient_low_rank: 64 }),
    "influence_results/ekfac/scores_pairwise/factor_arguments.json": kronfluenceFactorArguments(),
    "influence_results/ekfac/scores_pairwise/query_dataset_metadata.json": kronfluenceDatasetMetadata(RUN_QUERIES),
    "influence_results/ekfac/scores_pairwise/train_dataset_metadata.json": kronfluenceDatasetMetadata(RUN_DOCUMENTS),
    "influence_results/ekfac/scores_per_token/pairwise_scores.safetensors": kronfluenceScores(
      { all_modules: { shape: [TOKEN_QUERIES.length, TOKEN_DOCUMENTS.length, width], values: perToken } },
    ),
    "influence_results/ekfac/scores_per_token/score_arguments.json": kronfluenceScoreArguments({ compute_per_token_scores: true }),
    "influence_results/ekfac/scores_per_token/query_dataset_metadata.json": kronfluenceDatasetMetadata(RUN_QUERIES, TOKEN_QUERIES),
    "influence_results/ekfac/scores_per_token/train_dataset_metadata.json": kronfluenceDatasetMetadata(RUN_DOCUMENTS, TOKEN_DOCUMENTS),
  });
  return {
    queriesFile: path.join(files, "queries.jsonl"),
    documentsFile: path.join(files, "documents.jsonl"),
    scoresDir: path.join(files, "influence_results/ekfac/scores_pairwise"),
    tokenScoresDir: path.join(files, "influence_results/ekfac/scores_per_token"),
    queries,
    documents,
    scores,
    selfInfluence,
    tokenScores,
  };
}

/** The ingest arguments for the run: scores with their self-influence, and the per-token scores. */
export const kronfluenceRunArgs = (run: KronfluenceRun, name: string) => [
  "--name", name, "--queries", run.queriesFile, "--documents", run.documentsFile,
  "--scores", run.scoresDir, "--token-scores", run.tokenScoresDir, "--method", "EK-FAC", "--model", "Kronfluence test run",
];
