import { NextResponse } from "next/server";
import { rankedDocumentsParams } from "@/lib/api-params";
import type { RankingPageResponse } from "@/lib/api-schemas";
import { findQuery, rankedDocuments } from "@/lib/data/store/queries";
import { isNormalisedOrder } from "@/lib/domain/vocabulary";
import { datasetRoute, jsonError } from "@/lib/http";

export const GET = datasetRoute({ query: rankedDocumentsParams, segments: ["id"] }, async ({ dataset, params, segments: { slug, id } }) => {
  const query = await findQuery(dataset.id, id);
  if (!query) return jsonError(404, `No query "${id}" in dataset "${slug}"`);
  const { order, offset, limit } = params;
  if (isNormalisedOrder(order) && !dataset.hasSelfInfluence) {
    return jsonError(400, `Invalid parameter "order": dataset "${slug}" has no self-influence, so order must be "top" or "bottom"`, "order");
  }
  if (offset > dataset.documentCount) {
    return jsonError(400, `Invalid parameter "offset": the ranking has ${dataset.documentCount} documents`, "offset");
  }
  const items = await rankedDocuments(dataset.id, query.index, order, offset, limit);
  return NextResponse.json({ total: dataset.documentCount, order, offset, limit, items } satisfies RankingPageResponse);
});
