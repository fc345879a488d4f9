import { NextResponse } from "next/server";
import { rankedDocumentsParams } from "@/lib/api-params";
import type { RankingPageResponse } from "@/lib/api-schemas";
import { findDataset } from "@/lib/data/datasets";
import { findQuery, rankedDocuments } from "@/lib/data/queries";
import { jsonError, parseSearchParams, route } from "@/lib/http";

export const GET = route(async (request: Request, { params }: { params: Promise<{ slug: string; id: string }> }) => {
  const parsed = parseSearchParams(rankedDocumentsParams, request.url);
  if (!parsed.ok) return parsed.response;
  const { slug, id } = await params;
  const dataset = await findDataset(slug);
  if (!dataset) return jsonError(404, `No dataset "${slug}"`);
  const query = await findQuery(dataset.id, id);
  if (!query) return jsonError(404, `No query "${id}" in dataset "${slug}"`);
  const { order, offset, limit } = parsed.data;
  const items = await rankedDocuments(dataset.id, query.index, order, offset, limit);
  return NextResponse.json({ total: dataset.documentCount, order, offset, limit, items } satisfies RankingPageResponse);
});
