import type { DatasetInput } from "@/lib/domain/records";
import { bm25ScoreRows } from "@/lib/ingest/bm25-dataset";

/** Slug of the demo's lexical baseline. */
export const DEMO_BM25_SLUG = "demo-7b-bm25";

/**
 * The lexical baseline over the demo-7b corpus and queries (the same ids): "demo-7b-bm25",
 * Okapi BM25 of each document's text for the query's prompt and completion, exactly as
 * `npm run ingest -- --bm25` computes it. Not planted: whatever word overlap the demo
 * texts have. Carries `relevant` from its source, so both can be evaluated side by side.
 *
 * @param ekfac the demo-7b dataset (generateDemoDataset("7b", ...))
 */
export function bm25DemoDataset(ekfac: DatasetInput): DatasetInput {
  return {
    meta: {
      slug: DEMO_BM25_SLUG,
      name: "Synthetic demo (7B-shaped, BM25 baseline)",
      model: ekfac.meta.model,
      method: "BM25",
      description:
        `The lexical baseline over ${ekfac.meta.slug}'s ${ekfac.documents.length.toLocaleString("en-US")} synthetic documents ` +
        `and ${ekfac.queries.length} queries: Okapi BM25 (k1 1.2, b 0.75) of each document's text for the query's prompt and ` +
        `completion. Compare it with ${ekfac.meta.slug} in the agreement view: is the influence more than word overlap?`,
      synthetic: true,
      origin: "lib/demo/bm25.ts",
    },
    queries: ekfac.queries,
    documents: ekfac.documents,
    scores: bm25ScoreRows(ekfac.queries, ekfac.documents),
    globalRanks: null,
    relevant: ekfac.relevant ?? null,
  };
}
