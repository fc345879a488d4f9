/**
 * The ingest command line, end to end: the real CLI (scripts/ingest.ts) runs as a child
 * process against a fresh database per backend (PGlite always, PostgreSQL when
 * TEST_DATABASE_URL is set), and the test then opens that database the way the app does
 * and checks what a user would: row counts, stored scores and ranks, refusals that name
 * the file and record, and that a refused, killed or replaced ingest never leaves a
 * half-written dataset behind.
 *
 * Fixtures are written into a temporary folder by the helpers at the bottom of this file.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decodeDocumentRecord, decodeGlobalRank, decodeRanking, DOCUMENT_RECORD } from "../lib/data/store/packed.ts";
import { openDatabase, type Database } from "../lib/db/database.ts";
import { BACKENDS, type TestDatabase } from "./support/databases.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const CLI = path.join(ROOT, "scripts", "ingest.ts");
const RUIS_DEMO_DIR = path.resolve(ROOT, "..", "shared", "data", "ruis-demo");
const RUIS_DEMO_7B = path.join(RUIS_DEMO_DIR, "answer_and_slope_pretraining_data_prepared_7B.json");

// ---------------------------------------------------------------------------------------
// Running the CLI

interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface CliRun {
  pid: number;
  /** True once the process has exited. */
  exited(): boolean;
  kill(): void;
  done: Promise<CliResult>;
}

/**
 * Starts `scripts/ingest.ts` as the user would (`npx tsx scripts/ingest.ts ...`), but as
 * `node --import tsx` so the child's pid is the ingest itself: tsx's own CLI runs the
 * script in a grandchild, which a SIGKILL to the wrapper would leave running.
 */
function startCli(db: TestDatabase, args: readonly string[]): CliRun {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...db.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let exited = false;
  child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      exited = true;
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { pid: child.pid!, exited: () => exited, kill: () => child.kill("SIGKILL"), done };
}

const runCli = (db: TestDatabase, args: readonly string[]) => startCli(db, args).done;

/** Runs an ingest that must succeed, showing the CLI's stderr if it does not. */
async function ingest(db: TestDatabase, args: readonly string[]): Promise<CliResult> {
  const result = await runCli(db, args);
  expect(result.stderr, "the CLI wrote to stderr").toBe("");
  expect(result.code).toBe(0);
  return result;
}

/** A dense/long score set on the command line. */
function scoreArgs(name: string, files: { queries: string; documents: string; scores: string }, ...extra: string[]) {
  return ["--name", name, "--queries", files.queries, "--documents", files.documents, "--scores", files.scores, ...extra];
}

/**
 * The CLI refused: non-zero exit, not a crash by signal, nothing on stdout, and exactly one
 * stderr line that names the file (and the record) and matches the problem.
 */
function expectRefusal(result: CliResult, file: string, record: string | null, problem: RegExp): string {
  const lines = result.stderr.split("\n").filter((line) => line.trim() !== "");
  expect(lines, `stderr was:\n${result.stderr}`).toHaveLength(1);
  const line = lines[0]!;
  expect(result.signal).toBeNull();
  expect(result.code).not.toBe(0);
  expect(result.stdout).toBe("");
  expect(line.startsWith(`ingest: ${file}: `), line).toBe(true);
  if (record !== null) expect(line).toContain(`: ${record}: `);
  expect(line).toMatch(problem);
  return line;
}

// ---------------------------------------------------------------------------------------
// Reading the database back

async function withDatabase<T>(db: TestDatabase, work: (database: Database) => Promise<T>): Promise<T> {
  // PGlite is single-process: the folder is only opened while no CLI child runs.
  const database = await openDatabase(db.target);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

interface DatasetState {
  id: number;
  slug: string;
  queryCount: number;
  documentCount: number;
  createdAt: string;
  /** Rows per table that has a dataset_id column. */
  rows: Record<string, number>;
}

interface Snapshot {
  datasets: DatasetState[];
  /** Rows of dataset tables whose dataset does not exist (a half-deleted or half-written dataset). */
  orphans: number;
}

/** Every dataset with its rows in every dataset table: equal snapshots mean nothing changed. */
async function snapshot(db: TestDatabase): Promise<Snapshot> {
  return withDatabase(db, async ({ sql }) => {
    const tables = (
      await sql.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.columns
         WHERE table_schema = 'public' AND column_name = 'dataset_id' ORDER BY table_name`,
      )
    ).map((row) => row.table_name);
    expect(tables).toEqual(expect.arrayContaining(["queries", "documents", "query_scores", "coverage", "correlations"]));
    const datasets = await sql.query<{ id: number; slug: string; query_count: number; document_count: number; created_at: string }>(
      "SELECT id, slug, query_count, document_count, created_at::text AS created_at FROM datasets ORDER BY slug",
    );
    const states: DatasetState[] = datasets.map((d) => ({
      id: d.id,
      slug: d.slug,
      queryCount: d.query_count,
      documentCount: d.document_count,
      createdAt: d.created_at,
      rows: {},
    }));
    let orphans = 0;
    for (const table of tables) {
      const counts = await sql.query<{ dataset_id: number; n: number }>(
        `SELECT dataset_id, count(*)::int AS n FROM "${table}" GROUP BY dataset_id`,
      );
      for (const { dataset_id, n } of counts) {
        const state = states.find((s) => s.id === dataset_id);
        if (state) state.rows[table] = n;
        else orphans += n;
      }
    }
    return { datasets: states, orphans };
  });
}

const slugs = (state: Snapshot) => state.datasets.map((d) => d.slug);
const datasetIn = (state: Snapshot, slug: string) => state.datasets.find((d) => d.slug === slug);

/** A dataset as a user would count it: the datasets row and the rows behind it agree. */
function expectCounts(state: Snapshot, slug: string, queries: number, documents: number) {
  const dataset = datasetIn(state, slug);
  expect(dataset, `dataset "${slug}" among ${slugs(state).join(", ")}`).toBeDefined();
  expect(dataset!.queryCount).toBe(queries);
  expect(dataset!.documentCount).toBe(documents);
  expect(dataset!.rows.queries).toBe(queries);
  expect(dataset!.rows.documents).toBe(documents);
  expect(dataset!.rows.query_scores).toBe(queries);
}

/** 1-based rank of document d by score, descending or ascending; ties keep input order. */
function rankOf(row: ArrayLike<number>, d: number, order: "top" | "bottom"): number {
  const s = row[d]!;
  let rank = 1;
  for (let other = 0; other < row.length; other++) {
    const t = row[other]!;
    const before = order === "top" ? t > s : t < s;
    if (before || (t === s && other < d)) rank++;
  }
  return rank;
}

/**
 * Reads a dataset back through Prisma (counts, ids in order) and SQL (the packed score
 * rows), and compares every stored score and rank with what the fixture wrote.
 */
async function expectStoredScores(db: TestDatabase, slug: string, fixture: Fixture, expected: Float32Array[]) {
  await withDatabase(db, async ({ prisma, sql }) => {
    const dataset = await prisma.dataset.findUnique({
      where: { slug },
      include: { _count: { select: { queries: true, documents: true, scores: true } } },
    });
    expect(dataset).not.toBeNull();
    expect(dataset!.queryCount).toBe(fixture.queries.length);
    expect(dataset!.documentCount).toBe(fixture.documents.length);
    expect(dataset!._count).toEqual({
      queries: fixture.queries.length,
      documents: fixture.documents.length,
      scores: fixture.queries.length,
    });
    const queries = await prisma.query.findMany({ where: { datasetId: dataset!.id }, orderBy: { idx: "asc" } });
    expect(queries.map((q) => q.externalId)).toEqual(fixture.queries.map((q) => q.id));
    expect(queries.map((q) => q.set)).toEqual(fixture.queries.map((q) => q.set));
    const documents = await prisma.document.findMany({ where: { datasetId: dataset!.id }, orderBy: { idx: "asc" } });
    expect(documents.map((d) => d.externalId)).toEqual(fixture.documents.map((d) => d.id));
    expect(documents.map((d) => d.source)).toEqual(fixture.documents.map((d) => d.source));

    const rows = await sql.query<{ query_idx: number; by_document: Uint8Array; top: Uint8Array }>(
      "SELECT query_idx, by_document, top FROM query_scores WHERE dataset_id = $1 ORDER BY query_idx",
      [dataset!.id],
    );
    expect(rows.map((r) => r.query_idx)).toEqual(fixture.queries.map((_, q) => q));
    const D = fixture.documents.length;
    for (const { query_idx: q, by_document: bytes, top } of rows) {
      const want = expected[q]!;
      expect(bytes.byteLength).toBe(D * DOCUMENT_RECORD);
      const stored = Array.from({ length: D }, (_, d) =>
        decodeDocumentRecord(bytes.subarray(d * DOCUMENT_RECORD, (d + 1) * DOCUMENT_RECORD)));
      const label = `query ${fixture.queries[q]!.id}`;
      expect(stored.map((r) => r.score), label).toEqual(Array.from(want));
      expect(stored.map((r) => r.topRank), label).toEqual(Array.from({ length: D }, (_, d) => rankOf(want, d, "top")));
      expect(stored.map((r) => r.bottomRank), label).toEqual(Array.from({ length: D }, (_, d) => rankOf(want, d, "bottom")));
      // The ranked list the query page pages through starts with the highest score.
      const [first] = decodeRanking(top.subarray(0, 8));
      expect(first!.documentIdx).toBe(want.indexOf(Math.max(...want)));
      expect(first!.score).toBe(Math.max(...want));
    }
  });
}

// ---------------------------------------------------------------------------------------
// Fixtures

interface FixtureQuery {
  id: string;
  prompt: string;
  completion: string;
  set: "factual" | "reasoning";
  type: string;
}

interface FixtureDocument {
  id: string;
  source: string;
  text: string;
}

interface Fixture {
  queries: FixtureQuery[];
  documents: FixtureDocument[];
  /** S[q][d] as float64 (what a writer would hold before saving). */
  scores: number[][];
}

const SOURCES = ["wiki", "code", "arxiv", "math_and_trivia"];

/**
 * Q queries × D documents. Scores are k/16 for distinct integers |k| <= 255, so float16,
 * bfloat16, float32 and decimal text all hold them exactly, and every value differs,
 * except one deliberate tie (query 1, documents 3 and 30) that must keep input order.
 */
function makeFixture(Q: number, D: number, prefix = ""): Fixture {
  const queries = Array.from({ length: Q }, (_, q): FixtureQuery => ({
    id: `${prefix}q${q}`,
    prompt: `What is ${q} + ${q}?`,
    completion: String(2 * q),
    set: q % 2 === 0 ? "factual" : "reasoning",
    type: q % 2 === 0 ? "factual" : "arithmetic",
  }));
  const documents = Array.from({ length: D }, (_, d): FixtureDocument => ({
    id: `${prefix}doc-${String(d).padStart(2, "0")}`,
    source: SOURCES[d % SOURCES.length]!,
    text: `Document ${d} about ${SOURCES[d % SOURCES.length]}.`,
  }));
  const scores = queries.map((_, q) => documents.map((_, d) => ((((q * D + d) * 7919) % 511) - 255) / 16));
  if (Q > 1 && D > 30) scores[1]![30] = scores[1]![3]!;
  return { queries, documents, scores };
}

const asFloat32 = (scores: number[][]) => scores.map((row) => Float32Array.from(row));

/** A fresh temporary folder for this file's fixtures. */
function fixtureFolder() {
  const dir = mkdtempSync(path.join(tmpdir(), "ie-ingest-cli-"));
  let counter = 0;
  return {
    dir,
    /** Writes `content` under a unique sub-folder, keeping `name` as the file's own name. */
    write(name: string, content: string | Uint8Array): string {
      const file = path.join(dir, String(++counter), name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

type Folder = ReturnType<typeof fixtureFolder>;

const jsonl = (records: readonly unknown[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";

function writeIdFiles(folder: Folder, fixture: Fixture) {
  return {
    queries: folder.write("queries.jsonl", jsonl(fixture.queries)),
    documents: folder.write("documents.jsonl", jsonl(fixture.documents)),
  };
}

type Dtype = "F16" | "BF16" | "F32" | "F64";

/** Little-endian bytes of values that the dtype holds exactly (throws otherwise). */
function encode(values: readonly number[], dtype: Dtype): Uint8Array {
  if (dtype === "F64") return new Uint8Array(Float64Array.from(values).buffer);
  const f32 = Float32Array.from(values);
  if (dtype === "F32") return new Uint8Array(f32.buffer);
  const bits = new Uint32Array(f32.buffer);
  const out = new Uint16Array(values.length);
  values.forEach((v, i) => {
    if (dtype === "BF16") {
      if ((bits[i]! & 0xffff) !== 0 || f32[i] !== v) throw new Error(`${v} is not a bfloat16`);
      out[i] = bits[i]! >>> 16;
      return;
    }
    // float16: sign, 5-bit exponent (bias 15), 10-bit mantissa; normal numbers and zero only.
    if (v === 0) return;
    const exponent = Math.floor(Math.log2(Math.abs(v)));
    const mantissa = (Math.abs(v) / 2 ** exponent - 1) * 1024;
    if (!Number.isInteger(mantissa) || exponent < -14 || exponent > 15) throw new Error(`${v} is not a float16`);
    out[i] = (v < 0 ? 0x8000 : 0) | ((exponent + 15) << 10) | mantissa;
  });
  return new Uint8Array(out.buffer);
}

/** A safetensors file: u64 header length, JSON header (space-padded to 8 bytes), data. */
function safetensors(tensors: Record<string, { dtype: Dtype; shape: [number, number]; values: number[] }>): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: { format: "pt" } };
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const [name, { dtype, shape, values }] of Object.entries(tensors)) {
    const bytes = encode(values, dtype);
    header[name] = { dtype, shape, data_offsets: [offset, offset + bytes.byteLength] };
    parts.push(bytes);
    offset += bytes.byteLength;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (json.length % 8)) % 8);
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([length, Buffer.from(json), ...parts]);
}

/** An .npy file (format 1.0, C order) of a 2-D little-endian float array. */
function npy(shape: [number, number], values: readonly number[], dtype: "F32" | "F64"): Uint8Array {
  let header = `{'descr': '<f${dtype === "F32" ? 4 : 8}', 'fortran_order': False, 'shape': (${shape[0]}, ${shape[1]}), }`;
  header += " ".repeat((64 - ((10 + header.length + 1) % 64)) % 64) + "\n";
  const prefix = Buffer.alloc(10);
  prefix.write("\x93NUMPY", 0, "latin1");
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  return Buffer.concat([prefix, Buffer.from(header, "latin1"), encode(values, dtype)]);
}

/** Row-major values of S ([Q, D]) or its transpose ([D, Q], as TRAK writes). */
function flatten(scores: number[][], orientation: "QD" | "DQ"): number[] {
  if (orientation === "QD") return scores.flat();
  const D = scores[0]!.length;
  return Array.from({ length: D }, (_, d) => scores.map((row) => row[d]!)).flat();
}

/** Long-format rows in a scrambled order (readers must not rely on row order). */
function longRows(fixture: Fixture) {
  const rows = fixture.queries.flatMap((q, qi) =>
    fixture.documents.map((d, di) => ({ query_id: q.id, document_id: d.id, score: fixture.scores[qi]![di]! })));
  return rows.map((row, i) => ({ row, key: (i * 7919) % rows.length })).sort((a, b) => a.key - b.key).map((r) => r.row);
}

const csv = (rows: { query_id: string; document_id: string; score: number }[]) =>
  "query_id,document_id,score\n" + rows.map((r) => `${r.query_id},${r.document_id},${r.score}`).join("\n") + "\n";

/** Total bytes of the files under a folder (a PGlite data directory grows as it writes). */
function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    try {
      total += statSync(path.join(entry.parentPath, entry.name)).size;
    } catch {
      // A file PostgreSQL removed between listing and stat.
    }
  }
  return total;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------

const Q = 5;
const D = 40;
let folder: Folder;

beforeAll(() => {
  folder = fixtureFolder();
});

afterAll(() => {
  folder?.cleanup();
});

for (const backend of BACKENDS) {
  describe(`ingest CLI on ${backend.name}`, () => {
    let db: TestDatabase;
    const fixture = makeFixture(Q, D);
    let ids: { queries: string; documents: string };
    let baseline: Promise<void> | null = null;

    beforeAll(async () => {
      db = await backend.create();
      ids = writeIdFiles(folder, fixture);
    });

    afterAll(async () => {
      await db?.drop();
    });

    /** A small dataset "baseline" that later refusals and kills must leave untouched. */
    function ensureBaseline(): Promise<void> {
      baseline ??= (async () => {
        const files = { ...ids, scores: folder.write("baseline.csv", csv(longRows(fixture))) };
        await ingest(db, scoreArgs("baseline", files));
      })();
      return baseline;
    }

    describe("each input format stores the scores and ranks it was given", () => {
      test("Kronfluence .safetensors, F32 under all_modules (next to another tensor)", async () => {
        const scores = folder.write("pairwise_scores.safetensors", safetensors({
          // A decoy first: the reader must pick all_modules, not the first tensor.
          "layers.0.mlp": { dtype: "F32", shape: [Q, D], values: flatten(fixture.scores, "QD").map((v) => -v) },
          all_modules: { dtype: "F32", shape: [Q, D], values: flatten(fixture.scores, "QD") },
        }));
        const result = await ingest(db, scoreArgs("st-f32", { ...ids, scores }));
        expect(result.stdout).toMatch(/Loaded "st-f32" .*5 queries × 40 documents = 200 scores/);
        await expectStoredScores(db, "st-f32", fixture, asFloat32(fixture.scores));
      });

      test("Kronfluence .safetensors, F16 (all_modules) and BF16 (named with --key)", async () => {
        const f16 = folder.write("pairwise_scores.safetensors", safetensors({
          all_modules: { dtype: "F16", shape: [Q, D], values: flatten(fixture.scores, "QD") },
        }));
        const bf16 = folder.write("pairwise_scores.safetensors", safetensors({
          summed: { dtype: "BF16", shape: [Q, D], values: flatten(fixture.scores, "QD") },
          other: { dtype: "BF16", shape: [Q, D], values: flatten(fixture.scores, "QD").map((v) => -v) },
        }));
        await ingest(db, scoreArgs("st-f16", { ...ids, scores: f16 }));
        await ingest(db, scoreArgs("st-bf16", { ...ids, scores: bf16 }, "--key", "summed"));
        await expectStoredScores(db, "st-f16", fixture, asFloat32(fixture.scores));
        await expectStoredScores(db, "st-bf16", fixture, asFloat32(fixture.scores));
      });

      test(".npy float64 [queries, documents], rounded to float32", async () => {
        // Thirds are not float32 numbers: the stored value must be the nearest float32.
        const wide = fixture.scores.map((row) => row.map((v) => v + 1 / 3));
        const scores = folder.write("scores.npy", npy([Q, D], flatten(wide, "QD"), "F64"));
        await ingest(db, scoreArgs("npy-qd", { ...ids, scores }));
        const expected = asFloat32(wide);
        expect(expected[0]![0]).not.toBe(wide[0]![0]);
        await expectStoredScores(db, "npy-qd", fixture, expected);
      });

      test("TRAK scores/<experiment>.mmap, float32 [documents, queries], orientation inferred", async () => {
        const scores = folder.write(path.join("scores", "experiment.mmap"), npy([D, Q], flatten(fixture.scores, "DQ"), "F32"));
        await ingest(db, scoreArgs("trak-dq", { ...ids, scores }));
        await expectStoredScores(db, "trak-dq", fixture, asFloat32(fixture.scores));
      });

      test("long CSV query_id,document_id,score in any row order", async () => {
        const scores = folder.write("scores.csv", csv(longRows(fixture)));
        await ingest(db, scoreArgs("long-csv", { ...ids, scores }));
        await expectStoredScores(db, "long-csv", fixture, asFloat32(fixture.scores));
      });

      test("long JSONL {query_id, document_id, score} in any row order", async () => {
        const scores = folder.write("scores.jsonl", jsonl(longRows(fixture)));
        await ingest(db, scoreArgs("long-jsonl", { ...ids, scores }));
        await expectStoredScores(db, "long-jsonl", fixture, asFloat32(fixture.scores));
      });
    });

    describe.skipIf(!existsSync(RUIS_DEMO_7B))("the authors' demo data (../shared/data/ruis-demo)", () => {
      test("--ruis-demo 7B loads 100 queries × 76 distinct documents and keeps global ranks", async () => {
        const result = await ingest(db, ["--name", "ruis-7b", "--ruis-demo", RUIS_DEMO_7B]);
        expect(result.stdout).toMatch(/100 queries × 76 documents/);

        const demo = JSON.parse(readFileSync(RUIS_DEMO_7B, "utf8")) as {
          test_ids: number[];
          training_ids: number[];
          influences_dot: number[][];
          ranks: number[][];
        };
        // First columns of each training id: repeated ids are one document.
        const firstColumn = new Map<number, number>();
        demo.training_ids.forEach((id, j) => firstColumn.has(id) || firstColumn.set(id, j));
        const columns = [...firstColumn.values()];
        expect(columns).toHaveLength(76);

        await withDatabase(db, async ({ prisma, sql }) => {
          const dataset = await prisma.dataset.findUniqueOrThrow({
            where: { slug: "ruis-7b" },
            include: { _count: { select: { queries: true, documents: true } } },
          });
          expect(dataset._count).toEqual({ queries: 100, documents: 76 });
          expect(dataset.hasGlobalRanks).toBe(true);
          // 2324040 appears twice in the file (columns 7 and 15); it is stored once.
          expect(await prisma.document.count({ where: { datasetId: dataset.id, externalId: "2324040" } })).toBe(1);

          // A known document: training id 966532 (column 0) ranks 414,427th of the study's
          // 5M documents for query test_ids[0] (0 = most positive).
          expect(demo.training_ids[0]).toBe(966532);
          expect(demo.ranks[0]![0]).toBe(414427);
          const doc = await prisma.document.findUniqueOrThrow({
            where: { datasetId_externalId: { datasetId: dataset.id, externalId: "966532" } },
          });
          const rows = await sql.query<{ query_idx: number; by_document: Uint8Array; global_ranks: Uint8Array }>(
            "SELECT query_idx, by_document, global_ranks FROM query_scores WHERE dataset_id = $1 ORDER BY query_idx",
            [dataset.id],
          );
          expect(rows).toHaveLength(100);
          for (const { query_idx: q, by_document, global_ranks } of rows) {
            const at = doc.idx;
            const globalRank = decodeGlobalRank(global_ranks.subarray(at * 4, at * 4 + 4));
            expect(globalRank, `query ${q}`).toBe(demo.ranks[q]![0]);
            const record = decodeDocumentRecord(by_document.subarray(at * DOCUMENT_RECORD, (at + 1) * DOCUMENT_RECORD));
            const row = columns.map((j) => Math.fround(demo.influences_dot[q]![j]!));
            expect(record.score, `query ${q}`).toBe(row[columns.indexOf(0)]);
            expect(record.topRank, `query ${q}`).toBe(rankOf(row, columns.indexOf(0), "top"));
          }
          expect(decodeGlobalRank(rows[0]!.global_ranks.subarray(doc.idx * 4, doc.idx * 4 + 4))).toBe(414427);
        });
      });
    });

    describe("bad input is refused with one line naming the file, and changes nothing", () => {
      let before: Snapshot;
      let bad: Folder;

      beforeAll(async () => {
        bad = fixtureFolder();
        await ensureBaseline();
        before = await snapshot(db);
        expectCounts(before, "baseline", Q, D);
      });

      afterAll(() => bad?.cleanup());

      const npyOf = (fixture: Fixture) => npy([Q, D], flatten(fixture.scores, "QD"), "F32");

      // Each case writes its files and says what the single stderr line must name.
      const cases: {
        name: string;
        run(): { args: string[]; file: string; record: string | null; problem: RegExp };
      }[] = [
        {
          name: "unknown score format extension",
          run() {
            const scores = bad.write("scores.parquet", "PAR1");
            return { args: scoreArgs("refused", { ...ids, scores }), file: scores, record: null, problem: /unknown score format "\.parquet"/ };
          },
        },
        {
          name: "matrix shape not matching the query and document counts",
          run() {
            const scores = bad.write("scores.npy", npy([Q, D - 1], flatten(fixture.scores, "QD").slice(0, Q * (D - 1)), "F32"));
            return { args: scoreArgs("refused", { ...ids, scores }), file: scores, record: null, problem: /shape \[5, 39\] does not match 5 queries × 40 documents/ };
          },
        },
        {
          name: "NaN in a .npy",
          run() {
            const values = flatten(fixture.scores, "QD");
            values[2 * D + 7] = Number.NaN;
            const scores = bad.write("scores.npy", npy([Q, D], values, "F32"));
            return { args: scoreArgs("refused", { ...ids, scores }), file: scores, record: "query q2 / document doc-07", problem: /NaN.*finite/ };
          },
        },
        {
          name: "duplicate query id",
          run() {
            const records = [...fixture.queries.slice(0, 3), { ...fixture.queries[3]!, id: "q1" }, fixture.queries[4]];
            const queries = bad.write("queries.jsonl", jsonl(records));
            const scores = bad.write("scores.npy", npyOf(fixture));
            return { args: scoreArgs("refused", { queries, documents: ids.documents, scores }), file: queries, record: "line 4", problem: /duplicate query id "q1" \(first on line 2\)/ };
          },
        },
        {
          name: "unknown document id in a long CSV",
          run() {
            const rows = longRows(fixture);
            rows[10] = { ...rows[10]!, document_id: "doc-999" };
            const scores = bad.write("scores.csv", csv(rows));
            // Line 1 is the header, so row 10 (0-based) is line 12.
            return { args: scoreArgs("refused", { ...ids, scores }), file: scores, record: "line 12", problem: /unknown document id "doc-999"/ };
          },
        },
        {
          name: "missing required field",
          run() {
            const records = fixture.documents.map((d, i) => (i === 2 ? { id: d.id, text: d.text } : d));
            const documents = bad.write("documents.jsonl", jsonl(records));
            const scores = bad.write("scores.npy", npyOf(fixture));
            return { args: scoreArgs("refused", { queries: ids.queries, documents, scores }), file: documents, record: "line 3", problem: /missing required field "source"/ };
          },
        },
        {
          name: "missing pair in a long CSV",
          run() {
            const rows = longRows(fixture).filter((r) => !(r.query_id === "q3" && r.document_id === "doc-17"));
            const scores = bad.write("scores.csv", csv(rows));
            return { args: scoreArgs("refused", { ...ids, scores }), file: scores, record: "query q3 / document doc-17", problem: /pair missing: 1 of 200/ };
          },
        },
        {
          name: "truncated .safetensors",
          run() {
            const whole = safetensors({ all_modules: { dtype: "F32", shape: [Q, D], values: flatten(fixture.scores, "QD") } });
            const scores = bad.write("pairwise_scores.safetensors", whole.subarray(0, whole.byteLength - 100));
            return { args: scoreArgs("refused", { ...ids, scores }), file: scores, record: "tensor all_modules", problem: /truncated/ };
          },
        },
        {
          name: "invalid JSON line",
          run() {
            const lines = jsonl(fixture.queries).split("\n");
            lines[2] = '{"id": "q2", "prompt": "What is 2 + 2?", ';
            const queries = bad.write("queries.jsonl", lines.join("\n"));
            const scores = bad.write("scores.npy", npyOf(fixture));
            return { args: scoreArgs("refused", { queries, documents: ids.documents, scores }), file: queries, record: "line 3", problem: /invalid JSON/ };
          },
        },
        {
          name: "invalid UTF-8",
          run() {
            const text = Buffer.from(jsonl(fixture.documents));
            const lineStart = text.indexOf(JSON.stringify(fixture.documents[4]));
            const at = text.indexOf("Document", lineStart);
            text[at] = 0xff; // never valid in UTF-8
            const documents = bad.write("documents.jsonl", text);
            const scores = bad.write("scores.npy", npyOf(fixture));
            return { args: scoreArgs("refused", { queries: ids.queries, documents, scores }), file: documents, record: "line 5", problem: /invalid UTF-8/ };
          },
        },
        {
          name: "empty file",
          run() {
            const queries = bad.write("queries.jsonl", "");
            const scores = bad.write("scores.npy", npyOf(fixture));
            return { args: scoreArgs("refused", { queries, documents: ids.documents, scores }), file: queries, record: null, problem: /empty/ };
          },
        },
      ];

      // These refusals happen before the database is opened, so they may run side by side.
      test.concurrent.for(cases.map((c) => [c.name, c.run] as const))("%s", async ([, run]) => {
        const { args, file, record, problem } = run();
        expectRefusal(await runCli(db, args), file, record, problem);
      });

      test("an existing dataset name without --replace", async () => {
        const scores = bad.write("scores.npy", npy([Q, D], flatten(fixture.scores, "QD").map((v) => -v), "F32"));
        const result = await runCli(db, scoreArgs("baseline", { ...ids, scores }));
        const lines = result.stderr.split("\n").filter((line) => line.trim() !== "");
        expect(lines, result.stderr).toHaveLength(1);
        expect(result.code).not.toBe(0);
        expect(lines[0]).toContain(path.basename(scores));
        expect(lines[0]).toMatch(/dataset "baseline" already exists; pass --replace/);
        // Unchanged: the same row (id, creation time) with the same rows behind it.
        expect(datasetIn(await snapshot(db), "baseline")).toEqual(datasetIn(before, "baseline"));
      });

      test("after every refusal: the same datasets with the same rows, no new dataset", async () => {
        const after = await snapshot(db);
        expect(slugs(after)).not.toContain("refused");
        expect(after).toEqual(before);
      });
    });

    describe("a killed ingest (SIGKILL) leaves nothing behind", () => {
      // Big enough that the write phase lasts seconds on both backends (PGlite writes about
      // 100k scores/s), small enough that the re-run stays quick.
      const BIG_Q = 40;
      const BIG_D = 10_000;
      let big: { queries: string; documents: string; scores: string };

      beforeAll(async () => {
        await ensureBaseline();
        const bigFixture = makeFixture(BIG_Q, BIG_D, "big-");
        big = {
          ...writeIdFiles(folder, bigFixture),
          scores: folder.write("big.npy", npy([BIG_Q, BIG_D], flatten(bigFixture.scores, "QD"), "F32")),
        };
      });

      async function expectStillRunning(run: CliRun) {
        if (!run.exited()) return;
        const { code, stdout, stderr } = await run.done;
        expect.fail(`the ingest ended (exit ${code}) before it could be killed:\n${stdout}${stderr}`);
      }

      /**
       * Starts the ingest and SIGKILLs it once it is surely inside its write transaction:
       * on PostgreSQL when its session is inserting score rows, on PGlite when the data
       * folder has grown by several MB (PostgreSQL extends relation files as it writes).
       */
      async function killMidWrite(args: string[]): Promise<CliResult> {
        const deadline = Date.now() + 90_000;
        if (db.target.kind === "postgres") {
          const watcher = new pg.Client({ connectionString: db.target.url });
          await watcher.connect();
          try {
            const run = startCli(db, args);
            for (;;) {
              // A session whose transaction has written (it has an xid) and is on the score rows.
              const [row] = (
                await watcher.query<{ n: number }>(
                  `SELECT count(*)::int AS n FROM pg_stat_activity
                   WHERE datname = current_database() AND pid <> pg_backend_pid()
                     AND backend_xid IS NOT NULL AND query ILIKE '%query_scores%'`,
                )
              ).rows;
              if (row!.n > 0 || run.exited() || Date.now() > deadline) break;
              await sleep(20);
            }
            await expectStillRunning(run);
            run.kill();
            const result = await run.done;
            // The server notices the dropped connection, rolls back and ends the session.
            let sessions = -1;
            for (let i = 0; i < 200 && sessions !== 0; i++) {
              if (i > 0) await sleep(50);
              const { rows } = await watcher.query<{ n: number }>(
                "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
              );
              sessions = rows[0]!.n;
            }
            expect(sessions, "the killed ingest's session is still open after 10 s").toBe(0);
            return result;
          } finally {
            await watcher.end();
          }
        }
        const dataDir = db.target.dataDir;
        const startBytes = folderBytes(dataDir);
        const run = startCli(db, args);
        while (!run.exited() && Date.now() < deadline && folderBytes(dataDir) - startBytes < 4_000_000) await sleep(100);
        await expectStillRunning(run);
        run.kill();
        return run.done;
      }

      test("a new dataset killed mid-write: no trace, earlier data intact, and a re-run succeeds", async () => {
        const before = await snapshot(db);
        expectCounts(before, "baseline", Q, D);

        const killed = await killMidWrite(scoreArgs("big", big));
        expect(killed.signal).toBe("SIGKILL");
        expect(killed.stdout, "the ingest had already finished").toBe("");

        // The database reopens (PGlite recovers its folder) and is exactly as before.
        expect(await snapshot(db)).toEqual(before);

        const again = await ingest(db, scoreArgs("big", big));
        expect(again.stdout).toMatch(/Loaded "big" .*40 queries × 10,000 documents/);
        const after = await snapshot(db);
        expectCounts(after, "big", BIG_Q, BIG_D);
        expect(after.orphans).toBe(0);
        expect(after.datasets.filter((d) => d.slug !== "big")).toEqual(before.datasets);
      });

      test("--replace by the synthetic demo, killed mid-write, keeps the dataset it was replacing", async () => {
        const before = await snapshot(db);
        expectCounts(before, "baseline", Q, D);
        const killed = await killMidWrite(["--name", "baseline", "--demo", "7b", "--demo-documents", "8000", "--replace"]);
        expect(killed.signal).toBe("SIGKILL");
        expect(killed.stdout).toBe("");
        expect(await snapshot(db)).toEqual(before);
      });
    });

    test("--replace swaps a dataset for a new one atomically", async () => {
      const first = makeFixture(Q, D, "old-");
      const second = makeFixture(3, 25, "new-");
      const oldFiles = writeIdFiles(folder, first);
      const newFiles = writeIdFiles(folder, second);
      await ingest(db, scoreArgs("swap", { ...oldFiles, scores: folder.write("s.npy", npy([Q, D], flatten(first.scores, "QD"), "F32")) }));
      const before = await snapshot(db);
      expectCounts(before, "swap", Q, D);

      const newScores = folder.write("s.safetensors", safetensors({
        all_modules: { dtype: "F32", shape: [3, 25], values: flatten(second.scores, "QD") },
      }));
      const result = await ingest(db, scoreArgs("swap", { ...newFiles, scores: newScores }, "--replace"));
      expect(result.stdout).toMatch(/^Replaced "swap" .*3 queries × 25 documents/);

      const after = await snapshot(db);
      expectCounts(after, "swap", 3, 25);
      expect(after.orphans).toBe(0);
      expect(after.datasets.filter((d) => d.slug !== "swap")).toEqual(before.datasets.filter((d) => d.slug !== "swap"));
      await expectStoredScores(db, "swap", second, asFloat32(second.scores));
      await withDatabase(db, async ({ prisma }) => {
        // Nothing of the old dataset remains under the slug.
        expect(await prisma.query.count({ where: { externalId: { startsWith: "old-" } } })).toBe(0);
        expect(await prisma.document.count({ where: { externalId: { startsWith: "old-" } } })).toBe(0);
      });
    });
  });
}
