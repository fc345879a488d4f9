import { NextResponse } from "next/server";
import { searchParams } from "@/lib/api-params";
import type { SearchPageResponse } from "@/lib/api-schemas";
import { findQuery } from "@/lib/data/store/queries";
import { filteredRanking } from "@/lib/data/store/search";
import { datasetRoute, jsonError } from "@/lib/http";

export const GET = datasetRoute({ query: searchParams }, async ({ dataset, params, segments: { slug } }) => {
  const { q, order, offset, limit, rank, source, label } = params;
  if (!q && !source && !label) return jsonError(400, 'Invalid parameter "q": give words to search for (or a source or label filter)', "q");
  const query = await findQuery(dataset.id, params.query);
  if (!query) return jsonError(404, `No query "${params.query}" in dataset "${slug}"`);
  const page = await filteredRanking(dataset.id, query.index, order, { search: q ?? null, source: source ?? null, label: label ?? null },
    rank === undefined ? offset : { rank }, limit);
  return NextResponse.json({ total: page.total, order, offset: page.offset, limit, items: page.items } satisfies SearchPageResponse);
});
