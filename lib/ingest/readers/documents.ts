import { z } from "zod";
import type { DocumentRecord } from "@/lib/domain/records";
import { IngestError } from "@/lib/ingest/ingest-error";
import { forEachJsonLine } from "./jsonl";
import { idSchema, labelsSchema, parseOrRefuse } from "./validation";

/** One line of a documents JSONL file; optional fields also accept null, extras are dropped. */
const documentLineSchema = z.object({
  id: idSchema,
  source: z.string().min(1),
  text: z.string().nullish(),
  /** A token count, or the tokens themselves as strings (for per-token scores). */
  tokens: z.union([z.number().int().nonnegative(), z.array(z.string())]).nullish(),
  labels: labelsSchema,
});

/**
 * Reads a documents JSONL file (one object a line: id and source required, text, tokens
 * and labels optional; tokens a count or the token strings) in file order; integer ids
 * become their decimal strings.
 * Throws an IngestError naming the line for invalid JSON, a missing or mistyped field,
 * or a duplicate id.
 */
export async function readDocuments(file: string): Promise<DocumentRecord[]> {
  const documents: DocumentRecord[] = [];
  const firstLineOf = new Map<string, number>();
  await forEachJsonLine(file, (value, line) => {
    const d = parseOrRefuse(documentLineSchema, value, file, line);
    const earlier = firstLineOf.get(d.id);
    if (earlier !== undefined) {
      throw new IngestError(file, `duplicate document id "${d.id}" (first on line ${earlier})`, `line ${line}`);
    }
    firstLineOf.set(d.id, line);
    const tokenStrings = Array.isArray(d.tokens) ? d.tokens : null;
    documents.push({
      id: d.id, source: d.source, text: d.text ?? null,
      tokens: tokenStrings ? tokenStrings.length : ((d.tokens as number | null | undefined) ?? null),
      ...(tokenStrings ? { tokenStrings } : {}),
      ...(d.labels ? { labels: d.labels } : {}),
    });
  });
  return documents;
}
