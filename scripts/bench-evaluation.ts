/**
 * npx tsx scripts/bench-evaluation.ts [--documents 1000000] [--agreement] [--requests 20] [--keep] [--port N]
 *
 * Figures for the method-agreement and evaluation issue, at the demo's 100 queries over a
 * synthetic corpus of --documents (default 1,000,000):
 *   1. BM25 (lib/stats/bm25): tokenising every document once into postings of the query
 *      terms, then scoring every query; time and peak resident memory, against merely
 *      generating the demo texts (the demo builds each text on read);
 *   2. the agreement statistics of the EK-FAC-like scores and their BM25 for a few queries
 *      (--sample, default 5), computed in process: by sorting both score vectors, and from
 *      both rankings as the ingest stores them (what a pair's first request does: the CPU
 *      part of it);
 *   3. with --agreement, on the local PostgreSQL (BENCH_DATABASE_URL, default
 *      postgresql://postgres@127.0.0.1:5432/postgres; a scratch database is created and
 *      dropped): ingest of the EK-FAC-like dataset and of its BM25 dataset, then through
 *      `next start` (on a free port, or --port) the first GET /api/agreement for the pair
 *      (computed and stored) and the later requests (read from the stored row).
 * Every figure is followed by the 1-minute load average: other processes share the CPU.
 * Figures only: nothing here passes or fails.
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { openDatabase } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { generateDemoDataset } from "@/lib/demo/generate";
import { bm25QueryText } from "@/lib/ingest/bm25-dataset";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { agreementKs } from "@/lib/domain/ks";
import { gather, queryAgreement, rankingAgreement, sharedRanking } from "@/lib/stats/agreement";
import { rankOrder } from "@/lib/stats/ranking";
import { bm25Index, bm25Scores } from "@/lib/stats/bm25";
import { cleanupOnExit, createScratchDatabase, type ScratchDatabase } from "./support/scratch-database";
import { buildIfStale, choosePort, startNext, waitUntilReady, type NextServer } from "./support/server";

const { values: args } = parseArgs({
  options: {
    documents: { type: "string", default: "1000000" },
    agreement: { type: "boolean", default: false },
    requests: { type: "string", default: "20" },
    sample: { type: "string", default: "5" },
    keep: { type: "boolean", default: false },
    port: { type: "string" },
  },
});
const DOCUMENTS = Number(args.documents);
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const seconds = (since: number) => (performance.now() - since) / 1000;
const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1 });
/** Peak resident set of this process so far (the kernel's high-water mark), MiB. */
const peakRssMiB = () => process.resourceUsage().maxRSS / 1024;
/** The 1-minute load average, printed next to each timing. */
const load = () => `(load ${loadavg()[0]!.toFixed(2)})`;

let scratch: ScratchDatabase | undefined;
let server: NextServer | undefined;
const cleanup = cleanupOnExit(args.keep, () => ({ scratch, server }));

async function main() {
  let started = performance.now();
  const input = generateDemoDataset("7b", { documents: DOCUMENTS });
  input.meta = { ...input.meta, slug: "bench", name: `Benchmark ${fmt(DOCUMENTS)} documents` };
  const Q = input.queries.length;
  console.log(`generate   ${Q} queries x ${fmt(DOCUMENTS)} documents (scores, lazy texts): ${seconds(started).toFixed(1)} s; peak RSS ${fmt(peakRssMiB())} MiB`);

  started = performance.now();
  let characters = 0;
  for (const d of input.documents) characters += d.text?.length ?? 0;
  const textSeconds = seconds(started);
  console.log(`texts      generating every demo text once (${fmt(characters / 2 ** 20)} MiB of text): ${textSeconds.toFixed(1)} s`);

  const before = peakRssMiB();
  started = performance.now();
  const queryTexts = input.queries.map(bm25QueryText);
  const index = bm25Index(queryTexts, DOCUMENTS, (d) => input.documents[d]!.text);
  const tokeniseSeconds = seconds(started);
  let postings = 0;
  for (const p of index.postings.values()) postings += p.size;
  started = performance.now();
  const scratchRow = new Float64Array(DOCUMENTS);
  const rows = queryTexts.map((text) => Float32Array.from(bm25Scores(index, text, scratchRow)));
  const scoreSeconds = seconds(started);
  console.log(`BM25       tokenise ${fmt(DOCUMENTS)} documents into postings of ${fmt(index.postings.size)} query terms ` +
    `(${fmt(postings)} postings, ${fmt((postings * 8) / 2 ** 20)} MiB; mean length ${index.averageLength.toFixed(1)} tokens): ` +
    `${tokeniseSeconds.toFixed(1)} s (of which generating the texts about ${textSeconds.toFixed(1)} s)`);
  console.log(`BM25       score ${Q} queries over ${fmt(DOCUMENTS)} documents: ${scoreSeconds.toFixed(1)} s; ` +
    `total ${(tokeniseSeconds + scoreSeconds).toFixed(1)} s`);
  console.log(`memory     peak RSS ${fmt(peakRssMiB())} MiB (before BM25 ${fmt(before)} MiB: the demo's score matrix and corpus; ` +
    `BM25's own rows ${fmt((Q * DOCUMENTS * 4) / 2 ** 20)} MiB)`);

  const sample = Math.min(Q, Number(args.sample));
  const ks = agreementKs(DOCUMENTS);
  started = performance.now();
  for (let q = 0; q < sample; q++) queryAgreement(input.scores[q]!, rows[q]!, ks);
  const bySorting = seconds(started) / sample;
  console.log(`agreement  Pearson, Spearman and top-k Jaccard of one query over ${fmt(DOCUMENTS)} documents, in process, by sorting: ` +
    `${(bySorting * 1000).toFixed(0)} ms (mean of ${sample}) ${load()}`);
  // The rankings as the ingest stores them (document indices by top rank, their scores).
  const stored = (x: Float32Array) => {
    const documents = rankOrder(x, "top");
    return { documents, scores: gather(x, documents) };
  };
  const rankings = Array.from({ length: sample }, (_, q) => [stored(input.scores[q]!), stored(rows[q]!)] as const);
  const depth = Math.max(...ks);
  started = performance.now();
  for (const [a, b] of rankings) {
    rankingAgreement(sharedRanking(a.documents, a.scores, null, DOCUMENTS, depth), sharedRanking(b.documents, b.scores, null, DOCUMENTS, depth), ks);
  }
  const fromRankings = seconds(started) / sample;
  console.log(`agreement  the same from both stored rankings (no sort): ${(fromRankings * 1000).toFixed(0)} ms a query (mean of ${sample}); ` +
    `x ${Q} queries = ${(fromRankings * Q).toFixed(1)} s of computation for a pair's first request ${load()}`);
  rankings.length = 0;

  if (!args.agreement) return;
  await choosePort(args.port);
  scratch = await createScratchDatabase(adminUrl, "ie_bench_eval");
  console.log(`\nAgreement on ${new URL(adminUrl).host}, scratch database ${scratch.name}`);
  const db = await openDatabase({ kind: "postgres", url: scratch.url });
  try {
    await migrate(db.sql);
    for (const dataset of [input, { ...input, meta: { ...input.meta, slug: "bench-bm25", name: "Benchmark BM25", method: "BM25" }, scores: rows }]) {
      started = performance.now();
      await ingestDataset(db.sql, dataset);
      console.log(`ingest     ${dataset.meta.slug}: ${seconds(started).toFixed(1)} s ${load()}`);
    }
  } finally {
    await db.close();
  }
  input.scores.length = 0;
  rows.length = 0;

  buildIfStale();
  server = startNext({ port: await choosePort(args.port), env: { DATABASE_URL: scratch.url }, quiet: true });
  await waitUntilReady(server, 120_000);
  const url = `${server.base}/api/agreement?a=bench&b=bench-bm25`;
  started = performance.now();
  const first = await fetch(url);
  const body = (await first.json()) as { queriesShared?: number; rows?: { spearman: number | null }[]; error?: string };
  console.log(`agreement  first request (computed and stored): ${seconds(started).toFixed(1)} s, HTTP ${first.status}` +
    (body.rows ? `, ${body.queriesShared} queries, mean Spearman ${(body.rows.reduce((s, r) => s + (r.spearman ?? 0), 0) / body.rows.length).toFixed(3)}` : ` ${body.error}`) +
    ` ${load()}`);
  const times: number[] = [];
  for (let i = 0; i < Number(args.requests); i++) {
    const t = performance.now();
    const response = await fetch(i % 2 ? url : `${server.base}/api/agreement?a=bench-bm25&b=bench`);
    await response.arrayBuffer();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
  console.log(`agreement  later requests (stored, both orders): p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms over ${times.length} ${load()}`);
}

try {
  await main();
} finally {
  await cleanup();
}
