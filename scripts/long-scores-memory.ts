/**
 * npm exec tsx scripts/long-scores-memory.ts -- --dir <dir> --reader stream|memory
 *
 * The score reader alone on a folder written by scripts/long-scores-files.ts: peak RSS
 * after reading <dir>/scores.csv with openScores (streamed into a temporary file, then
 * read back a query at a time) or readScores (every row in memory, as before the
 * streaming ingest), beside the RSS with the ids alone. Figures only.
 */
import { createReadStream } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { openScores, readScores } from "@/lib/ingest/readers/scores";

const { values: args } = parseArgs({ options: { dir: { type: "string" }, reader: { type: "string", default: "stream" } } });
if (!args.dir) throw new Error("--dir <dir> is required");
const dir = args.dir;

async function ids(file: string): Promise<{ id: string }[]> {
  const out: { id: string }[] = [];
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (line.trim()) out.push({ id: String((JSON.parse(line) as { id: string }).id) });
  }
  return out;
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const queries = await ids(path.join(dir, "queries.jsonl"));
const documents = await ids(path.join(dir, "documents.jsonl"));
global.gc?.();
const idsRss = process.memoryUsage().rss;
const file = path.join(dir, "scores.csv");
let checksum = 0;
if (args.reader === "memory") {
  const rows = await readScores(file, queries, documents);
  for (const row of rows) checksum += row[0]!;
} else {
  const source = await openScores(file, queries, documents);
  for (let q = 0; q < source.queryCount; q++) checksum += (await source.row(q))[0]!;
  await source.close();
}
console.log(`${args.reader}: ${queries.length} queries x ${documents.length} documents: RSS with the ids ${mib(idsRss)} MiB, ` +
  `peak RSS ${mib(process.resourceUsage().maxRSS * 1024)} MiB (float32 matrix ${mib(queries.length * documents.length * 4)} MiB; checksum ${checksum})`);
