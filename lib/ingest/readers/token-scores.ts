/**
 * Per-token scores for selected pairs (`--token-scores`): Kronfluence's pairwise scores
 * computed with ScoreArguments.compute_per_token_scores, whose tensor has a token dimension,
 * [queries, train, tokens] (kronfluence/score/pairwise.py: the per-token path keeps the
 * train gradient's sequence axis), saved as pairwise_scores.safetensors in its scores
 * folder ("all_modules", or one tensor per module, summed here). Usually run over a few
 * documents (the train dataset's `indices`) and queries, so only those pairs are stored.
 *
 * Rows are the dataset's queries, or those query_dataset_metadata.json indexes (into the
 * queries file); columns the documents train_dataset_metadata.json indexes (into the
 * documents file), or without it the dataset's documents that have a `tokens` array, in
 * order. A document's scores are its first tokens.length positions; the rest is padding.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import type { DocumentRecord, JsonValue, ProvenanceFile, QueryRecord, TokenScoreRecord } from "@/lib/domain/records";
import { IngestError } from "@/lib/ingest/ingest-error";
import { folderFiles, planAxis, provenanceFile, readJsonObject, type Identified } from "./folder-files";
import { inspectSafetensors, readWholeTensor } from "./scores";

/** At most this many per-token values are read (200 MB of float32): they are for a few pairs. */
export const MAX_TOKEN_VALUES = 50_000_000;

export interface TokenScoresRead {
  records: TokenScoreRecord[];
  files: ProvenanceFile[];
  settings: { [key: string]: JsonValue };
}

/**
 * Reads per-token scores from a Kronfluence scores folder or a safetensors file over the
 * dataset's final queries and documents; `inputs` are the queries and documents files as
 * read (indices point into them).
 */
export async function readTokenScores(
  source: string,
  dataset: { queries: readonly QueryRecord[]; documents: readonly DocumentRecord[] },
  inputs: { queries: readonly Identified[]; documents: readonly Identified[] },
): Promise<TokenScoresRead> {
  const isFolder = await stat(source).then((s) => s.isDirectory(), () => false);
  let file = source;
  let queryIndices: readonly unknown[] | null = null;
  let trainIndices: readonly unknown[] | null = null;
  const files: ProvenanceFile[] = [];
  const settings: { [key: string]: JsonValue } = {};
  if (isFolder) {
    const names = new Set(await folderFiles(source));
    if (!names.has("pairwise_scores.safetensors")) {
      throw new IngestError(source, "no pairwise_scores.safetensors: per-token scores are read from a combined Kronfluence scores file");
    }
    file = path.join(source, "pairwise_scores.safetensors");
    for (const [name, axis] of [["query_dataset_metadata.json", "query"], ["train_dataset_metadata.json", "train"]] as const) {
      if (!names.has(name)) continue;
      const metadataFile = path.join(source, name);
      const indices = (await readJsonObject(metadataFile)).indices;
      if (indices !== null && indices !== undefined && !Array.isArray(indices)) {
        throw new IngestError(metadataFile, `"indices" must be null or a list of integers`);
      }
      if (axis === "query") queryIndices = indices ?? null;
      else trainIndices = indices ?? null;
      files.push(await provenanceFile(path.dirname(source), metadataFile, "per-token metadata"));
    }
    if (names.has("score_arguments.json")) {
      settings.scoreArguments = await readJsonObject(path.join(source, "score_arguments.json"));
    }
  }
  files.push(await provenanceFile(path.dirname(isFolder ? source : file), file, "per-token scores"));

  const { tensors } = await inspectSafetensors(file);
  const all = tensors.find((t) => t.name === "all_modules");
  const chosen = all ? [all] : tensors;
  if (chosen.length === 0) throw new IngestError(file, "no tensors in the file");
  const shape = chosen[0]!.shape;
  for (const t of chosen) {
    if (t.shape.length !== 3) {
      throw new IngestError(file, `expected per-token scores [queries, train, tokens], got shape [${t.shape.join(", ")}]`, `tensor ${t.name}`);
    }
    if (t.shape.some((n, i) => n !== shape[i])) {
      throw new IngestError(file, `shape mismatch between modules: tensor ${t.name} is [${t.shape.join(", ")}] but ${chosen[0]!.name} is [${shape.join(", ")}]`);
    }
  }
  const [R, C, T] = shape as [number, number, number];
  if (R * C * T > MAX_TOKEN_VALUES) {
    throw new IngestError(file, `${R} × ${C} × ${T} per-token values exceed ${MAX_TOKEN_VALUES.toLocaleString("en-US")}; per-token scores are for selected pairs (use indices)`);
  }
  let values: Float32Array | null = null;
  for (const t of chosen) {
    const read = (await readWholeTensor(file, t.name)).values;
    if (values === null) values = read;
    else for (let i = 0; i < values.length; i++) values[i] = values[i]! + read[i]!;
  }

  const queryIndex = new Map(dataset.queries.map((q, i) => [q.id, i]));
  const documentIndex = new Map(dataset.documents.map((d, i) => [d.id, i]));
  const rows = planAxis(file, queryIndices, queryIndices ? inputs.queries : dataset.queries, R, { axis: "query rows", items: "queries" });
  const withTokens = dataset.documents.filter((d) => d.tokenStrings);
  const columns = planAxis(file, trainIndices, trainIndices ? inputs.documents : withTokens, C, {
    axis: "train columns",
    items: trainIndices ? "documents" : "documents with a tokens array",
  });

  const records: TokenScoreRecord[] = [];
  rows.byPosition.forEach((query, r) => {
    const q = queryIndex.get(query.id);
    if (q === undefined) throw new IngestError(file, `query ${query.id} has per-token scores but is not in the dataset`);
    columns.byPosition.forEach((item, c) => {
      const d = documentIndex.get(item.id);
      if (d === undefined) throw new IngestError(file, `document ${item.id} has per-token scores but is not in the dataset`);
      const tokens = dataset.documents[d]!.tokenStrings;
      if (!tokens) {
        throw new IngestError(file, `document ${item.id} has per-token scores but no "tokens" array (its token strings) in the documents file`);
      }
      if (tokens.length > T) {
        throw new IngestError(file, `document ${item.id} has ${tokens.length} tokens but the scores only ${T} token positions`);
      }
      const start = (r * C + c) * T;
      const scores = values!.slice(start, start + tokens.length);
      const bad = scores.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) {
        throw new IngestError(file, `token score is ${scores[bad]}; every score must be finite`, `query ${query.id} / document ${item.id} / token ${bad}`);
      }
      records.push({ queryIndex: q, documentIndex: d, scores });
    });
  });
  settings.pairs = records.length;
  settings.tokenPositions = T;
  settings.scoreDtype = chosen[0]!.dtype;
  return { records, files, settings };
}
