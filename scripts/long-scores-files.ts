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
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateDemoDataset } from "@/lib/demo/generate";

const { values: args } = parseArgs({
  options: { documents: { type: "string", default: "100000" }, out: { type: "string" } },
});
if (!args.out) throw new Error("--out <dir> is required");
const dir = args.out;
mkdirSync(dir, { recursive: true });

/** Writes lines through one buffer of about 4 MB. */
function writeLines(file: string, lines: Iterable<string>): void {
  const fd = openSync(file, "w");
  try {
    let pending = "";
    for (const line of lines) {
      pending += `${line}\n`;
      if (pending.length > 4_000_000) {
        writeSync(fd, pending);
        pending = "";
      }
    }
    writeSync(fd, pending);
  } finally {
    closeSync(fd);
  }
}

const input = generateDemoDataset("7b", { documents: Number(args.documents) });
writeLines(path.join(dir, "queries.jsonl"), input.queries.map((q) => JSON.stringify(
  { id: q.id, prompt: q.prompt, completion: q.completion, set: q.set, type: q.type, control: q.control, answer: q.answer, correct: q.correct, nats: q.nats })));
writeLines(path.join(dir, "documents.jsonl"), (function* () {
  for (const d of input.documents) yield JSON.stringify({ id: d.id, source: d.source, text: d.text, tokens: d.tokens });
})());
writeLines(path.join(dir, "scores.csv"), (function* () {
  yield "query_id,document_id,score";
  for (let q = 0; q < input.queries.length; q++) {
    const row = input.scores[q]!;
    const id = input.queries[q]!.id;
    for (let d = 0; d < row.length; d++) yield `${id},${input.documents[d]!.id},${row[d]}`;
  }
})());
console.log(`${input.queries.length} queries x ${input.documents.length} documents written to ${dir}`);
