import { NextResponse } from "next/server";
import { searchQueriesParams } from "@/lib/api-params";
import type { SearchQueriesResponse } from "@/lib/api-schemas";
import { searchAcrossQueries } from "@/lib/data/views/search";
import { datasetRoute, jsonError } from "@/lib/http";

export const GET = datasetRoute({ query: searchQueriesParams }, async ({ dataset, params }) => {
  const { q, order, source, label } = params;
  if (!q && !source && !label) return jsonError(400, 'Invalid parameter "q": give words to search for (or a source or label filter)', "q");
  const result = await searchAcrossQueries(dataset, { search: q ?? null, source: source ?? null, label: label ?? null }, order);
  return NextResponse.json({ total: result.total, order, rows: result.rows } satisfies SearchQueriesResponse);
});
