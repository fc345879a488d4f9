import { z } from "zod";
import type { DocumentRecord, QueryRecord } from "@/lib/domain/records";
import { IngestError } from "@/lib/ingest/ingest-error";
import { forEachJsonLine } from "./jsonl";
import { idSchema, parseOrRefuse } from "./validation";

/** One line of a ground-truth JSONL file; extra fields are dropped. */
const relevantLineSchema = z.object({ queryId: idSchema, documentId: idSchema });

/**
 * Reads a ground-truth JSONL file (ingest --relevant): one `{ "queryId", "documentId" }`
 * a line, naming a document known to be relevant to a query. Returns, per query of
 * `queries` (in that order), the indices of its relevant documents in file order; a
 * pair listed twice counts once. Throws an IngestError naming the line for invalid JSON,
 * a missing field, or a query or document id the dataset does not have.
 */
export async function readRelevant(
  file: string,
  queries: readonly Pick<QueryRecord, "id">[],
  documents: readonly Pick<DocumentRecord, "id">[],
): Promise<Uint32Array[]> {
  const queryIndex = new Map(queries.map((q, i) => [q.id, i]));
  const documentIndex = new Map(documents.map((d, i) => [d.id, i]));
  const lists = queries.map(() => new Set<number>());
  await forEachJsonLine(file, (value, line) => {
    const { queryId, documentId } = parseOrRefuse(relevantLineSchema, value, file, line);
    const q = queryIndex.get(queryId);
    if (q === undefined) throw new IngestError(file, `unknown query id "${queryId}" (not in the queries file)`, `line ${line}`);
    const d = documentIndex.get(documentId);
    if (d === undefined) throw new IngestError(file, `unknown document id "${documentId}" (not in the documents file)`, `line ${line}`);
    lists[q]!.add(d);
  });
  return lists.map((set) => Uint32Array.from(set));
}
