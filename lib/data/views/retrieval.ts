import "server-only";
import { consistently, findDataset, type Dataset } from "@/lib/data/store/datasets";
import { retrievalStatistics, type StoredRetrievalAtK, type StoredRetrievalRank } from "@/lib/data/store/retrieval";
import { listGroups } from "@/lib/data/store/statistics";
import { groupColorKey, groupLabel } from "@/lib/domain/groups";

/**
 * A dataset's ranking evaluated against its ground truth (ingest --relevant): per query,
 * recall@k and precision@k and the reciprocal rank of the first relevant document,
 * stored at ingest; here also their means per query group (cheap: a few hundred rows).
 * Serves GET /api/datasets/{slug}/retrieval, the overview's retrieval panel and the
 * agreement view's side-by-side evaluation.
 */

/** A query group's means over its queries with ground truth. */
export interface RetrievalGroup {
  key: string;
  /** For reading: "factual", "slopes", "reasoning control". */
  label: string;
  /** components/palette.ts groupColor key. */
  colorKey: string;
  /** Queries of the group with ground truth (the means are over these). */
  queries: number;
  /** Mean reciprocal rank. */
  mrr: number;
  /** Mean recall@k and precision@k, one per k of the dataset's ks. */
  atK: { k: number; recall: number; precision: number }[];
}

export interface DatasetRetrieval {
  /** The k evaluated: the agreement k list, those at most a tenth of the documents. */
  ks: number[];
  rows: StoredRetrievalAtK[];
  reciprocalRanks: StoredRetrievalRank[];
  /** Groups with at least one query with ground truth, in display order. */
  groups: RetrievalGroup[];
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** The retrieval evaluation of a dataset; null when it has no ground truth. */
export async function datasetRetrieval(dataset: Pick<Dataset, "id">): Promise<DatasetRetrieval | null> {
  const [stored, groups] = await Promise.all([retrievalStatistics(dataset.id), listGroups(dataset.id)]);
  if (!stored) return null;
  const ks = [...new Set(stored.rows.map((r) => r.k))].sort((a, b) => a - b);
  const rrOf = new Map(stored.reciprocalRanks.map((r) => [r.queryId, r.rr]));
  const atKOf = new Map<string, StoredRetrievalAtK[]>();
  for (const row of stored.rows) atKOf.set(row.queryId, [...(atKOf.get(row.queryId) ?? []), row]);
  return {
    ks,
    rows: stored.rows,
    reciprocalRanks: stored.reciprocalRanks,
    groups: groups.flatMap((g) => {
      const members = g.queryIds.filter((id) => rrOf.has(id));
      if (members.length === 0) return [];
      return [{
        key: g.key,
        label: groupLabel(g),
        colorKey: groupColorKey(g, groups),
        queries: members.length,
        mrr: mean(members.map((id) => rrOf.get(id)!)),
        atK: ks.map((k) => {
          const rows = members.map((id) => atKOf.get(id)!.find((r) => r.k === k)!);
          return { k, recall: mean(rows.map((r) => r.recall)), precision: mean(rows.map((r) => r.precision)) };
        }),
      }];
    }),
  };
}

/** The retrieval evaluation of the dataset `slug` (read consistently); null for no dataset or no ground truth. */
export const retrievalView = consistently(async function retrievalView(slug: string): Promise<DatasetRetrieval | null> {
  const dataset = await findDataset(slug);
  return dataset ? datasetRetrieval(dataset) : null;
});

/** The API's shape (GET /api/datasets/{slug}/retrieval; lib/api-schemas.ts retrievalResponse). */
export function retrievalJson(retrieval: DatasetRetrieval) {
  return {
    ks: retrieval.ks,
    rows: retrieval.rows.map((r) => ({ queryId: r.queryId, k: r.k, recall: r.recall, precision: r.precision, hits: r.hits })),
    reciprocalRanks: retrieval.reciprocalRanks.map((r) => ({ queryId: r.queryId, rr: r.rr, firstRank: r.firstRank, relevant: r.relevant })),
    groups: retrieval.groups.map((g) => ({ group: g.key, name: g.label, queries: g.queries, mrr: g.mrr, atK: g.atK })),
  };
}
