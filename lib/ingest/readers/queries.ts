import { z } from "zod";
import type { QueryRecord } from "@/lib/domain/records";
import { IngestError } from "@/lib/ingest/ingest-error";
import { forEachJsonLine } from "./jsonl";
import { idSchema, labelsSchema, parseOrRefuse } from "./validation";

/**
 * One line of a queries JSONL file. Optional fields also accept null (many writers emit
 * null for "unknown"); unknown extra fields are dropped.
 */
const queryLineSchema = z.object({
  id: idSchema,
  prompt: z.string(),
  completion: z.string(),
  set: z.enum(["factual", "reasoning"]),
  type: z.string().min(1).nullish(),
  control: z.boolean().nullish(),
  // Numeric answers ("42") are common in arithmetic tasks; answer search works on text.
  answer: z.union([z.string(), z.number()], { error: "must be a string or a number" }).nullish(),
  correct: z.boolean().nullish(),
  // Per-nat normalisation divides by nats, so zero or negative values would be meaningless.
  nats: z.number().positive().nullish(),
  labels: labelsSchema,
});

/**
 * Reads a queries JSONL file (one object a line: id, prompt, completion, set required;
 * type, control, answer, correct, nats optional) in file order.
 * Throws an IngestError naming the line for invalid JSON, a missing or mistyped field,
 * or a duplicate id.
 */
export async function readQueries(file: string): Promise<QueryRecord[]> {
  const queries: QueryRecord[] = [];
  const firstLineOf = new Map<string, number>();
  await forEachJsonLine(file, (value, line) => {
    const q = parseOrRefuse(queryLineSchema, value, file, line);
    const earlier = firstLineOf.get(q.id);
    if (earlier !== undefined) {
      throw new IngestError(file, `duplicate query id "${q.id}" (first on line ${earlier})`, `line ${line}`);
    }
    firstLineOf.set(q.id, line);
    queries.push({
      id: q.id,
      prompt: q.prompt,
      completion: q.completion,
      set: q.set,
      type: q.type ?? q.set,
      control: q.control ?? false,
      answer: q.answer == null ? null : String(q.answer),
      correct: q.correct ?? null,
      nats: q.nats ?? null,
      ...(q.labels ? { labels: q.labels } : {}),
    });
  });
  return queries;
}
