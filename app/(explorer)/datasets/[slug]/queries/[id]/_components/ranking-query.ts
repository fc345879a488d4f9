import { queryOptions } from "@tanstack/react-query";
import { readApiResponse, rankingPageResponse } from "@/lib/api-schemas";
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
