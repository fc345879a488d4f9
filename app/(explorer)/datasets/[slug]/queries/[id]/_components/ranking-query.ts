import { queryOptions } from "@tanstack/react-query";
import { readApiResponse, rankingPageResponse, searchPageResponse } from "@/lib/api-schemas";
import type { RankedDocument } from "@/lib/data/views/query";
import type { RankingOrder } from "@/lib/domain/vocabulary";

/** Ranks per page fetched by the ranked-document list. */
export const RANKING_PAGE = 100;
/** Row height and viewport of the windowed list (px); the server uses them to know which rows show first. */
export const ROW_HEIGHT = 76;
export const LIST_HEIGHT = 8 * ROW_HEIGHT;

export interface RankingPage {
  total: number;
  items: RankedDocument[];
}

/**
 * One page (0-based) of a query's ranking from the HTTP API. The server page seeds
 * the cache under the same key with the page it renders, so the client starts warm.
 */
export function rankingPageOptions(slug: string, queryId: string, order: RankingOrder, page: number) {
  return queryOptions({
    queryKey: ["ranking", slug, queryId, order, page] as const,
    queryFn: async ({ signal }): Promise<RankingPage> => {
      const params = new URLSearchParams({ order, offset: String(page * RANKING_PAGE), limit: String(RANKING_PAGE) });
      const response = await fetch(`/api/datasets/${encodeURIComponent(slug)}/queries/${encodeURIComponent(queryId)}/documents?${params}`, { signal });
      const body = await readApiResponse(response, rankingPageResponse, `Ranks ${page * RANKING_PAGE + 1}–${(page + 1) * RANKING_PAGE} could not be loaded`);
      return { total: body.total, items: body.items };
    },
    staleTime: Infinity,
  });
}

/** The filters of a filtered list as the search API takes them ("" = not filtering by it). */
export interface ListFilter {
  search: string;
  source: string;
  label: string;
}

function searchApiParams(queryId: string, order: RankingOrder, filter: ListFilter): URLSearchParams {
  const params = new URLSearchParams({ query: queryId, order });
  if (filter.search) params.set("q", filter.search);
  if (filter.source) params.set("source", filter.source);
  if (filter.label) params.set("label", filter.label);
  return params;
}

/** One page (0-based, RANKING_PAGE matches) of a filtered ranking from GET /api/datasets/{slug}/search. */
export function searchPageOptions(slug: string, queryId: string, order: RankingOrder, filter: ListFilter, page: number) {
  return queryOptions({
    queryKey: ["search", slug, queryId, order, filter.search, filter.source, filter.label, page] as const,
    queryFn: async ({ signal }): Promise<RankingPage> => {
      const params = searchApiParams(queryId, order, filter);
      params.set("offset", String(page * RANKING_PAGE));
      params.set("limit", String(RANKING_PAGE));
      const response = await fetch(`/api/datasets/${encodeURIComponent(slug)}/search?${params}`, { signal });
      const body = await readApiResponse(response, searchPageResponse, `Matches ${page * RANKING_PAGE + 1}–${(page + 1) * RANKING_PAGE} could not be loaded`);
      return { total: body.total, items: body.items };
    },
    staleTime: Infinity,
  });
}

/** The index among a filtered ranking's matches of the first match at or after `rank` (jump to rank). */
export async function matchIndexAtRank(slug: string, queryId: string, order: RankingOrder, filter: ListFilter, rank: number): Promise<number> {
  const params = searchApiParams(queryId, order, filter);
  params.set("rank", String(rank));
  params.set("limit", "1");
  const response = await fetch(`/api/datasets/${encodeURIComponent(slug)}/search?${params}`);
  const body = await readApiResponse(response, searchPageResponse, `Rank ${rank} could not be found among the matches`);
  return Math.min(body.offset, Math.max(0, body.total - 1));
}
