/**
 * npm run bench [-- --documents 1000000 --queries-per-route 200 --skip-copy --skip-pages --keep]
 *
 * Prints the speed floor figures of the foundation issue, on the local PostgreSQL
 * (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres; a scratch
 * database is created and dropped):
 *   1. generating and ingesting a synthetic 1,000,000 documents x 100 queries dataset,
 *      all statistics included;
 *   2. a plain COPY of the same scores as (query, document, score) rows, for scale;
 *   3. p50 / p95 / max latency of every API route through `next start`, deep pages too,
 *      the pair scatter and the cross-dataset compare (against "bench-trak", a second,
 *      TRAK-like method over the same documents and the first COMPARE_QUERIES queries,
 *      ingested untimed after the first);
 *   4. every view's server response and load time in a real Chromium.
 * Figures only: nothing here passes or fails.
 */
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { openDatabase } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { generateDemoDataset } from "@/lib/demo/generate";
import { trakLikeDataset } from "@/lib/demo/trak";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { onInterrupt } from "./support/interrupt";
import { createScratchDatabase, type ScratchDatabase } from "./support/scratch-database";
import { buildIfStale, choosePort, startNext, waitUntilReady, type NextServer } from "./support/server";

const { values: args } = parseArgs({
  options: {
    documents: { type: "string", default: "1000000" },
    "queries-per-route": { type: "string", default: "200" },
    "page-loads": { type: "string", default: "5" },
    "skip-copy": { type: "boolean", default: false },
    "skip-pages": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// What to undo, for the normal end, an error and Ctrl-C alike.
let scratch: ScratchDatabase | undefined;
let server: NextServer | undefined;
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await server?.stop();
    if (!scratch) return;
    if (args.keep) console.log(`kept database ${scratch.url}`);
    else await scratch.drop();
  })();
  return cleaning;
}
onInterrupt(cleanup, () => `stopping the server${scratch && !args.keep ? ` and dropping ${scratch.name}` : ""}`);

async function main() {
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

    // Peak resident memory during ingest, against the float32 matrix it holds.
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    started = performance.now();
    const summary = await ingestDataset(db.sql, input);
    const ingestSeconds = seconds(started);
    clearInterval(sampler);
    const matrixBytes = summary.scores * 4;
    console.log(`ingest     ${fmt(summary.scores)} scores with all statistics: ${ingestSeconds.toFixed(1)} s ` +
      `(${fmt(summary.scores / ingestSeconds)} scores/s); generate + ingest ${(generateSeconds + ingestSeconds).toFixed(1)} s`);
    console.log(`memory     peak RSS ${fmt(peakRss / 2 ** 20)} MiB = ${(peakRss / matrixBytes).toFixed(2)} x the float32 matrix ` +
      `(${fmt(matrixBytes / 2 ** 20)} MiB; the generated documents' text included)`);
    const [size] = await db.sql.query<{ bytes: number }>("SELECT pg_database_size(current_database())::float8 AS bytes");
    console.log(`storage    ${fmt(size!.bytes / 2 ** 30)} GiB on disk (${fmt(size!.bytes / summary.scores)} bytes a score)`);

    if (!args["skip-copy"]) {
      const copySeconds = await plainCopy(benchUrl, input.scores);
      console.log(`plain COPY ${fmt(summary.scores)} (query, document, score) rows: ${copySeconds.toFixed(1)} s; ` +
        `ingest / COPY = ${(ingestSeconds / copySeconds).toFixed(2)}`);
    }

    // The cross-dataset compare needs a second dataset with the same prompts and documents.
    started = performance.now();
    const subset = { ...input, queries: input.queries.slice(0, COMPARE_QUERIES), scores: input.scores.slice(0, COMPARE_QUERIES) };
    await ingestDataset(db.sql, { ...trakLikeDataset(subset), meta: { ...input.meta, slug: "bench-trak", name: "Benchmark, TRAK-like" } });
    console.log(`second     bench-trak (${COMPARE_QUERIES} queries x ${fmt(DOCUMENTS)} documents, for the compare), untimed: ${seconds(started).toFixed(1)} s`);

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
      ["GET /compare page, cross-dataset (bench vs bench-trak)", () => {
        const id = queryIds[random(COMPARE_QUERIES)];
        return `/compare?a=bench/query/${id}&b=bench-trak/query/${id}`;
      }],
    ];
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
