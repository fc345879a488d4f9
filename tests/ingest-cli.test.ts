/**
 * The ingest command, end to end, against a fresh database per backend (PGlite always,
 * PostgreSQL when TEST_DATABASE_URL is set): the test then reads that database the way the
 * app does and checks what a user would: row counts, stored scores and ranks, refusals that
 * name the file and record, and that a refused, killed or replaced ingest never leaves a
 * half-written dataset behind.
 *
 * Most cases call the command in process (lib/ingest/run-ingest.ts, what scripts/ingest.ts
 * runs), sharing one open database: a child process costs seconds of tsx, Prisma and PGlite
 * start-up per case. What is about the process itself runs the real CLI as a child: the
 * exit code and output of a load and of a refusal, and SIGKILL mid-write.
 *
 * Fixtures are written into a temporary folder by the helpers further down this file.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decodeDocumentRecord, decodeGlobalRank, decodeRanking, DOCUMENT_RECORD } from "@/lib/data/store/packed";
import { openDatabase, type Database } from "@/lib/db/database";
import { runIngest } from "@/lib/ingest/run-ingest";
import { BACKENDS, type TestDatabase } from "./support/databases";
import { expectCliRefusal, tempFolder, type CliOutcome, type TempFolder } from "./support/ingest-files";
import { needsRuisDemo } from "./support/needs-ruis-demo";
import { RUIS_DEMO_DIR, ruisDemoFile } from "./support/ruis-demo";
import { npyMatrix, safetensors, tensor } from "./support/score-files";

const ROOT = path.resolve(import.meta.dirname, "..");
const CLI = path.join(ROOT, "scripts", "ingest.ts");
const RUIS_DEMO_7B = ruisDemoFile("7B");

// ---------------------------------------------------------------------------------------
// The database under test, opened once and shared by the in-process runs and the checks

/**
 * One open handle on a test database. PGlite is single-process, so the handle is closed
 * (`release`) before a child process opens the folder; on PostgreSQL closing it also keeps
 * the session counts of the kill tests about the child alone.
 */
function sharedDatabase(db: TestDatabase) {
  let open: Promise<Database> | null = null;
  return {
    get: () => (open ??= openDatabase(db.target)),
    async release() {
      const opened = open;
      open = null;
      if (opened) await (await opened).close();
    },
  };
}

type Shared = ReturnType<typeof sharedDatabase>;

// ---------------------------------------------------------------------------------------
// Running the command

interface CliRun {
  pid: number;
  /** True once the process has exited. */
  exited(): boolean;
  kill(): void;
  done: Promise<CliOutcome>;
}

/**
 * Starts `scripts/ingest.ts` as the user would (`npx tsx scripts/ingest.ts ...`), but as
 * `node --import tsx` so the child's pid is the ingest itself: tsx's own CLI runs the
 * script in a grandchild, which a SIGKILL to the wrapper would leave running.
 */
async function startCli(db: TestDatabase, shared: Shared, args: readonly string[]): Promise<CliRun> {
  await shared.release();
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
  const done = new Promise<CliOutcome>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      exited = true;
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { pid: child.pid!, exited: () => exited, kill: () => child.kill("SIGKILL"), done };
}

const runCli = async (db: TestDatabase, shared: Shared, args: readonly string[]) =>
  (await startCli(db, shared, args)).done;

/** The command in process, writing to the shared database; what it printed and returned. */
async function run(shared: Shared, args: readonly string[]): Promise<CliOutcome> {
  let stdout = "";
  let stderr = "";
  const code = await runIngest(
    args,
    { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } },
    { database: await shared.get() },
  );
  return { code, signal: null, stdout, stderr };
}

/** Expects a load that succeeded: exit 0, nothing on stderr. */
function expectLoaded(result: CliOutcome): CliOutcome {
  expect(result.stderr, "the command wrote to stderr").toBe("");
  expect(result.code).toBe(0);
  return result;
}

/** Runs an ingest (in process) that must succeed, showing its stderr if it does not. */
const ingest = async (shared: Shared, args: readonly string[]) => expectLoaded(await run(shared, args));

/** A dense/long score set on the command line. */
function scoreArgs(name: string, files: { queries: string; documents: string; scores: string }, ...extra: string[]) {
  return ["--name", name, "--queries", files.queries, "--documents", files.documents, "--scores", files.scores, ...extra];
}

// ---------------------------------------------------------------------------------------
// Reading the database back

async function withDatabase<T>(shared: Shared, work: (database: Database) => Promise<T>): Promise<T> {
  return work(await shared.get());
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
async function snapshot(shared: Shared): Promise<Snapshot> {
  return withDatabase(shared, async ({ sql }) => {
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

/**
 * Tables an ingest stages a dataset in before attaching them as its partitions
 * (lib/ingest/staged-load.ts): what a killed ingest leaves until the next ingest drops it.
 */
async function stagingTables(shared: Shared): Promise<string[]> {
  return withDatabase(shared, async ({ sql }) =>
    (await sql.query<{ name: string }>(
      `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'dataset_partitions' AND c.relkind = 'r' AND NOT c.relispartition ORDER BY 1`,
    )).map((row) => row.name));
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
async function expectStoredScores(shared: Shared, slug: string, fixture: Fixture, expected: Float32Array[]) {
  await withDatabase(shared, async ({ prisma, sql }) => {
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

type Folder = TempFolder;

const jsonl = (records: readonly unknown[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";

async function writeIdFiles(folder: Folder, fixture: Fixture) {
  return {
    queries: await folder.write("queries.jsonl", jsonl(fixture.queries)),
    documents: await folder.write("documents.jsonl", jsonl(fixture.documents)),
  };
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

beforeAll(async () => {
  folder = await tempFolder("ie-ingest-cli");
});

afterAll(async () => {
  await folder?.cleanup();
});

/** S as a float32 [Q, D] .npy. */
const npyOf = (fixture: Fixture, values = flatten(fixture.scores, "QD")) =>
  npyMatrix([fixture.queries.length, fixture.documents.length], values, "F32");

for (const backend of BACKENDS) {
  describe(`ingest command on ${backend.name}`, () => {
    let db: TestDatabase;
    let shared: Shared;
    const fixture = makeFixture(Q, D);
    let ids: { queries: string; documents: string };
    let baseline: Promise<void> | null = null;

    beforeAll(async () => {
      db = await backend.create();
      shared = sharedDatabase(db);
      ids = await writeIdFiles(folder, fixture);
    });

    afterAll(async () => {
      await shared?.release();
      await db?.drop();
    });

    /**
     * A small dataset "baseline" that later refusals and kills must leave untouched. Loaded
     * by the real CLI, as a user would: exit code 0, the one summary line on stdout,
     * nothing on stderr.
     */
    function ensureBaseline(): Promise<void> {
      baseline ??= (async () => {
        const files = { ...ids, scores: await folder.write("baseline.csv", csv(longRows(fixture))) };
        const result = expectLoaded(await runCli(db, shared, scoreArgs("baseline", files)));
        expect(result.signal).toBeNull();
        expect(result.stdout).toMatch(/^Loaded "baseline" into .*: 5 queries × 40 documents = 200 scores in [\d.]+ s .*\n$/);
        expect(result.stdout.trimEnd().split("\n")).toHaveLength(1);
      })();
      return baseline;
    }

    describe("each input format stores the scores and ranks it was given", () => {
      test("Kronfluence .safetensors, F32 under all_modules (next to another tensor)", async () => {
        const scores = await folder.write("pairwise_scores.safetensors", safetensors({
          // A decoy first: the reader must pick all_modules, not the first tensor.
          "layers.0.mlp": tensor("F32", [Q, D], flatten(fixture.scores, "QD").map((v) => -v)),
          all_modules: tensor("F32", [Q, D], flatten(fixture.scores, "QD")),
        }, { format: "pt" }));
        const result = await ingest(shared, scoreArgs("st-f32", { ...ids, scores }));
        expect(result.stdout).toMatch(/Loaded "st-f32" .*5 queries × 40 documents = 200 scores/);
        await expectStoredScores(shared, "st-f32", fixture, asFloat32(fixture.scores));
      });

      test("Kronfluence .safetensors, F16 (all_modules) and BF16 (named with --key)", async () => {
        const f16 = await folder.write("pairwise_scores.safetensors", safetensors({
          all_modules: tensor("F16", [Q, D], flatten(fixture.scores, "QD")),
        }, { format: "pt" }));
        const bf16 = await folder.write("pairwise_scores.safetensors", safetensors({
          summed: tensor("BF16", [Q, D], flatten(fixture.scores, "QD")),
          other: tensor("BF16", [Q, D], flatten(fixture.scores, "QD").map((v) => -v)),
        }, { format: "pt" }));
        await ingest(shared, scoreArgs("st-f16", { ...ids, scores: f16 }));
        await ingest(shared, scoreArgs("st-bf16", { ...ids, scores: bf16 }, "--key", "summed"));
        await expectStoredScores(shared, "st-f16", fixture, asFloat32(fixture.scores));
        await expectStoredScores(shared, "st-bf16", fixture, asFloat32(fixture.scores));
      });

      test(".npy float64 [queries, documents], rounded to float32", async () => {
        // Thirds are not float32 numbers: the stored value must be the nearest float32.
        const wide = fixture.scores.map((row) => row.map((v) => v + 1 / 3));
        const scores = await folder.write("scores.npy", npyMatrix([Q, D], flatten(wide, "QD"), "F64"));
        await ingest(shared, scoreArgs("npy-qd", { ...ids, scores }));
        const expected = asFloat32(wide);
        expect(expected[0]![0]).not.toBe(wide[0]![0]);
        await expectStoredScores(shared, "npy-qd", fixture, expected);
      });

      test("TRAK scores/<experiment>.mmap, float32 [documents, queries], orientation inferred", async () => {
        const scores = await folder.write(path.join("scores", "experiment.mmap"), npyMatrix([D, Q], flatten(fixture.scores, "DQ"), "F32"));
        await ingest(shared, scoreArgs("trak-dq", { ...ids, scores }));
        await expectStoredScores(shared, "trak-dq", fixture, asFloat32(fixture.scores));
      });

      test("long CSV query_id,document_id,score in any row order", async () => {
        const scores = await folder.write("scores.csv", csv(longRows(fixture)));
        await ingest(shared, scoreArgs("long-csv", { ...ids, scores }));
        await expectStoredScores(shared, "long-csv", fixture, asFloat32(fixture.scores));
      });

      test("long JSONL {query_id, document_id, score} in any row order", async () => {
        const scores = await folder.write("scores.jsonl", jsonl(longRows(fixture)));
        await ingest(shared, scoreArgs("long-jsonl", { ...ids, scores }));
        await expectStoredScores(shared, "long-jsonl", fixture, asFloat32(fixture.scores));
      });
    });

    describe(`the authors' demo data (${RUIS_DEMO_DIR})`, () => {
      needsRuisDemo();

      test("--ruis-demo 7B loads 100 queries × 76 distinct documents and keeps global ranks", async () => {
        const result = await ingest(shared, ["--name", "ruis-7b", "--ruis-demo", RUIS_DEMO_7B]);
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

        await withDatabase(shared, async ({ prisma, sql }) => {
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
        bad = await tempFolder("ie-ingest-cli-bad");
        await ensureBaseline();
        before = await snapshot(shared);
        expectCounts(before, "baseline", Q, D);
      });

      afterAll(() => bad?.cleanup());

      // Each case writes its files and says what the single stderr line must name.
      const cases: {
        name: string;
        files(): Promise<{ args: string[]; file: string; record?: string; problem: RegExp }>;
      }[] = [
        {
          name: "unknown score format extension",
          async files() {
            const scores = await bad.write("scores.parquet", "PAR1");
            return { args: scoreArgs("refused", { ...ids, scores }), file: scores, problem: /unknown score format "\.parquet"/ };
          },
        },
        {
          name: "matrix shape not matching the query and document counts",
          async files() {
            const scores = await bad.write("scores.npy", npyMatrix([Q, D - 1], flatten(fixture.scores, "QD").slice(0, Q * (D - 1)), "F32"));
            return { args: scoreArgs("refused", { ...ids, scores }), file: scores, problem: /shape \[5, 39\] does not match 5 queries × 40 documents/ };
          },
        },
        {
          name: "NaN in a .npy",
          async files() {
            const values = flatten(fixture.scores, "QD");
            values[2 * D + 7] = Number.NaN;
            const scores = await bad.write("scores.npy", npyOf(fixture, values));
            return { args: scoreArgs("refused", { ...ids, scores }), file: scores, record: "query q2 / document doc-07", problem: /NaN.*finite/ };
          },
        },
        {
          name: "duplicate query id",
          async files() {
            const records = [...fixture.queries.slice(0, 3), { ...fixture.queries[3]!, id: "q1" }, fixture.queries[4]];
            const queries = await bad.write("queries.jsonl", jsonl(records));
            const scores = await bad.write("scores.npy", npyOf(fixture));
            return { args: scoreArgs("refused", { queries, documents: ids.documents, scores }), file: queries, record: "line 4", problem: /duplicate query id "q1" \(first on line 2\)/ };
          },
        },
        {
          name: "unknown document id in a long CSV",
          async files() {
            const rows = longRows(fixture);
            rows[10] = { ...rows[10]!, document_id: "doc-999" };
            const scores = await bad.write("scores.csv", csv(rows));
            // Line 1 is the header, so row 10 (0-based) is line 12.
            return { args: scoreArgs("refused", { ...ids, scores }), file: scores, record: "line 12", problem: /unknown document id "doc-999"/ };
          },
        },
        {
          name: "missing required field",
          async files() {
            const records = fixture.documents.map((d, i) => (i === 2 ? { id: d.id, text: d.text } : d));
            const documents = await bad.write("documents.jsonl", jsonl(records));
            const scores = await bad.write("scores.npy", npyOf(fixture));
            return { args: scoreArgs("refused", { queries: ids.queries, documents, scores }), file: documents, record: "line 3", problem: /missing required field "source"/ };
          },
        },
        {
          name: "missing pair in a long CSV",
          async files() {
            const rows = longRows(fixture).filter((r) => !(r.query_id === "q3" && r.document_id === "doc-17"));
            const scores = await bad.write("scores.csv", csv(rows));
            return { args: scoreArgs("refused", { ...ids, scores }), file: scores, record: "query q3 / document doc-17", problem: /pair missing: 1 of 200/ };
          },
        },
        {
          name: "truncated .safetensors",
          async files() {
            const whole = safetensors({ all_modules: tensor("F32", [Q, D], flatten(fixture.scores, "QD")) }, { format: "pt" });
            const scores = await bad.write("pairwise_scores.safetensors", whole.subarray(0, whole.byteLength - 100));
            return { args: scoreArgs("refused", { ...ids, scores }), file: scores, record: "tensor all_modules", problem: /truncated/ };
          },
        },
        {
          name: "invalid JSON line",
          async files() {
            const lines = jsonl(fixture.queries).split("\n");
            lines[2] = '{"id": "q2", "prompt": "What is 2 + 2?", ';
            const queries = await bad.write("queries.jsonl", lines.join("\n"));
            const scores = await bad.write("scores.npy", npyOf(fixture));
            return { args: scoreArgs("refused", { queries, documents: ids.documents, scores }), file: queries, record: "line 3", problem: /invalid JSON/ };
          },
        },
        {
          name: "invalid UTF-8",
          async files() {
            const text = Buffer.from(jsonl(fixture.documents));
            const lineStart = text.indexOf(JSON.stringify(fixture.documents[4]));
            const at = text.indexOf("Document", lineStart);
            text[at] = 0xff; // never valid in UTF-8
            const documents = await bad.write("documents.jsonl", text);
            const scores = await bad.write("scores.npy", npyOf(fixture));
            return { args: scoreArgs("refused", { queries: ids.queries, documents, scores }), file: documents, record: "line 5", problem: /invalid UTF-8/ };
          },
        },
        {
          name: "empty file",
          async files() {
            const queries = await bad.write("queries.jsonl", "");
            const scores = await bad.write("scores.npy", npyOf(fixture));
            return { args: scoreArgs("refused", { queries, documents: ids.documents, scores }), file: queries, problem: /empty/ };
          },
        },
      ];

      // These refusals happen before the database is touched, so they may run side by side.
      test.concurrent.for(cases.map((c) => [c.name, c.files] as const))("%s", async ([, files]) => {
        const { args, file, record, problem } = await files();
        expectCliRefusal(await run(shared, args), file, record, problem);
      });

      test("as a process: exit code 1, one stderr line, nothing on stdout", async () => {
        const { args, file, record, problem } = await cases[0]!.files();
        const result = await runCli(db, shared, args);
        expectCliRefusal(result, file, record, problem);
        expect(result.code).toBe(1);
      });

      test("an existing dataset name without --replace", async () => {
        const scores = await bad.write("scores.npy", npyOf(fixture, flatten(fixture.scores, "QD").map((v) => -v)));
        const result = await run(shared, scoreArgs("baseline", { ...ids, scores }));
        const lines = result.stderr.split("\n").filter((line) => line.trim() !== "");
        expect(lines, result.stderr).toHaveLength(1);
        expect(result.code).not.toBe(0);
        expect(lines[0]).toContain(path.basename(scores));
        expect(lines[0]).toMatch(/dataset "baseline" already exists; pass --replace/);
        // Unchanged: the same row (id, creation time) with the same rows behind it.
        expect(datasetIn(await snapshot(shared), "baseline")).toEqual(datasetIn(before, "baseline"));
      });

      test("after every refusal: the same datasets with the same rows, no new dataset", async () => {
        const after = await snapshot(shared);
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
          ...(await writeIdFiles(folder, bigFixture)),
          scores: await folder.write("big.npy", npyOf(bigFixture)),
        };
      });

      async function expectStillRunning(run: CliRun) {
        if (!run.exited()) return;
        const { code, stdout, stderr } = await run.done;
        expect.fail(`the ingest ended (exit ${code}) before it could be killed:\n${stdout}${stderr}`);
      }

      /**
       * Starts the ingest and SIGKILLs it once it is surely writing its staging tables: on
       * PostgreSQL when its session has sent score rows, on PGlite when the data folder has
       * grown by several MB (PostgreSQL extends relation files as it writes).
       */
      async function killMidWrite(args: string[]): Promise<CliOutcome> {
        const deadline = Date.now() + 90_000;
        if (db.target.kind === "postgres") {
          const watcher = new pg.Client({ connectionString: db.target.url });
          await watcher.connect();
          try {
            const run = await startCli(db, shared, args);
            for (;;) {
              // A session on (or just past) the score rows of its staging table (sent by COPY).
              const [row] = (
                await watcher.query<{ n: number }>(
                  `SELECT count(*)::int AS n FROM pg_stat_activity
                   WHERE datname = current_database() AND pid <> pg_backend_pid()
                     AND query ILIKE 'COPY "dataset_partitions"."query_scores_%'`,
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
        await shared.release();
        const startBytes = folderBytes(dataDir);
        const run = await startCli(db, shared, args);
        while (!run.exited() && Date.now() < deadline && folderBytes(dataDir) - startBytes < 4_000_000) await sleep(100);
        await expectStillRunning(run);
        run.kill();
        return run.done;
      }

      test("a new dataset killed mid-write: no trace, earlier data intact, and a re-run succeeds", async () => {
        const before = await snapshot(shared);
        expectCounts(before, "baseline", Q, D);

        const killed = await killMidWrite(scoreArgs("big", big));
        expect(killed.signal).toBe("SIGKILL");
        expect(killed.stdout, "the ingest had already finished").toBe("");
        // Its temporary files (ranks, texts) were unlinked when opened: none is left.
        expect(readdirSync(tmpdir()).filter((name) => name.startsWith("influence-explorer-"))).toEqual([]);

        // The database reopens (PGlite recovers its folder) and is exactly as before; only
        // the staging tables of the killed ingest remain, outside the app's schema.
        expect(await snapshot(shared)).toEqual(before);
        expect(await stagingTables(shared)).not.toEqual([]);

        const again = await ingest(shared, scoreArgs("big", big));
        expect(again.stdout).toMatch(/Loaded "big" .*40 queries × 10,000 documents/);
        const after = await snapshot(shared);
        expectCounts(after, "big", BIG_Q, BIG_D);
        expect(after.orphans).toBe(0);
        // The re-run dropped the killed ingest's staging tables before it started.
        expect(await stagingTables(shared)).toEqual([]);
        expect(after.datasets.filter((d) => d.slug !== "big")).toEqual(before.datasets);
      });

      test("--replace by the synthetic demo, killed mid-write, keeps the dataset it was replacing", async () => {
        const before = await snapshot(shared);
        expectCounts(before, "baseline", Q, D);
        const killed = await killMidWrite(["--name", "baseline", "--demo", "7b", "--demo-documents", "8000", "--replace"]);
        expect(killed.signal).toBe("SIGKILL");
        expect(killed.stdout).toBe("");
        expect(await snapshot(shared)).toEqual(before);
        expect(await stagingTables(shared)).not.toEqual([]);
        // The next ingest (of any dataset) drops them.
        await ingest(shared, scoreArgs("after-kill", { ...ids, scores: await folder.write("after-kill.npy", npyOf(fixture)) }));
        expect(await stagingTables(shared)).toEqual([]);
        expect((await snapshot(shared)).datasets.find((d) => d.slug === "baseline")).toEqual(datasetIn(before, "baseline"));
      });
    });

    test("--replace swaps a dataset for a new one atomically", async () => {
      const first = makeFixture(Q, D, "old-");
      const second = makeFixture(3, 25, "new-");
      const oldFiles = await writeIdFiles(folder, first);
      const newFiles = await writeIdFiles(folder, second);
      await ingest(shared, scoreArgs("swap", { ...oldFiles, scores: await folder.write("s.npy", npyOf(first)) }));
      const before = await snapshot(shared);
      expectCounts(before, "swap", Q, D);

      const newScores = await folder.write("s.safetensors", safetensors({
        all_modules: tensor("F32", [3, 25], flatten(second.scores, "QD")),
      }, { format: "pt" }));
      const result = await ingest(shared, scoreArgs("swap", { ...newFiles, scores: newScores }, "--replace"));
      expect(result.stdout).toMatch(/^Replaced "swap" .*3 queries × 25 documents/);

      const after = await snapshot(shared);
      expectCounts(after, "swap", 3, 25);
      expect(after.orphans).toBe(0);
      expect(after.datasets.filter((d) => d.slug !== "swap")).toEqual(before.datasets.filter((d) => d.slug !== "swap"));
      await expectStoredScores(shared, "swap", second, asFloat32(second.scores));
      await withDatabase(shared, async ({ prisma }) => {
        // Nothing of the old dataset remains under the slug.
        expect(await prisma.query.count({ where: { externalId: { startsWith: "old-" } } })).toBe(0);
        expect(await prisma.document.count({ where: { externalId: { startsWith: "old-" } } })).toBe(0);
      });
    });
  });
}
