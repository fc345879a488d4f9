/**
 * A generated dataset written as the files `npm run ingest` reads (the bench and
 * scripts/long-scores-files.ts add the scores in their own format).
 */
import { closeSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import type { DatasetInput } from "@/lib/domain/records";

/** Writes lines through one buffer of about 4 MB (documents.jsonl at 5M is gigabytes). */
export function writeLines(file: string, lines: Iterable<string>): void {
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

/** queries.jsonl and documents.jsonl of `input` in `dir`; returns their paths. */
export function writeQueriesAndDocuments(input: DatasetInput, dir: string): { queries: string; documents: string } {
  const files = { queries: path.join(dir, "queries.jsonl"), documents: path.join(dir, "documents.jsonl") };
  writeLines(files.queries, input.queries.map((q) => JSON.stringify(
    { id: q.id, prompt: q.prompt, completion: q.completion, set: q.set, type: q.type, control: q.control, answer: q.answer, correct: q.correct, nats: q.nats })));
  writeLines(files.documents, (function* () {
    for (const d of input.documents) yield JSON.stringify({ id: d.id, source: d.source, text: d.text, tokens: d.tokens });
  })());
  return files;
}
