/**
 * The ingest command, in process: parse the arguments, read the input, write the dataset,
 * print one summary line (or one "ingest: ..." refusal line) and return the exit code.
 * scripts/ingest.ts is its command-line shell; tests call it directly, which spares them a
 * process start (tsx, Prisma, PGlite) per case.
 */
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { describeTarget, databaseTarget, type DatabaseTarget } from "@/lib/db/config";
import type { Database } from "@/lib/db/database";
import { openDocuments } from "./readers/documents";
import { readQueries } from "./readers/queries";
import { readRelevant } from "./readers/relevant";
import { readRuisDemo } from "./readers/ruis-demo";
import { inferScoreFormat, inspectSafetensors, openScores, type ScoreFormat, type ScoreOrientation } from "./readers/scores";
import { readScoreFolder } from "./readers/score-folder";
import { readSelfScores } from "./readers/self-scores";
import { readTokenScores } from "./readers/token-scores";
import type { DatasetProvenance, IngestInput, JsonValue, ProvenanceFile } from "@/lib/domain/records";
import { ensurePrismaClient } from "@/lib/db/ensure-prisma-client";
import { BM25_SETTINGS, bm25ScoreRows } from "./bm25-dataset";
import { replaceGroundTruth } from "./ground-truth";
import { IngestError } from "./ingest-error";
import type { IngestProgress } from "./write-dataset";

export const USAGE = `Usage:
  npm run ingest -- --name <slug> --queries <queries.jsonl> --documents <documents.jsonl> --scores <file|folder> [options]
  npm run ingest -- --name <slug> --ruis-demo <answer_and_slope_pretraining_data_prepared_7B.json> [--ruis-score dot|cos]
  npm run ingest -- --name <slug> --demo 7b|35b [--demo-documents 20000]
  npm run ingest -- --name <slug> --bm25 --queries <queries.jsonl> --documents <documents.jsonl>
  npm run ingest -- --name <slug> --relevant <relevant.jsonl> --ground-truth-only

Scores: .safetensors (Kronfluence), .npy or TRAK's .mmap, long .csv or .jsonl (query_id,document_id,score);
  or a folder as the library wrote it: a Kronfluence scores_<name>/ folder (combined or partitioned),
  a TRAK save_dir (experiments.json, scores/<experiment>.mmap), a Bergson folder (info.json, scores.bin).
Options:
  --format safetensors|npy|csv|jsonl   override the format inferred from the extension
  --key <tensor>                       safetensors tensor name (default all_modules)
  --orientation queries-documents|documents-queries   dense matrix layout (inferred when unambiguous)
  --module <name>                      Kronfluence per-module scores: one module instead of their sum
  --experiment <name>                  TRAK save_dir: the experiment to read (required when there are several)
  --bm25                               scores = Okapi BM25 of each document's text for the query's prompt + " " + completion
  --relevant <relevant.jsonl>          ground truth, lines {"queryId","documentId"}: recall@k, precision@k, reciprocal rank
  --ground-truth-only                  with --relevant alone: replace the ground truth of the existing dataset <slug>
                                       (its scores, rankings and statistics stay; all or nothing)
  --self-scores <file|folder>          self-influence per document (Kronfluence self_scores.safetensors); a Kronfluence
                                       scores folder's own self_scores.safetensors is read without it
  --token-scores <file|folder>         per-token scores [queries, train, tokens] for selected pairs (Kronfluence,
                                       compute_per_token_scores); documents.jsonl gives those documents' "tokens" as strings
  --title <text> --model <text> --method <text> --description <text>   labels shown in the app
  --replace                            replace an existing dataset of the same name (atomically)
Database: DATABASE_URL=postgresql://... or, without it, the embedded PGlite folder PGLITE_DIR (default data/pglite).`;

/** Where the command prints: process.stdout and process.stderr, or a test's buffers. */
export interface IngestStreams {
  stdout: { write(text: string): unknown };
  /** A terminal (isTTY) also gets a live progress line. */
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

export interface RunIngestOptions {
  /** Names the database (DATABASE_URL, PGLITE_DIR); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** An open database to write to instead, left open (tests share one between runs). */
  database?: Database;
}

/** A command-line mistake: reported like a refusal, with the usage where it helps. */
class UsageError extends Error {}

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        name: { type: "string" }, title: { type: "string" }, model: { type: "string" }, method: { type: "string" },
        description: { type: "string" }, queries: { type: "string" }, documents: { type: "string" },
        scores: { type: "string" }, format: { type: "string" }, key: { type: "string" }, orientation: { type: "string" },
        module: { type: "string" }, experiment: { type: "string" },
        "self-scores": { type: "string" }, "token-scores": { type: "string" },
        "ruis-demo": { type: "string" }, "ruis-score": { type: "string" }, demo: { type: "string" },
        "demo-documents": { type: "string" }, bm25: { type: "boolean", default: false }, relevant: { type: "string" }, replace: { type: "boolean", default: false },
        "ground-truth-only": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

type Args = ReturnType<typeof parseCommandLine>;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(", ")} (got "${value}")`);
  }
  return value as T;
}

/**
 * Reads the dataset named on the command line. Large parts stay in temporary files (the
 * scores of a dense file, the documents' texts): `release` gets what frees them, for the
 * caller to run when the ingest is over, whatever its outcome.
 */
async function readInput(args: Args, onProgress: (progress: IngestProgress) => void, release: (() => unknown)[]): Promise<IngestInput> {
  const sourcesGiven = [args["ruis-demo"], args.demo, args.scores, args.bm25].filter(Boolean).length;
  if (sourcesGiven !== 1) throw new UsageError(`give exactly one of --scores, --bm25, --ruis-demo or --demo\n${USAGE}`);
  if (!args.scores && (args["self-scores"] || args["token-scores"])) {
    throw new UsageError("--self-scores and --token-scores go with --scores");
  }
  if (args["ruis-demo"]) {
    const input = await readRuisDemo(args["ruis-demo"], { score: oneOf("ruis-score", args["ruis-score"], ["dot", "cos"] as const) });
    const provenance: DatasetProvenance = {
      format: "ruis-demo", library: null, libraryVersion: null,
      files: [await singleFile(args["ruis-demo"], "queries, documents and scores")],
      settings: { score: args["ruis-score"] ?? "dot" },
    };
    return { ...input, meta: { ...input.meta, provenance } };
  }
  if (args.demo) {
    const model = oneOf("demo", args.demo, ["7b", "35b"] as const)!;
    const documents = args["demo-documents"] === undefined ? undefined : Number(args["demo-documents"]);
    if (documents !== undefined && !(Number.isInteger(documents) && documents >= 100)) {
      throw new UsageError("--demo-documents must be a whole number of at least 100");
    }
    const { generateDemoDataset } = await import("@/lib/demo/generate");
    const input = generateDemoDataset(model, { documents });
    const provenance: DatasetProvenance = {
      format: "demo", library: null, libraryVersion: null, files: [],
      settings: { model, documents: input.documents.length },
    };
    return { ...input, meta: { ...input.meta, provenance } };
  }
  if (!args.queries || !args.documents) throw new UsageError(`${args.bm25 ? "--bm25" : "--scores"} needs --queries and --documents`);
  const queries = await readQueries(args.queries);
  const opened = await openDocuments(args.documents);
  release.push(opened.close);
  const documents = opened.documents;
  const inputFiles = [await singleFile(args.queries, "queries"), await singleFile(args.documents, "documents")];
  const meta = {
    slug: "", name: "", model: null, method: null, description: null, synthetic: false,
    origin: [args.queries, args.documents, args.scores ?? "BM25"].map((f) => path.basename(f)).join(", "),
  };
  if (args.bm25) {
    for (const flag of ["format", "key", "orientation", "module", "experiment"] as const) {
      if (args[flag] !== undefined) throw new UsageError(`--${flag} applies to a scores file or folder, not to --bm25`);
    }
    if (!documents.some((d) => d.text)) throw new IngestError(args.documents, "no document has a text, and --bm25 scores documents by their text");
    const scores = bm25ScoreRows(queries, documents, onProgress);
    const provenance: DatasetProvenance = { format: "bm25", library: null, libraryVersion: null, files: inputFiles, settings: BM25_SETTINGS };
    return { meta: { ...meta, method: "BM25", provenance }, queries, documents, scores, globalRanks: null };
  }
  if (!args.scores) throw new UsageError("--scores needs --queries and --documents");
  if (await isDirectory(args.scores)) {
    for (const flag of ["format", "key", "orientation"] as const) {
      if (args[flag] !== undefined) throw new UsageError(`--${flag} applies to a scores file; ${args.scores} is a folder`);
    }
    const read = await readScoreFolder(args.scores, queries, documents, { module: args.module, experiment: args.experiment });
    if (!Array.isArray(read.scores)) release.push(read.scores.close);
    if (read.selfInfluence && args["self-scores"]) {
      throw new UsageError(`--self-scores: ${args.scores} has its own self_scores.safetensors; give one or the other`);
    }
    const provenance = { ...read.provenance, files: [...inputFiles, ...read.provenance.files] };
    const input = { meta: { ...meta, provenance }, queries: read.queries, documents: read.documents, scores: read.scores, globalRanks: null,
      selfInfluence: read.selfInfluence ?? null };
    return withSelfAndTokenScores(args, input, { queries, documents });
  }
  for (const flag of ["module", "experiment"] as const) {
    if (args[flag] !== undefined) throw new UsageError(`--${flag} applies to a scores folder; ${args.scores} is a file`);
  }
  const format = oneOf("format", args.format, ["safetensors", "npy", "csv", "jsonl"] as const satisfies readonly ScoreFormat[]);
  const scores = await openScores(args.scores, queries, documents, {
    format,
    key: args.key,
    orientation: oneOf("orientation", args.orientation, ["queries-documents", "documents-queries"] as const satisfies readonly ScoreOrientation[]),
  });
  release.push(scores.close);
  const resolved = format ?? inferScoreFormat(args.scores);
  const settings: Record<string, JsonValue> = {};
  if (args.key !== undefined) settings.key = args.key;
  if (args.orientation !== undefined) settings.orientation = args.orientation;
  if (resolved === "safetensors") {
    // Kronfluence stores its score arguments as the file's metadata strings.
    const { metadata } = await inspectSafetensors(args.scores);
    if (metadata) settings.safetensorsMetadata = metadata;
  }
  const provenance: DatasetProvenance = {
    format: resolved, library: null, libraryVersion: null,
    files: [...inputFiles, await singleFile(args.scores, "scores")],
    settings,
  };
  return withSelfAndTokenScores(args, { meta: { ...meta, provenance }, queries, documents, scores, globalRanks: null }, { queries, documents });
}

/**
 * Adds `--self-scores` (self-influence over the dataset's documents) and `--token-scores`
 * (per-token scores of selected pairs) to a dataset read from --scores, with their files
 * and settings in its provenance. `inputs` are the queries and documents files as read.
 */
async function withSelfAndTokenScores(
  args: Args,
  input: IngestInput,
  inputs: { queries: readonly { id: string }[]; documents: readonly { id: string }[] },
): Promise<IngestInput> {
  const provenance = input.meta.provenance!;
  let selfInfluence = input.selfInfluence ?? null;
  if (args["self-scores"]) {
    const read = await readSelfScores(args["self-scores"], input.documents);
    selfInfluence = read.values;
    provenance.files.push(await singleFile(read.file, "self-influence"));
  }
  let tokenScores = null;
  if (args["token-scores"]) {
    const read = await readTokenScores(args["token-scores"], input, inputs);
    tokenScores = read.records;
    provenance.files.push(...read.files);
    provenance.settings.tokenScores = read.settings;
  }
  return { ...input, selfInfluence, tokenScores };
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false; // the file reader names a missing file
  }
}

/** A single input file's provenance entry: its base name (not the reader's local path) and size. */
async function singleFile(file: string, role: string): Promise<ProvenanceFile> {
  return { path: path.basename(file), bytes: (await stat(file)).size, role };
}

function progressPrinter(stderr: IngestStreams["stderr"]) {
  if (process.env.INGEST_MEMORY_LOG) return memoryLogger(stderr);
  if (!stderr.isTTY) return () => undefined;
  let last = 0;
  return ({ phase, done, total }: IngestProgress) => {
    const now = performance.now();
    if (now - last < 100 && done < total) return;
    last = now;
    stderr.write(`\r\x1b[2K${phase}: ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")}`);
  };
}

/**
 * INGEST_MEMORY_LOG=1: instead of the progress line, one line a phase with the process's
 * peak RSS so far (VmHWM: the peak of the phase that just ended, if it is the largest yet),
 * its current heap and the phase's wall time, for measuring where ingest's memory and
 * time go (docs/scale.md).
 */
function memoryLogger(stderr: IngestStreams["stderr"]) {
  let phase = "read";
  let phaseStarted = performance.now();
  const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)}`;
  const line = (ended: string) => {
    const peak = Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) * 1024;
    const m = process.memoryUsage();
    const elapsed = ((performance.now() - phaseStarted) / 1000).toFixed(1);
    phaseStarted = performance.now();
    stderr.write(`memory after ${ended} (${elapsed} s): peak RSS ${mib(peak)} MiB, RSS ${mib(m.rss)}, heap used ${mib(m.heapUsed)}, ` +
      `external ${mib(m.external)} (array buffers ${mib(m.arrayBuffers)})\n`);
  };
  return ({ phase: next, done, total }: IngestProgress) => {
    if (next !== phase) {
      line(phase);
      phase = next;
    }
    if (done === total && next === "correlations") line(next);
  };
}

/**
 * `--ground-truth-only`: replaces the ground truth of the existing dataset `slug` with
 * the --relevant file (lib/ingest/ground-truth) and prints one summary line.
 */
async function addGroundTruth(args: Args, slug: string, target: DatabaseTarget, { stdout }: IngestStreams, options: RunIngestOptions): Promise<number> {
  if (!args.relevant) throw new UsageError(`--ground-truth-only needs --relevant <relevant.jsonl>\n${USAGE}`);
  const others = Object.entries(args).filter(([flag, value]) =>
    !["name", "relevant", "ground-truth-only"].includes(flag) && value !== undefined && value !== false);
  if (others.length > 0) {
    throw new UsageError(`--ground-truth-only takes --name and --relevant only (got ${others.map(([flag]) => `--${flag}`).join(", ")})`);
  }
  const started = performance.now();
  const provenanceFile = await singleFile(args.relevant, "ground truth");
  ensurePrismaClient();
  const [{ openDatabase }, { migrate }] = await Promise.all([import("@/lib/db/database"), import("@/lib/db/migrate")]);
  const db = options.database ?? (await openDatabase(target));
  try {
    await migrate(db.sql);
    const summary = await replaceGroundTruth(db.sql, slug, args.relevant, provenanceFile);
    stdout.write(
      `${summary.replaced ? "Replaced the" : "Added"} ground truth of "${summary.slug}" in ${describeTarget(target)}: ` +
        `${summary.pairs.toLocaleString("en-US")} relevant documents for ${summary.queries.toLocaleString("en-US")} queries, ` +
        `evaluated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return 0;
  } finally {
    if (!options.database) await db.close();
  }
}

/**
 * Runs `npm run ingest -- <argv>`: loads one dataset into the database, applying pending
 * migrations first, all or nothing. Prints one summary line on `stdout`; a refusal (bad
 * arguments, bad input, an existing name without --replace) is one "ingest: " line on
 * `stderr`. Returns the exit code: 0 on success, 1 on a refusal.
 */
export async function runIngest(
  argv: readonly string[],
  streams: IngestStreams = process,
  options: RunIngestOptions = {},
): Promise<number> {
  const { stdout, stderr } = streams;
  try {
    const args = parseCommandLine(argv);
    if (args.help) {
      stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (!args.name) throw new UsageError(`--name is required\n${USAGE}`);
    const target = options.database?.target ?? databaseTarget(options.env);
    if (args["ground-truth-only"]) return await addGroundTruth(args, args.name, target, streams, options);
    const started = performance.now();
    const release: (() => unknown)[] = [];
    try {
      const input = await readInput(args, progressPrinter(stderr), release);
      return await loadInput(args, input, target, started, streams, options);
    } finally {
      for (const free of release) await free();
    }
  } catch (error) {
    if (stderr.isTTY) stderr.write("\r\x1b[2K");
    // IngestError's message is already "<file>: [<record>: ]<problem>".
    stderr.write(`ingest: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/**
 * The comparisons with the other datasets (lib/ingest/precompute-comparisons), after the
 * dataset is committed: a failure here loses nothing (the requests compute what is
 * missing), so it is reported on stderr and the ingest still succeeds. Returns the
 * summary line's clause about them ("" when there was nothing to compare with).
 */
async function precompute(db: Database, slug: string, stderr: IngestStreams["stderr"]): Promise<string> {
  try {
    const { allowServerModules } = await import("@/lib/db/server-process");
    await allowServerModules();
    const { precomputeComparisons } = await import("./precompute-comparisons");
    const done = await precomputeComparisons(db, slug, progressPrinter(stderr));
    if (stderr.isTTY) stderr.write("\r\x1b[2K");
    if (done.datasets === 0) return "";
    return `; compared with ${done.datasets.toLocaleString("en-US")} other dataset${done.datasets === 1 ? "" : "s"} ` +
      `(document alignments, agreement, ${done.queryPairs.toLocaleString("en-US")} query pairs) in ${done.seconds.toFixed(1)} s`;
  } catch (error) {
    if (stderr.isTTY) stderr.write("\r\x1b[2K");
    stderr.write(`ingest: "${slug}" is loaded, but its comparisons with the other datasets were not precomputed ` +
      `(the first requests will compute them): ${error instanceof Error ? error.message : String(error)}\n`);
    return "";
  }
}

/** Writes what readInput read (its temporary files are released by the caller). */
async function loadInput(
  args: Args,
  input: IngestInput,
  target: DatabaseTarget,
  started: number,
  { stdout, stderr }: IngestStreams,
  options: RunIngestOptions,
): Promise<number> {
  if (args.relevant) {
    input.relevant = await readRelevant(args.relevant, input.queries, input.documents);
    const provenance = input.meta.provenance;
    if (provenance) provenance.files = [...provenance.files, await singleFile(args.relevant, "ground truth")];
  }
  const readSeconds = (performance.now() - started) / 1000;
  input.meta = {
    ...input.meta,
    slug: args.name!,
    name: args.title ?? (input.meta.name || args.name!),
    model: args.model ?? input.meta.model,
    method: args.method ?? input.meta.method,
    description: args.description ?? input.meta.description,
  };
  // Loaded only now: bad input is refused before Prisma, PGlite and pg are imported.
  ensurePrismaClient();
  const [{ openDatabase }, { migrate }, { ingestDataset }] = await Promise.all([
    import("@/lib/db/database"),
    import("@/lib/db/migrate"),
    import("./write-dataset"),
  ]);
  const db = options.database ?? (await openDatabase(target));
  try {
    await migrate(db.sql);
    const summary = await ingestDataset(db.sql, input, { replace: args.replace, onProgress: progressPrinter(stderr) });
    if (stderr.isTTY) stderr.write("\r\x1b[2K");
    const total = (performance.now() - started) / 1000;
    const compared = await precompute(db, summary.slug, stderr);
    stdout.write(
      `${summary.replaced ? "Replaced" : "Loaded"} "${summary.slug}" into ${describeTarget(target)}: ` +
        `${summary.queries.toLocaleString("en-US")} queries × ${summary.documents.toLocaleString("en-US")} documents ` +
        `= ${summary.scores.toLocaleString("en-US")} scores in ${total.toFixed(1)} s ` +
        `(read ${readSeconds.toFixed(1)} s, statistics and write ${summary.seconds.toFixed(1)} s, ` +
        `of which the final transaction ${summary.finalSeconds.toFixed(2)} s; ` +
        `${Math.round(summary.scores / total).toLocaleString("en-US")} scores/s)${compared}\n`,
    );
    return 0;
  } finally {
    if (!options.database) await db.close();
  }
}
