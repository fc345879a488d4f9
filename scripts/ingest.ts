/**
 * npm run ingest -- --name <slug> --queries q.jsonl --documents d.jsonl --scores <file> [options]
 * npm run ingest -- --name <slug> --ruis-demo <file.json>
 * npm run ingest -- --name <slug> --demo 7b|35b [--demo-documents N]
 *
 * Loads one dataset into the database (DATABASE_URL, else the embedded PGlite folder),
 * applying pending migrations first. All or nothing: a failure leaves no trace.
 */
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { describeTarget, databaseTarget } from "../lib/db/config.ts";
import { readDocuments } from "../lib/ingest/readers/documents.ts";
import { readQueries } from "../lib/ingest/readers/queries.ts";
import { readRuisDemo } from "../lib/ingest/readers/ruis-demo.ts";
import { readScores, type ScoreFormat, type ScoreOrientation } from "../lib/ingest/readers/scores.ts";
import type { DatasetInput } from "@/lib/domain/records";
import { IngestError } from "@/lib/ingest/ingest-error";
import type { IngestProgress } from "../lib/ingest/write-dataset.ts";

const USAGE = `Usage:
  npm run ingest -- --name <slug> --queries <queries.jsonl> --documents <documents.jsonl> --scores <file> [options]
  npm run ingest -- --name <slug> --ruis-demo <answer_and_slope_pretraining_data_prepared_7B.json> [--ruis-score dot|cos]
  npm run ingest -- --name <slug> --demo 7b|35b [--demo-documents 20000]

Scores: .safetensors (Kronfluence), .npy or TRAK's .mmap, long .csv or .jsonl (query_id,document_id,score).
Options:
  --format safetensors|npy|csv|jsonl   override the format inferred from the extension
  --key <tensor>                       safetensors tensor name (default all_modules)
  --orientation queries-documents|documents-queries   dense matrix layout (inferred when unambiguous)
  --title <text> --model <text> --method <text> --description <text>   labels shown in the app
  --replace                            replace an existing dataset of the same name (atomically)
Database: DATABASE_URL=postgresql://... or, without it, the embedded PGlite folder PGLITE_DIR (default data/pglite).`;

const fail = (message: string): never => {
  console.error(`ingest: ${message}`);
  process.exit(1);
};

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        name: { type: "string" }, title: { type: "string" }, model: { type: "string" }, method: { type: "string" },
        description: { type: "string" }, queries: { type: "string" }, documents: { type: "string" },
        scores: { type: "string" }, format: { type: "string" }, key: { type: "string" }, orientation: { type: "string" },
        "ruis-demo": { type: "string" }, "ruis-score": { type: "string" }, demo: { type: "string" },
        "demo-documents": { type: "string" }, replace: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) fail(`--${flag} must be one of ${allowed.join(", ")} (got "${value}")`);
  return value as T;
}

async function readInput(args: ReturnType<typeof parseCommandLine>): Promise<DatasetInput> {
  const sourcesGiven = [args["ruis-demo"], args.demo, args.scores].filter(Boolean).length;
  if (sourcesGiven !== 1) fail(`give exactly one of --scores, --ruis-demo or --demo\n${USAGE}`);
  if (args["ruis-demo"]) {
    return readRuisDemo(args["ruis-demo"], { score: oneOf("ruis-score", args["ruis-score"], ["dot", "cos"] as const) });
  }
  if (args.demo) {
    const model = oneOf("demo", args.demo, ["7b", "35b"] as const)!;
    const documents = args["demo-documents"] === undefined ? undefined : Number(args["demo-documents"]);
    if (documents !== undefined && !(Number.isInteger(documents) && documents >= 100)) {
      fail("--demo-documents must be a whole number of at least 100");
    }
    const { generateDemoDataset } = await import("../lib/demo/generate.ts");
    return generateDemoDataset(model, { documents });
  }
  if (!args.queries || !args.documents) fail("--scores needs --queries and --documents");
  const queries = await readQueries(args.queries!);
  const documents = await readDocuments(args.documents!);
  const scores = await readScores(args.scores!, queries, documents, {
    format: oneOf("format", args.format, ["safetensors", "npy", "csv", "jsonl"] as const satisfies readonly ScoreFormat[]),
    key: args.key,
    orientation: oneOf("orientation", args.orientation, ["queries-documents", "documents-queries"] as const satisfies readonly ScoreOrientation[]),
  });
  return {
    meta: {
      slug: "", name: "", model: null, method: null, description: null, synthetic: false,
      origin: [args.queries, args.documents, args.scores].map((f) => path.basename(f!)).join(", "),
    },
    queries, documents, scores, globalRanks: null,
  };
}

function progressPrinter() {
  if (!process.stderr.isTTY) return () => undefined;
  let last = 0;
  return ({ phase, done, total }: IngestProgress) => {
    const now = performance.now();
    if (now - last < 100 && done < total) return;
    last = now;
    process.stderr.write(`\r\x1b[2K${phase}: ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")}`);
  };
}

async function main() {
  const args = parseCommandLine();
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (!args.name) fail(`--name is required\n${USAGE}`);
  const target = databaseTarget();
  const started = performance.now();
  const input = await readInput(args);
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
  const [{ openDatabase }, { migrate }, { ingestDataset }] = await Promise.all([
    import("../lib/db/database.ts"),
    import("../lib/db/migrate.ts"),
    import("../lib/ingest/write-dataset.ts"),
  ]);
  const db = await openDatabase(target);
  try {
    await migrate(db.sql);
    const summary = await ingestDataset(db.sql, input, { replace: args.replace, onProgress: progressPrinter() });
    if (process.stderr.isTTY) process.stderr.write("\r\x1b[2K");
    const total = (performance.now() - started) / 1000;
    console.log(
      `${summary.replaced ? "Replaced" : "Loaded"} "${summary.slug}" into ${describeTarget(target)}: ` +
        `${summary.queries.toLocaleString("en-US")} queries × ${summary.documents.toLocaleString("en-US")} documents ` +
        `= ${summary.scores.toLocaleString("en-US")} scores in ${total.toFixed(1)} s ` +
        `(read ${readSeconds.toFixed(1)} s, statistics and write ${summary.seconds.toFixed(1)} s; ` +
        `${Math.round(summary.scores / total).toLocaleString("en-US")} scores/s)`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[2K");
  fail(error instanceof IngestError ? error.message : error instanceof Error ? error.message : String(error));
});
