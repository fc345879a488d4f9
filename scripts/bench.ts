/**
 * npm run bench [-- --documents 1000000 --queries-per-route 200 --skip-copy --skip-pages --skip-search --ingest-only --keep]
 *
 * Prints the speed floor figures of the foundation issue, on the local PostgreSQL
 * (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres; a scratch
 * database is created and dropped):
 *   1. generating a synthetic 1,000,000 documents x 100 queries dataset, writing it as
 *      files (queries.jsonl, documents.jsonl, an F32 scores.safetensors) and loading
 *      them with `npm run ingest` in a child process, all statistics included: its time
 *      and the peak RSS (VmHWM) of that process;
 *   2. a plain COPY of the same scores as (query, document, score) rows, for scale;
 *   3. p50 / p95 / max latency of every API route through `next start`, deep pages too,
 *      the pair scatter, the cross-dataset compare and the agreement (against
 *      "bench-trak", a second, TRAK-like method over the same documents and the first
 *      COMPARE_QUERIES queries, ingested untimed after the first, then its comparisons
 *      with bench precomputed as `npm run ingest` does, timed; the first requests, which
 *      read those rows, timed apart from the later ones);
 *   4. every view's server response and load time in a real Chromium;
 *   5. whole-corpus search (GET /search and /search/queries): p50/p95/max of searches
 *      matching up to 10,000 documents and of the most common words (the worst case).
 * `--ingest-only` stops after 1 (and the storage figures); `--search-only` skips 2-4, `--skip-search` skips 5;
 * `--search-database <url>` times 5 alone against a database an earlier `--keep` run left loaded (no generate, no ingest).
 * Figures only: nothing here passes or fails.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { openDatabase } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { allowServerModules } from "@/lib/db/server-process";
import { generateDemoDataset } from "@/lib/demo/generate";
import { trakLikeDataset } from "@/lib/demo/trak";
import { searchWords } from "@/lib/domain/search";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import type { DatasetInput } from "@/lib/domain/records";
import { writeQueriesAndDocuments } from "./support/dataset-files";
import { cleanupOnExit, createScratchDatabase, type ScratchDatabase } from "./support/scratch-database";
import { buildIfStale, choosePort, ROOT, startNext, waitUntilReady, type NextServer } from "./support/server";

const { values: args } = parseArgs({
  options: {
    documents: { type: "string", default: "1000000" },
    "queries-per-route": { type: "string", default: "200" },
    "page-loads": { type: "string", default: "5" },
    "skip-copy": { type: "boolean", default: false },
    "skip-pages": { type: "boolean", default: false },
    "ingest-only": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "search-only": { type: "boolean", default: false },
    "skip-search": { type: "boolean", default: false },
    "search-database": { type: "string" },
    // Default: a free port.
    port: { type: "string" },
  },
});
const DOCUMENTS = Number(args.documents);
const REQUESTS = Number(args["queries-per-route"]);
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Queries of the second dataset the cross-dataset compare is measured against (few: its ingest is not the point). */
const COMPARE_QUERIES = 10;

const seconds = (since: number) => (performance.now() - since) / 1000;
const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1 });

/** Plain COPY of Q x D (query_idx, document_idx, score) text rows into a bare table. */
async function plainCopy(benchUrl: string, scores: Float32Array[]): Promise<number> {
  const client = new pg.Client({ connectionString: benchUrl });
  await client.connect();
  try {
    await client.query("CREATE TABLE copy_baseline (query_idx int, document_idx int, score real)");
    const started = performance.now();
    async function* rows() {
      for (let q = 0; q < scores.length; q++) {
        const row = scores[q]!;
        for (let start = 0; start < row.length; start += 65_536) {
          let chunk = "";
          const end = Math.min(row.length, start + 65_536);
          for (let d = start; d < end; d++) chunk += `${q}\t${d}\t${row[d]}\n`;
          yield chunk;
        }
      }
    }
    await pipeline(Readable.from(rows()), client.query(copyFrom("COPY copy_baseline FROM STDIN")));
    return seconds(started);
  } finally {
    await client.query("DROP TABLE IF EXISTS copy_baseline").catch(() => undefined);
    await client.end();
  }
}

/** The dataset as `npm run ingest` reads it: queries.jsonl, documents.jsonl and F32 [Q, D] scores.safetensors. */
function writeDatasetFiles(input: DatasetInput, dir: string) {
  const files = { ...writeQueriesAndDocuments(input, dir), scores: path.join(dir, "scores.safetensors") };
  const Q = input.scores.length;
  const D = input.documents.length;
  let header = JSON.stringify({ all_modules: { dtype: "F32", shape: [Q, D], data_offsets: [0, Q * D * 4] } });
  header += " ".repeat((8 - (header.length % 8)) % 8);
  const fd = openSync(files.scores, "w");
  try {
    const prefix = Buffer.alloc(8);
    prefix.writeBigUInt64LE(BigInt(header.length));
    writeSync(fd, prefix);
    writeSync(fd, header);
    for (const row of input.scores) writeSync(fd, new Uint8Array(row.buffer, row.byteOffset, row.byteLength));
  } finally {
    closeSync(fd);
  }
  return files;
}

/** VmHWM (peak resident set) in bytes of a process and its descendants, by pid, read from /proc. */
function peakResident(root: number, peaks: Map<number, number>): void {
  const visit = (pid: number) => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kB = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peaks.set(pid, Math.max(peaks.get(pid) ?? 0, kB * 1024));
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
        for (const child of children ? children.split(" ") : []) visit(Number(child));
      }
    } catch {
      // The process ended between two reads.
    }
  };
  visit(root);
}

/**
 * Runs `npm run ingest -- <args>` against `databaseUrl`; returns its wall time and the
 * largest peak RSS of any process it started (the ingest's own node process).
 */
async function ingestProcess(args: string[], databaseUrl: string): Promise<{ seconds: number; peakRss: number; output: string }> {
  const started = performance.now();
  const child = spawn("npm", ["run", "--silent", "ingest", "--", ...args], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "pipe", "pipe"],
  });
  ingestChild = child;
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const peaks = new Map<number, number>();
  const sampler = setInterval(() => peakResident(child.pid!, peaks), 200);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearInterval(sampler);
  ingestChild = undefined;
  if (code !== 0) throw new Error(`npm run ingest exited ${code}: ${output.trim()}`);
  return { seconds: seconds(started), peakRss: Math.max(0, ...peaks.values()), output: output.trim() };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

let scratch: ScratchDatabase | undefined;
let server: NextServer | undefined;
let ingestChild: ChildProcess | undefined;
const cleanup = cleanupOnExit(args.keep, () => ({ scratch, server, child: ingestChild }));

/** Search timings alone, against a bench database an earlier `--keep` run loaded. */
async function searchOnly(url: string) {
  const db = await openDatabase({ kind: "postgres", url });
  let queryIds: string[];
  let words: { word: string; estimate: number }[];
  try {
    const queries = await db.sql.query<{ external_id: string }>(
      "SELECT q.external_id FROM queries q JOIN datasets d ON d.id = q.dataset_id WHERE d.slug = 'bench' ORDER BY q.idx");
    queryIds = queries.map((q) => q.external_id);
    // Exact document frequencies: a term's postings are 2 bytes a document.
    words = await db.sql.query<{ word: string; estimate: number }>(
      `SELECT p.term AS word, sum(length(p.documents) / 2)::float8 AS estimate
       FROM search_postings p JOIN datasets d ON d.id = p.dataset_id
       WHERE d.slug = 'bench' AND position(' ' IN p.term) = 0 GROUP BY p.term ORDER BY estimate`);
  } finally {
    await db.close();
  }
  buildIfStale();
  server = startNext({ port: await choosePort(args.port), env: { DATABASE_URL: url }, quiet: true });
  await waitUntilReady(server, 120_000);
  await searchTimings(server.base, queryIds, words);
}

async function main() {
  if (args["search-database"]) return searchOnly(args["search-database"]);
  await choosePort(args.port); // a taken --port fails now, not after the ingest
  scratch = await createScratchDatabase(adminUrl, "ie_bench");
  const benchUrl = scratch.url;
  console.log(`Benchmark on ${new URL(adminUrl).host}, scratch database ${scratch.name}`);
  const db = await openDatabase({ kind: "postgres", url: benchUrl });
  try {
    await migrate(db.sql);
    let started = performance.now();
    const input = generateDemoDataset("7b", { documents: DOCUMENTS });
    input.meta = { ...input.meta, slug: "bench", name: `Benchmark ${fmt(DOCUMENTS)} documents` };
    const generateSeconds = seconds(started);
    const Q = input.queries.length;
    console.log(`generate   ${fmt(Q)} queries x ${fmt(DOCUMENTS)} documents: ${generateSeconds.toFixed(1)} s`);

    started = performance.now();
    const dir = mkdtempSync(path.join(tmpdir(), "ie-bench-files-"));
    let ingest: Awaited<ReturnType<typeof ingestProcess>>;
    try {
      const files = writeDatasetFiles(input, dir);
      console.log(`files      queries.jsonl, documents.jsonl, scores.safetensors written: ${seconds(started).toFixed(1)} s`);
      ingest = await ingestProcess(["--name", "bench", "--title", input.meta.name, "--queries", files.queries,
        "--documents", files.documents, "--scores", files.scores], benchUrl);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const ingestSeconds = ingest.seconds;
    const summary = { scores: Q * DOCUMENTS };
    const matrixBytes = summary.scores * 4;
    console.log(`ingest     npm run ingest, ${fmt(summary.scores)} scores with all statistics: ${ingestSeconds.toFixed(1)} s ` +
      `(${fmt(summary.scores / ingestSeconds)} scores/s, process start included)\n           ${ingest.output}`);
    console.log(`memory     peak RSS of the ingest process ${fmt(ingest.peakRss / 2 ** 20)} MiB = ${(ingest.peakRss / matrixBytes).toFixed(2)} x the float32 matrix ` +
      `(${fmt(matrixBytes / 2 ** 20)} MiB)`);
    const [size] = await db.sql.query<{ bytes: number }>("SELECT pg_database_size(current_database())::float8 AS bytes");
    console.log(`storage    ${fmt(size!.bytes / 2 ** 30)} GiB on disk (${fmt(size!.bytes / summary.scores)} bytes a score)`);
    const searchTables = await db.sql.query<{ name: string; bytes: number }>(
      // Partitioned by dataset (lib/ingest/staged-load.ts): the sizes of their partitions.
      `SELECT t.name, (SELECT sum(pg_total_relation_size(p.relid)) FROM pg_partition_tree(t.name::regclass) p)::float8 AS bytes
       FROM unnest(ARRAY['document_rank_buckets', 'search_postings']) AS t(name) ORDER BY t.name`);
    console.log(`search     index on disk: ${searchTables.map((t) => `${t.name} ${fmt(t.bytes / 2 ** 20)} MiB`).join(", ")}`);
    if (args["ingest-only"]) return;

    const searchWordsByFrequency = sampleWordFrequencies(input.documents.map((d) => d));

    if (!args["skip-copy"] && !args["search-only"]) {
      const copySeconds = await plainCopy(benchUrl, input.scores);
      console.log(`plain COPY ${fmt(summary.scores)} (query, document, score) rows: ${copySeconds.toFixed(1)} s; ` +
        `ingest / COPY = ${(ingestSeconds / copySeconds).toFixed(2)}`);
    }

    // The cross-dataset compare needs a second dataset with the same prompts and documents.
    if (!args["search-only"]) {
      started = performance.now();
      const subset = { ...input, queries: input.queries.slice(0, COMPARE_QUERIES), scores: input.scores.slice(0, COMPARE_QUERIES) };
      await ingestDataset(db.sql, { ...trakLikeDataset(subset), meta: { ...input.meta, slug: "bench-trak", name: "Benchmark, TRAK-like" } });
      console.log(`second     bench-trak (${COMPARE_QUERIES} queries x ${fmt(DOCUMENTS)} documents, for the compare), untimed: ${seconds(started).toFixed(1)} s`);
      // As `npm run ingest` does after the commit: the comparisons with bench, stored.
      await allowServerModules();
      const { precomputeComparisons } = await import("@/lib/ingest/precompute-comparisons");
      const compared = await precomputeComparisons(db, "bench-trak");
      console.log(`           its comparisons with bench (alignments, agreement, ${compared.queryPairs} query pairs) precomputed: ` +
        `${compared.seconds.toFixed(1)} s more`);
    }

    const queryIds = input.queries.map((q) => q.id);
    const documentIds = input.documents.map((d) => d.id);
    input.scores.length = 0; // free the matrix before the server starts

    buildIfStale();
    server = startNext({ port: await choosePort(args.port), env: { DATABASE_URL: benchUrl }, quiet: true });
    await waitUntilReady(server, 120_000);
    const base = server.base;

    const random = (n: number) => Math.floor(Math.random() * n);
    const routes: [string, () => string][] = [
      ["GET /api/datasets", () => "/api/datasets"],
      ["GET /queries", () => "/api/datasets/bench/queries"],
      ["GET /queries/{id}/documents top, offset 0", () => `/api/datasets/bench/queries/${queryIds[random(Q)]}/documents?order=top&limit=50`],
      ["GET /queries/{id}/documents top, offset 900,000", () =>
        `/api/datasets/bench/queries/${queryIds[random(Q)]}/documents?order=top&offset=${Math.min(900_000, DOCUMENTS - 50)}&limit=50`],
      ["GET /queries/{id}/documents bottom, random offset", () =>
        `/api/datasets/bench/queries/${queryIds[random(Q)]}/documents?order=bottom&offset=${random(DOCUMENTS - 50)}&limit=50`],
      ["GET /documents/{id}", () => `/api/datasets/bench/documents/${documentIds[random(DOCUMENTS)]}`],
      ["GET /correlations?method=pearson", () => "/api/datasets/bench/correlations?method=pearson"],
      ["GET /correlations?method=spearman", () => "/api/datasets/bench/correlations?method=spearman"],
      ["GET /coverage", () => "/api/datasets/bench/coverage"],
      ["GET /sources?tail=top", () => "/api/datasets/bench/sources?tail=top"],
      ["GET /powerlaw", () => "/api/datasets/bench/powerlaw"],
      ["GET /scatter?a=&b= (random pair, density)", () => `/api/datasets/bench/scatter?a=${queryIds[random(Q)]}&b=${queryIds[random(Q)]}`],
      ["GET /scatter?a=&b=&extent=full (random pair)", () => `/api/datasets/bench/scatter?a=${queryIds[random(Q)]}&b=${queryIds[random(Q)]}&extent=full`],
      ["GET /compare page, cross-dataset (bench vs bench-trak)", () => {
        const id = queryIds[random(COMPARE_QUERIES)];
        return `/compare?a=bench/query/${id}&b=bench-trak/query/${id}`;
      }],
      ["GET /api/agreement?a=bench&b=bench-trak", () => "/api/agreement?a=bench&b=bench-trak"],
    ];
    if (!args["skip-search"]) await searchTimings(base, queryIds, searchWordsByFrequency);
    if (args["search-only"]) return;

    // A compared query pair's statistics and the agreement are stored at ingest: time the
    // first requests apart (they read those rows), then again with the rows deleted, as
    // before the precomputation (each computes and stores its row), so the route's
    // figures below are the later reads.
    const firstRequests = async (label: string) => {
      const agreementStarted = performance.now();
      const agreement = await fetch(`${base}/api/agreement?a=bench&b=bench-trak`);
      await agreement.arrayBuffer();
      if (!agreement.ok) throw new Error(`agreement, first request: HTTP ${agreement.status}`);
      const agreementMs = performance.now() - agreementStarted;
      const firsts: number[] = [];
      for (const id of queryIds.slice(0, COMPARE_QUERIES)) {
        const t = performance.now();
        const response = await fetch(`${base}/compare?a=bench/query/${id}&b=bench-trak/query/${id}`);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`compare, first request: HTTP ${response.status}`);
        firsts.push(performance.now() - t);
      }
      firsts.sort((a, b) => a - b);
      console.log(`\nfirst requests, ${label}:\n  agreement (bench vs bench-trak) ${agreementMs.toFixed(1)} ms; ` +
        `compare page, each of ${COMPARE_QUERIES} query pairs: p50 ${percentile(firsts, 50).toFixed(1)} ms, max ${firsts.at(-1)!.toFixed(1)} ms`);
    };
    // Warm the fresh server first (per-process memos of both datasets' panels): the whole
    // datasets' compare page, which reads no pair's row.
    await (await fetch(`${base}/compare?a=bench&b=bench-trak`)).arrayBuffer();
    await firstRequests("precomputed at ingest (they read the stored rows)");
    await db.sql.query("DELETE FROM cross_query_statistics");
    await db.sql.query("DELETE FROM agreements");
    await db.sql.query("DELETE FROM document_alignments");
    await firstRequests("the stored rows deleted, as before the precomputation (each computes and stores its row)");

    console.log(`\nAPI latency over ${REQUESTS} sequential requests per route (after 10 warm-up requests):`);
    console.log(`${"route".padEnd(52)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}`);
    for (const [name, makePath] of routes) {
      for (let i = 0; i < 10; i++) await (await fetch(base + makePath())).arrayBuffer();
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const response = await fetch(base + makePath());
        await response.arrayBuffer();
        times.push(performance.now() - t);
        if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      }
      times.sort((a, b) => a - b);
      console.log(`${name.padEnd(52)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)} ${times.at(-1)!.toFixed(1).padStart(8)}`);
    }

    if (!args["skip-pages"]) await pageTimings(base, queryIds, documentIds);
  } finally {
    await db.close();
  }
}

/**
 * Document frequency of every word in a sample of the corpus, scaled to the corpus:
 * words sorted by estimated matches (to pick searches of known size).
 */
function sampleWordFrequencies(documents: readonly { text: string | null }[]): { word: string; estimate: number }[] {
  const sample = Math.min(documents.length, 20_000);
  const step = documents.length / sample;
  const df = new Map<string, number>();
  for (let i = 0; i < sample; i++) {
    for (const word of new Set(searchWords(documents[Math.floor(i * step)]!.text))) df.set(word, (df.get(word) ?? 0) + 1);
  }
  return [...df].map(([word, n]) => ({ word, estimate: (n * documents.length) / sample })).sort((a, b) => a.estimate - b.estimate);
}

/**
 * Whole-corpus search through the server: searches whose words match up to 10,000
 * documents (by the sample's estimate; the true totals are printed), and the most
 * common words (the worst searches: most of the corpus matches), each on a random query
 * and order, so the per-query caches rarely help.
 */
async function searchTimings(base: string, queryIds: string[], words: { word: string; estimate: number }[]) {
  const random = (n: number) => Math.floor(Math.random() * n);
  const modest = words.filter((w) => w.estimate >= 200 && w.estimate <= 8_000);
  const common = words.slice(-5);
  // A failed request (a 503 at the statement timeout, say) is counted and reported, not fatal.
  const time = async (path: string) => {
    const t = performance.now();
    const response = await fetch(base + path);
    const body = (await response.json()) as { total: number; error?: string };
    const ms = performance.now() - t;
    return response.ok ? { ms, total: body.total, failure: null } : { ms, total: null, failure: `HTTP ${response.status} ${body.error ?? ""}`.trim() };
  };
  const searchPath = (q: string) =>
    `/api/datasets/bench/search?${new URLSearchParams({ q, query: queryIds[random(queryIds.length)]!, order: random(2) ? "top" : "bottom", limit: "50", offset: String(random(3) * 50) })}`;
  const report = async (name: string, paths: string[]) => {
    const times: number[] = [];
    const totals: number[] = [];
    const failures = new Map<string, number>();
    for (const path of paths) {
      const { ms, total, failure } = await time(path);
      times.push(ms);
      if (total !== null) totals.push(total);
      if (failure) failures.set(failure, (failures.get(failure) ?? 0) + 1);
    }
    times.sort((a, b) => a - b);
    totals.sort((a, b) => a - b);
    const failed = [...failures].map(([failure, n]) => `; ${n} of ${paths.length} failed: ${failure}`).join("");
    console.log(`${name.padEnd(60)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)} ${times.at(-1)!.toFixed(1).padStart(8)}   ` +
      `matches ${totals.length ? `${fmt(totals[0]!)}–${fmt(totals.at(-1)!)}` : "none answered"}${failed}`);
  };
  console.log(`\nSearch over the whole corpus (${modest.length} words matching 200–8,000 documents by estimate; the 5 most common words):`);
  console.log(`${"search".padEnd(60)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}`);
  const pickModest = () => modest[random(modest.length)]!.word;
  for (let i = 0; i < 10; i++) await time(searchPath(pickModest() ?? "the")); // warm-up
  if (modest.length > 0) {
    await report("GET /search, one word, ≤10,000 matches", Array.from({ length: REQUESTS }, () => searchPath(pickModest())));
    await report("GET /search, two words, ≤10,000 matches", Array.from({ length: REQUESTS }, () => searchPath(`${pickModest()} ${pickModest()}`)));
    await report("GET /search/queries (every query's best rank), ≤10,000", Array.from({ length: Math.min(REQUESTS, 50) }, () =>
      `/api/datasets/bench/search/queries?${new URLSearchParams({ q: pickModest() })}`));
  }
  await report(`GET /search, the most common words (${common.map((w) => w.word).join(", ")})`, Array.from({ length: 20 }, (_, i) => searchPath(common[i % common.length]!.word)));
  await report("GET /search/queries, the most common words", Array.from({ length: 10 }, (_, i) =>
    `/api/datasets/bench/search/queries?${new URLSearchParams({ q: common[i % common.length]!.word })}`));
  await report("GET /search, a phrase of two common words", Array.from({ length: 20 }, () => searchPath(`"${common[random(common.length)]!.word} ${common[random(common.length)]!.word}"`)));
}

/**
 * Every view loaded in a real Chromium: server response (navigation responseStart −
 * requestStart) and load (loadEventEnd, after hydration scripts ran), median and max
 * over fresh page loads.
 */
async function pageTimings(base: string, queryIds: string[], documentIds: string[]) {
  const { chromium } = await import("@playwright/test");
  const executablePath = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const [q1, q2] = [queryIds[60]!, queryIds[61]!];
  const pages: [string, string][] = [
    ["home", "/"],
    ["overview", "/datasets/bench"],
    ["queries", "/datasets/bench/queries"],
    ["query", `/datasets/bench/queries/${q1}`],
    ["query, bottom, deep page", `/datasets/bench/queries/${q1}?order=bottom&page=18000`],
    ["document", `/datasets/bench/documents/${documentIds[Math.min(123_456, documentIds.length - 1)]}`],
    ["distribution", "/datasets/bench/distribution"],
    ["transfer", "/datasets/bench/transfer"],
    ["transfer, a cell selected (1M-point density)", `/datasets/bench/transfer?a=${q1}&b=${q2}`],
    ["concentration", "/datasets/bench/concentration"],
    ["compare", `/compare?a=bench/query/${q1}&b=bench/query/${q2}`],
  ];
  const loads = Number(args["page-loads"]);
  console.log(`\nPages in Chromium, ${loads} fresh loads each (after one warm-up):`);
  console.log(`${"view".padEnd(48)} ${"server ms".padStart(10)} ${"max".padStart(7)} ${"loaded ms".padStart(10)} ${"max".padStart(7)}`);
  try {
    for (const [name, path] of pages) {
      const server: number[] = [];
      const loaded: number[] = [];
      for (let i = 0; i <= loads; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const response = await page.goto(base + path, { waitUntil: "load" });
        const timing = await page.evaluate(() => {
          const nav = window.performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
          return { server: nav.responseStart - nav.requestStart, loaded: nav.loadEventEnd - nav.startTime };
        });
        await context.close();
        if (!response?.ok()) throw new Error(`${name}: HTTP ${response?.status()}`);
        if (i === 0) continue; // warm-up: the first request compiles nothing, but fills caches
        server.push(timing.server);
        loaded.push(timing.loaded);
      }
      server.sort((a, b) => a - b);
      loaded.sort((a, b) => a - b);
      console.log(`${name.padEnd(48)} ${percentile(server, 50).toFixed(0).padStart(10)} ${server.at(-1)!.toFixed(0).padStart(7)} ` +
        `${percentile(loaded, 50).toFixed(0).padStart(10)} ${loaded.at(-1)!.toFixed(0).padStart(7)}`);
    }
  } finally {
    await browser.close();
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
