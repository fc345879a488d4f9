import { NextResponse } from "next/server";
import type { RetrievalResponse } from "@/lib/api-schemas";
import { datasetRetrieval, retrievalJson } from "@/lib/data/views/retrieval";
import { datasetRoute, jsonError } from "@/lib/http";

/**
 * The dataset's ranking evaluated against its ground truth:
 * `{ ks, rows: [{ queryId, k, recall, precision, hits }], reciprocalRanks: [{ queryId, rr, firstRank, relevant }], groups }`.
 * 404 naming why when the dataset has no ground truth (or does not exist).
 */
export const GET = datasetRoute({}, async ({ dataset }) => {
  const retrieval = await datasetRetrieval(dataset);
  if (!retrieval) {
    return jsonError(404, `Dataset "${dataset.slug}" has no ground truth: ingest it with --relevant <relevant.jsonl> to evaluate its rankings`);
  }
  return NextResponse.json(retrievalJson(retrieval) satisfies RetrievalResponse);
});
