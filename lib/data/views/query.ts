import "server-only";
import { rankPoints, type FittedRankPoint } from "@/components/charts/rank-plot-math";
import { consistently, findDataset } from "@/lib/data/store/datasets";
import { findQuery, listQueries, rankedDocuments, type QuerySummary, type RankedDocument } from "@/lib/data/store/queries";
import { searchRanking, topScores } from "@/lib/data/store/ranking-search";
import { correlationMatrix, coverageOfQuery, datasetSources } from "@/lib/data/store/statistics";
import { percentileFits, TOP_SHARE_PERCENTILE } from "@/lib/domain/ks";
import { formatCount } from "@/lib/format";
import { powerLawIntercept, powerLawScore } from "@/lib/stats/power-law";
import { parseViewParams, queryViewParams, type SearchParams } from "@/lib/url-state";
import { queryFit } from "./power-law-fits";

export type { QuerySummary, RankedDocument } from "@/lib/data/store/queries";
export type { RankingSearch } from "@/lib/data/store/ranking-search";

/** Top scores the rank plot draws (the power-law fit's range). */
const RANK_PLOT_TOP = 500;
/** Most correlated queries listed. */
const CORRELATED = 10;

/**
 * The rank plot's points (the positive top scores) with the stored alpha's line through
 * them: its intercept is the one a least-squares fit over these points has.
 */
function rankPlot(scores: readonly number[], alpha: number | null): FittedRankPoint[] {
  const points = rankPoints(scores, RANK_PLOT_TOP);
  const intercept = alpha === null ? null : powerLawIntercept(points, alpha);
  return points.map((p) => ({ ...p, fitted: alpha === null || intercept === null ? null : powerLawScore(p.rank, alpha, intercept) }));
}

/**
 * The Query page for one query and URL: the query, its ranking as the list opens (the
 * pages around the selected rank, or the source filter's / search's matches), its rank
 * plot, coverage curve and most correlated queries. A source the dataset lacks
 * and a rank past the last are ignored, with notices. Null when the dataset or the
 * query does not exist.
 *
 * @param ranking which pages of `pageSize` ranks the list shows first at a rank (the client list's geometry)
 */
export const queryView = consistently(async function queryView(
  slug: string,
  id: string,
  searchParams: SearchParams,
  ranking: { pageSize: number; pages: (total: number, rank: number) => number[] },
) {
  const { values, notices } = parseViewParams(queryViewParams, searchParams);
  const dataset = await findDataset(slug);
  if (!dataset) return null;
  const query = await findQuery(dataset.id, id);
  if (!query) return null;

  const total = dataset.documentCount;
  const sources = await datasetSources(dataset.id);
  if (values.source && !sources.some((s) => s.source === values.source)) {
    notices.push(`Ignored source=${JSON.stringify(values.source)}: no such source in this dataset; showing all sources.`);
    values.source = "";
  }
  if (values.rank > total) {
    notices.push(`Rank ${formatCount(values.rank)} is past the last rank; showing rank ${formatCount(total)}.`);
    values.rank = total;
  }
  const filtering = values.source !== "" || values.search.trim() !== "";

  const [filtered, pages, scores, coverage, pearson, queries] = await Promise.all([
    filtering ? searchRanking(dataset.id, query.index, values.order, { source: values.source, search: values.search }, total) : null,
    filtering
      ? []
      : Promise.all(
          ranking.pages(total, values.rank).map(async (page) => ({
            page,
            items: await rankedDocuments(dataset.id, query.index, values.order, page * ranking.pageSize, ranking.pageSize),
          })),
        ),
    topScores(dataset.id, query.index, RANK_PLOT_TOP),
    coverageOfQuery(dataset.id, query.index),
    correlationMatrix(dataset.id, "pearson"),
    listQueries(dataset.id),
  ]);

  const byId = new Map(queries.map((q) => [q.id, q]));
  const row = pearson?.matrix[query.index] ?? [];
  const correlated = (pearson?.queryIds ?? [])
    .map((qid, j) => ({ qid, r: row[j] ?? null }))
    .filter((c): c is { qid: string; r: number } => c.qid !== query.id && c.r !== null)
    .sort((a, b) => b.r - a.r)
    .slice(0, CORRELATED)
    .map(({ qid, r }) => ({ id: qid, r, query: byId.get(qid) ?? null }));

  return {
    dataset,
    query,
    values,
    notices,
    /** Source names, most common first (the source filter). */
    sources: sources.map((s) => s.source),
    /** The source filter's or search's matches; null when the whole ranking is listed. */
    filtered,
    /** The ranking pages (0-based, `pageSize` ranks each) the list opens on; empty when filtering. */
    pages: pages satisfies { page: number; items: RankedDocument[] }[],
    /**
     * The power-law fits shown, each labelled with what it fitted: over global ranks first
     * where the dataset has them (the paper's fit), then over local ranks; a fit the
     * small-data rules hide has alpha null and says why.
     */
    fits: [
      ...(dataset.hasGlobalRanks ? [queryFit(query, "global", dataset.documentCount)] : []),
      queryFit(query, "local", dataset.documentCount),
    ],
    /** The top-1% share, or why it is not shown (fewer than ten documents in the top 1%). */
    top1Share: percentileFits(TOP_SHARE_PERCENTILE, query.positiveCount)
      ? { value: query.top1Share, problem: null }
      : { value: null, problem: `the top 1% of ${formatCount(query.positiveCount)} positive documents is fewer than 10 documents` },
    /** The rank plot: the top positive scores in rank order, with the local-rank power law where it is shown. */
    rankPlot: rankPlot(scores, queryFit(query, "local", dataset.documentCount).alpha),
    /** Both tails' coverage curves (percent of the tail total). */
    coverage,
    /** The queries whose scores correlate most with this one's (Pearson r), highest first. */
    correlated: correlated satisfies { id: string; r: number; query: QuerySummary | null }[],
  };
});
