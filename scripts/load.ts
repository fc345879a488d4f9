/**
 * npm run load [-- --documents 100000 --duration 20 --connections 16,64 --port 3300 --keep]
 *
 * Throughput and latency under concurrent load (autocannon), and whether the server's
 * memory comes back afterwards. On the local PostgreSQL (LOAD_DATABASE_URL, default
 * postgresql://postgres@127.0.0.1:5432/postgres) it creates a scratch database, ingests a
 * synthetic dataset, builds the app if stale, starts its own `next start` on a free port
 * (never measures a server it did not start), runs every route at every connection count,
 * and prints one table. Stops the server and drops the database at the end, Ctrl-C too.
 *
 * Figures only: a missed target is printed, never an error; the exit status is non-zero
 * only when the measurement could not run.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import autocannon, { type Result } from "autocannon";
import { openDatabase } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { generateDemoDataset } from "@/lib/demo/generate";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { renderConcurrency } from "@/lib/render-admission";
import { onInterrupt } from "./support/interrupt";
import { createScratchDatabase, type ScratchDatabase } from "./support/scratch-database";
import {
  buildIfStale, choosePort, processTree, residentBytes, startNext, treeCpuSeconds, treeResidentBytes, waitUntilReady, type NextServer,
} from "./support/server";

const { values: args } = parseArgs({
  options: {
    documents: { type: "string", default: "100000" },
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "16,64" },
    port: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});

/** A positive integer option, or exit saying which one is wrong. */
function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer (got "${value}")`);
    process.exit(2);
  }
  return n;
}
const DOCUMENTS = positive("documents", args.documents);
const DURATION_S = positive("duration", args.duration);
const CONNECTIONS = args.connections.split(",").map((c) => positive("connections", c.trim()));
const ADMIN_URL = process.env.LOAD_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const SLUG = "load";
const IDLE_MS = 5_000;
/** Seconds of load per route before memory is first measured. */
const WARMUP_S = 3;

/** Targets printed beside the figures; missing one is reported, never an error. */
const TARGETS = { apiP99Ms: 500, htmlP99Ms: 2_000, rssGrowth: 0.2 };

interface Route {
  name: string;
  html: boolean;
  /** The request path; called per request, so a route can rotate over ids. */
  path: () => string;
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const percent = (from: number, to: number) => `${to >= from ? "+" : ""}${(((to - from) / from) * 100).toFixed(1)}%`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The machine's load averages (1, 5, 15 min): what else competed for the cores meanwhile. */
const loadAverages = () => loadavg().map((l) => l.toFixed(2)).join(", ");

// Everything to undo, in one place, for the normal end, an error and Ctrl-C alike.
let scratch: ScratchDatabase | undefined;
let server: NextServer | undefined;
let running: autocannon.Instance | undefined;
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    running?.stop();
    await server?.stop();
    if (!scratch) return;
    if (args.keep) console.log(`kept database ${scratch.url}`);
    else await scratch.drop().catch((error: unknown) => console.error(`could not drop ${scratch!.name}: ${String(error)}`));
  })();
  return cleaning;
}
onInterrupt(cleanup, () => `stopping the server${scratch && !args.keep ? ` and dropping ${scratch.name}` : ""}`);

/** Creates the scratch database and ingests the synthetic dataset; the ids the routes use. */
async function prepareDataset(url: string) {
  const db = await openDatabase({ kind: "postgres", url });
  try {
    await migrate(db.sql);
    const started = performance.now();
    const input = generateDemoDataset("7b", { documents: DOCUMENTS });
    input.meta = { ...input.meta, slug: SLUG, name: `Load test, ${DOCUMENTS.toLocaleString("en-US")} documents` };
    const summary = await ingestDataset(db.sql, input);
    console.log(`ingested   ${input.queries.length} queries x ${DOCUMENTS.toLocaleString("en-US")} documents ` +
      `(${summary.scores.toLocaleString("en-US")} scores) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { queryIds: input.queries.map((q) => q.id), documentIds: input.documents.map((d) => d.id) };
  } finally {
    await db.close();
  }
}

function routesFor(queryIds: string[], documentIds: string[]): Route[] {
  let nextQuery = 0;
  const deepOffset = Math.max(0, Math.min(Math.round(DOCUMENTS * 0.9), DOCUMENTS - 50));
  const documentId = documentIds[Math.floor(documentIds.length / 2)]!;
  const q = encodeURIComponent;
  return [
    { name: "GET /api/datasets", html: false, path: () => "/api/datasets" },
    {
      // Rotating over the queries: one query's page would be one cached read.
      name: `GET /api/…/queries/{id}/documents top, offset ${deepOffset.toLocaleString("en-US")}`,
      html: false,
      path: () => `/api/datasets/${SLUG}/queries/${q(queryIds[nextQuery++ % queryIds.length]!)}/documents?order=top&offset=${deepOffset}&limit=50`,
    },
    { name: "GET /api/…/correlations?method=spearman", html: false, path: () => `/api/datasets/${SLUG}/correlations?method=spearman` },
    { name: "GET /api/…/documents/{id}", html: false, path: () => `/api/datasets/${SLUG}/documents/${q(documentId)}` },
    { name: "GET /datasets/{slug}/transfer (HTML)", html: true, path: () => `/datasets/${SLUG}/transfer` },
  ];
}

/** One autocannon run; `running` holds it meanwhile, so that Ctrl-C can stop it. */
function hammer(base: string, route: Route, connections: number, seconds = DURATION_S): Promise<Result> {
  return new Promise((resolve, reject) => {
    running = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: route.path() }) }],
      },
      (error, result) => {
        running = undefined;
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(result);
      },
    );
  });
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ").slice(0, 60);
  } catch {
    return "?";
  }
}

async function main() {
  // Refuse a taken --port before minutes of ingest; probed again just before the start.
  await choosePort(args.port);
  scratch = await createScratchDatabase(ADMIN_URL, "ie_load");
  console.log(`Load test on ${new URL(ADMIN_URL).host}, scratch database ${scratch.name}`);
  const { queryIds, documentIds } = await prepareDataset(scratch.url);

  buildIfStale();
  const port = await choosePort(args.port);
  server = startNext({ port, env: { DATABASE_URL: scratch.url }, quiet: true });
  await waitUntilReady(server, 120_000);
  const routes = routesFor(queryIds, documentIds);
  // Every route answers, then a short burst at the highest concurrency: what the server
  // allocates once for a load (compiled code, caches, a heap sized to 64 renders at a
  // time) is its working set, not a leak; "before" is measured after it, so that the
  // comparison with "after" shows what the measured runs leave behind.
  for (const route of routes) {
    const response = await fetch(server.base + route.path());
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${route.name}: HTTP ${response.status} on the warm-up request`);
  }
  for (const route of routes) await hammer(server.base, route, Math.max(...CONNECTIONS), WARMUP_S);
  const tree = processTree(server.pid);
  console.log(`server     ${server.base}, process tree ${tree.map((p) => `${p} (${commandOf(p)}, ${mib(residentBytes(p))} MiB)`).join("; ")}`);
  console.log(`load       ${DURATION_S} s per route and connection count, autocannon in this process (2 cores shared with the server)`);
  const limit = renderConcurrency();
  console.log(`renders    ${limit === 0 ? "no limit (RENDER_CONCURRENCY=0)" : `${limit} pages at a time, the others waiting first come, first served (RENDER_CONCURRENCY)`}`);
  const loadBefore = loadAverages();

  const rssBefore = treeResidentBytes(server.pid);
  const rows: string[][] = [];
  for (const connections of CONNECTIONS) {
    for (const route of routes) {
      // Progress on a terminal only: a log gets the table alone.
      if (process.stdout.isTTY) process.stdout.write(`\r\x1b[2K  ${route.name}, ${connections} connections…`);
      const cpuBefore = treeCpuSeconds(server.pid);
      const result = await hammer(server.base, route, connections);
      // CPU per request barely depends on what else runs on the machine, unlike latency.
      const cpuMs = ((treeCpuSeconds(server.pid) - cpuBefore) * 1000) / Math.max(1, result.requests.total);
      const target = route.html ? TARGETS.htmlP99Ms : TARGETS.apiP99Ms;
      rows.push([
        route.name,
        String(connections),
        result.requests.average.toFixed(0),
        result.latency.p50.toFixed(0),
        result.latency.p99.toFixed(0),
        `< ${target} ${result.latency.p99 < target ? "met" : "missed"}`,
        // autocannon counts a request unanswered after 10 s as an error too: say how many were.
        result.timeouts ? `${result.errors} (${result.timeouts} timeouts)` : String(result.errors),
        String(result.non2xx),
        cpuMs.toFixed(2),
        mib(treeResidentBytes(server.pid)),
      ]);
    }
  }
  if (process.stdout.isTTY) process.stdout.write("\r\x1b[2K");
  const rssAfter = treeResidentBytes(server.pid);
  await sleep(IDLE_MS);
  const rssIdle = treeResidentBytes(server.pid);

  const header = ["route", "conn", "req/s", "p50 ms", "p99 ms", "p99 target", "errors", "non-2xx", "CPU ms/req", "RSS MiB"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${line(header)}`);
  for (const row of rows) console.log(line(row));

  const failures = rows.reduce((sum, r) => sum + parseInt(r[6]!, 10) + Number(r[7]), 0);
  const growthIdle = (rssIdle - rssBefore) / rssBefore;
  console.log(`\nerrors + non-2xx   ${failures} in all (target 0: ${failures === 0 ? "met" : "missed"})`);
  console.log(`server RSS         (next start and its children) after the warm-up (${WARMUP_S} s a route at ${Math.max(...CONNECTIONS)} connections) ${mib(rssBefore)} MiB, after ${mib(rssAfter)} MiB ` +
    `(${percent(rssBefore, rssAfter)}), after ${IDLE_MS / 1000} s idle ${mib(rssIdle)} MiB (${percent(rssBefore, rssIdle)}); ` +
    `target within ${TARGETS.rssGrowth * 100}% of the start: ${Math.abs(growthIdle) <= TARGETS.rssGrowth ? "met" : "missed"}`);
  console.log(`machine            load average (1, 5, 15 min) ${loadBefore} before the runs, ${loadAverages()} after`);
  console.log(`targets            API p99 < ${TARGETS.apiP99Ms} ms, HTML p99 < ${TARGETS.htmlP99Ms} ms (CPU ms/req: the server's CPU time per answered request, less inflated by other processes than latency; RSS MiB: after each row's run)`);
}

try {
  await main();
} catch (error) {
  // One line: the measurement could not run (PostgreSQL down, a taken port, a failed build…).
  console.error(`load: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
