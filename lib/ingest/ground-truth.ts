import { DOCUMENT_RECORD } from "@/lib/data/store/packed";
import type { SqlClient } from "@/lib/db/sql";
import type { DatasetProvenance, ProvenanceFile } from "@/lib/domain/records";
import { retrievalKs } from "@/lib/domain/ks";
import { reciprocalRank, retrievalAtK } from "@/lib/stats/retrieval";
import { IngestError } from "./ingest-error";
import { insertRows } from "./insert-rows";
import { readRelevant } from "./readers/relevant";

/**
 * A dataset's ground truth (documents known to be relevant to a query) and its
 * evaluation against it, as stored in relevant_documents, retrieval_at_k and
 * retrieval_ranks: written with the dataset (ingest --relevant) or later, replacing the
 * ground truth of a dataset already loaded (ingest --ground-truth-only).
 */

/**
 * Inserts a dataset's ground truth and its evaluation.
 *
 * @param relevant per query (input order), its relevant documents' indices
 * @param ranks per query, the 1-based top ranks of its relevant documents, ascending
 *   (null or empty for a query without ground truth)
 */
export async function insertGroundTruth(
  tx: SqlClient,
  datasetId: number,
  documentCount: number,
  relevant: readonly ArrayLike<number>[],
  ranks: readonly (readonly number[] | null)[],
): Promise<void> {
  const ks = retrievalKs(documentCount);
  const atK: unknown[][] = [];
  const first: unknown[][] = [];
  ranks.forEach((r, q) => {
    if (!r || r.length === 0) return;
    for (const x of retrievalAtK(r, ks)) atK.push([datasetId, q, x.k, x.hits, x.recall, x.precision]);
    first.push([datasetId, q, r.length, r[0], reciprocalRank(r)]);
  });
  const pairs = relevant.flatMap((list, q) => [...new Set(Array.from(list))].map((d) => [datasetId, q, d]));
  await insertRows(tx, "relevant_documents", [["dataset_id", "int"], ["query_idx", "int"], ["document_idx", "int"]], pairs);
  await insertRows(tx, "retrieval_at_k",
    [["dataset_id", "int"], ["query_idx", "int"], ["k", "int"], ["hits", "int"], ["recall", "float8"], ["precision", "float8"]], atK);
  await insertRows(tx, "retrieval_ranks",
    [["dataset_id", "int"], ["query_idx", "int"], ["relevant_count", "int"], ["first_rank", "int"], ["reciprocal_rank", "float8"]], first);
}


/** What replaceGroundTruth did. */
export interface GroundTruthSummary {
  slug: string;
  /** Queries with at least one relevant document. */
  queries: number;
  /** Distinct (query, document) pairs. */
  pairs: number;
  /** Whether the dataset had ground truth before. */
  replaced: boolean;
}

/**
 * Replaces the ground truth of dataset `slug` with the file's (lines `{ "queryId",
 * "documentId" }`, read as ingest --relevant reads them) and its evaluation, in one
 * transaction: readers see the old ground truth or the new, never a mix, and a refusal
 * (an unknown id, named with its file and line) changes nothing. The ranks come from the
 * stored rankings (each document's top rank in by_document), so the scores are not read
 * again; the dataset's revision goes up, so no response made before is served again.
 *
 * @param provenanceFile the file's entry in the dataset's provenance (replacing an earlier ground truth's)
 * @throws IngestError when there is no such dataset or the file is refused
 */
export async function replaceGroundTruth(sql: SqlClient, slug: string, file: string, provenanceFile: ProvenanceFile): Promise<GroundTruthSummary> {
  const dataset = await existingDataset(sql, slug, file);
  const [queries, documents] = await Promise.all([
    sql.query<{ id: string }>("SELECT external_id AS id FROM queries WHERE dataset_id = $1 ORDER BY idx", [dataset.id]),
    sql.query<{ id: string }>("SELECT external_id AS id FROM documents WHERE dataset_id = $1 ORDER BY idx", [dataset.id]),
  ]);
  const relevant = await readRelevant(file, queries, documents);
  const ranks = await Promise.all(relevant.map((list, q) => (list.length === 0 ? null : topRanks(sql, dataset.id, q, list))));
  return sql.transaction(async (tx) => {
    // Serialised with an ingest of the same slug (write-dataset takes the same lock); a
    // dataset replaced since it was read above has other rankings: refused, nothing written.
    await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`dataset:${slug}`]);
    const [current] = await tx.query<{ id: number; provenance: DatasetProvenance | string | null; had: boolean }>(
      "SELECT id, provenance, EXISTS (SELECT 1 FROM relevant_documents WHERE dataset_id = id) AS had FROM datasets WHERE slug = $1", [slug]);
    if (current?.id !== dataset.id) throw new IngestError(file, `dataset "${slug}" was replaced while the ground truth was read; run the command again`);
    for (const table of ["relevant_documents", "retrieval_at_k", "retrieval_ranks"]) {
      await tx.query(`DELETE FROM "${table}" WHERE dataset_id = $1`, [dataset.id]);
    }
    await insertGroundTruth(tx, dataset.id, dataset.documentCount, relevant, ranks);
    // jsonb comes back parsed from pg and PGlite alike; sent back as text (see write-dataset).
    const provenance = typeof current.provenance === "string" ? (JSON.parse(current.provenance) as DatasetProvenance) : current.provenance;
    const updated = provenance && { ...provenance, files: [...provenance.files.filter((f) => f.role !== provenanceFile.role), provenanceFile] };
    await tx.query("UPDATE datasets SET revision = revision + 1, provenance = $2::jsonb WHERE id = $1",
      [dataset.id, updated ? JSON.stringify(updated) : null]);
    return { slug, queries: ranks.filter((r) => r !== null).length, pairs: relevant.reduce((n, list) => n + list.length, 0), replaced: current.had };
  });
}

async function existingDataset(sql: SqlClient, slug: string, file: string): Promise<{ id: number; documentCount: number }> {
  const [row] = await sql.query<{ id: number; documentCount: number }>(
    `SELECT id, document_count AS "documentCount" FROM datasets WHERE slug = $1`, [slug]);
  if (!row) throw new IngestError(file, `there is no dataset "${slug}" to add ground truth to (ingest it first)`);
  return row;
}

/**
 * The 1-based top ranks of some documents for one query, ascending: the uint32 at offset
 * 4 of each one's by-document record (4 bytes read from each).
 */
async function topRanks(sql: SqlClient, datasetId: number, queryIndex: number, documents: Uint32Array): Promise<number[]> {
  const rows = await sql.query<{ rec: Uint8Array }>(
    `SELECT substring(s.by_document FROM d * ${DOCUMENT_RECORD} + 5 FOR 4) AS rec
     FROM query_scores s, unnest($3::int[]) AS d WHERE s.dataset_id = $1 AND s.query_idx = $2`,
    [datasetId, queryIndex, Array.from(documents)]);
  if (rows.length !== documents.length) throw new Error(`query ${queryIndex} of dataset ${datasetId} has no stored ranking`);
  return rows.map((r) => new DataView(r.rec.buffer, r.rec.byteOffset, 4).getUint32(0, true)).sort((a, b) => a - b);
}
