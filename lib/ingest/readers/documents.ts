import { z } from "zod";
import { IngestError, type DocumentRecord } from "../types";
import { readJsonLines } from "./jsonl";
import { describeZodError, idSchema } from "./validation";

/** One line of a documents JSONL file; optional fields also accept null, extras are dropped. */
const documentLineSchema = z.object({
  id: idSchema,
  source: z.string().min(1),
  text: z.string().nullish(),
  tokens: z.number().int().nonnegative().nullish(),
});

/**
 * Reads a documents JSONL file (one object a line: id and source required, text and
 * tokens optional) in file order; integer ids become their decimal strings.
 * Throws an IngestError naming the line for invalid JSON, a missing or mistyped field,
 * or a duplicate id.
 */
export async function readDocuments(file: string): Promise<DocumentRecord[]> {
  const documents: DocumentRecord[] = [];
  const firstLineOf = new Map<string, number>();
  for await (const { line, value } of readJsonLines(file)) {
    const parsed = documentLineSchema.safeParse(value, { reportInput: true });
    if (!parsed.success) throw new IngestError(file, describeZodError(parsed.error), `line ${line}`);
    const d = parsed.data;
    const earlier = firstLineOf.get(d.id);
    if (earlier !== undefined) {
      throw new IngestError(file, `duplicate document id "${d.id}" (first on line ${earlier})`, `line ${line}`);
    }
    firstLineOf.set(d.id, line);
    documents.push({ id: d.id, source: d.source, text: d.text ?? null, tokens: d.tokens ?? null });
  }
  return documents;
}
