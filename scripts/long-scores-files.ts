/**
 * npm exec tsx scripts/long-scores-files.ts -- --documents 100000 --out <dir>
 *
 * Writes the bench's synthetic dataset (lib/demo/generate.ts, 100 queries) as the files
 * `npm run ingest` reads, with the scores as a long CSV (query_id,document_id,score, one
 * line a score, grouped by query): queries.jsonl, documents.jsonl, scores.csv. For
 * measuring the long-format ingest's peak memory at several sizes, e.g.
 * `/usr/bin/time -v npm run ingest -- --name long --queries <dir>/queries.jsonl
 *  --documents <dir>/documents.jsonl --scores <dir>/scores.csv` (Maximum resident set size).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateDemoDataset } from "@/lib/demo/generate";
import { writeLines, writeQueriesAndDocuments } from "./support/dataset-files";

const { values: args } = parseArgs({
  options: { documents: { type: "string", default: "100000" }, out: { type: "string" } },
});
if (!args.out) throw new Error("--out <dir> is required");
const dir = args.out;
mkdirSync(dir, { recursive: true });

const input = generateDemoDataset("7b", { documents: Number(args.documents) });
writeQueriesAndDocuments(input, dir);
writeLines(path.join(dir, "scores.csv"), (function* () {
  yield "query_id,document_id,score";
  for (let q = 0; q < input.queries.length; q++) {
    const row = input.scores[q]!;
    const id = input.queries[q]!.id;
    for (let d = 0; d < row.length; d++) yield `${id},${input.documents[d]!.id},${row[d]}`;
  }
})());
console.log(`${input.queries.length} queries x ${input.documents.length} documents written to ${dir}`);
