import "server-only";
import { rankPoints, type FittedRankPoint } from "@/components/charts/rank-plot-math";
import { consistently, findDataset } from "@/lib/data/store/datasets";
import { findQuery, listQueries, rankedDocuments, type QuerySummary, type RankedDocument } from "@/lib/data/store/queries";
import { topScores } from "@/lib/data/store/scores";
import { filteredRanking, isFiltering, type DocumentFilter } from "@/lib/data/store/search";
import { parseSearch } from "@/lib/domain/search";
import { correlationMatrix, coverageOfQuery, datasetSources, documentLabelCounts } from "@/lib/data/store/statistics";
import { parseLabelFilter } from "@/lib/domain/labels";
import { isNormalisedOrder, rankingTail } from "@/lib/domain/vocabulary";
import { percentileFits, TOP_SHARE_PERCENTILE } from "@/lib/domain/ks";
import { formatCount } from "@/lib/format";
import { searchAcrossQueries } from "./search";
import { powerLawIntercept, powerLawScore } from "@/lib/stats/power-law";
import { parseViewParams, queryViewParams, type SearchParams } from "@/lib/url-state";
import { queryFit } from "./power-law-fits";

export type { QuerySummary, RankedDocument } from "@/lib/data/store/queries";
export type { DocumentFilter } from "@/lib/data/store/search";

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
  const [sources, labelCounts] = await Promise.all([datasetSources(dataset.id), documentLabelCounts(dataset.id)]);
  const label = values.label ? parseLabelFilter(values.label) : null;
  if (values.label && (!label || !labelCounts.some((l) => l.key === label.key && l.value === label.value))) {
    notices.push(`Ignored label=${JSON.stringify(values.label)}: no document of this dataset has that label; showing every document.`);
    values.label = "";
  }
  if (values.source && !sources.some((s) => s.source === values.source)) {
    notices.push(`Ignored source=${JSON.stringify(values.source)}: no such source in this dataset; showing all sources.`);
    values.source = "";
  }
  if (values.rank > total) {
    notices.push(`Rank ${formatCount(values.rank)} is past the last rank; showing rank ${formatCount(total)}.`);
    values.rank = total;
  }
  if (isNormalisedOrder(values.order) && !dataset.hasSelfInfluence) {
    notices.push(`Ignored order=${values.order}: this dataset has no self-influence to normalise by; showing the most positive first.`);
    values.order = "top";
  }
  let search = null;
  if (values.search.trim() !== "") {
    const parsed = parseSearch(values.search);
    if (parsed.ok) search = parsed.search;
    else {
      notices.push(`Ignored search=${JSON.stringify(values.search)}: it ${parsed.error}; showing the whole ranking.`);
      values.search = "";
    }
  }
  const filter: DocumentFilter = { search, source: values.source || null, label: values.label ? label : null };
  const filtering = isFiltering(filter);
  // Matches are ranked by the by-document record, which holds the raw scores' ranks.
  if (filtering && isNormalisedOrder(values.order)) {
    const raw = values.order === "top_normalised" ? "top" : "bottom";
    notices.push(`Searches and filters rank by the raw score: showing order=${raw} (the self-normalised order lists the whole ranking).`);
    values.order = raw;
  }

  const [filtered, pages, across, scores, coverage, pearson, queries] = await Promise.all([
    filtering ? filteredPages(dataset.id, query.index, rankingTail(values.order), filter, values.rank, ranking) : null,
    filtering
      ? []
      : Promise.all(
          ranking.pages(total, values.rank).map(async (page) => ({
            page,
            items: await rankedDocuments(dataset.id, query.index, values.order, page * ranking.pageSize, ranking.pageSize),
          })),
        ),
    search ? searchAcrossQueries(dataset, filter, values.order) : null,
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
    /** Document label values with their corpus counts (the label facet). */
    labels: labelCounts,
    /**
     * The source filter's or search's matches over the whole corpus: their count, the
     * index among them of the first match at or after the URL's rank, and the pages of
     * matches the list opens on; null when the whole ranking is listed.
     */
    filtered,
    /** For a text search: for every query, its best-ranked matching document (the per-query table). */
    across,
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

/**
 * The pages of a filtered ranking the list opens on: those around the first match at or
 * after `rank` (its index among the matches is `offset`).
 */
async function filteredPages(
  datasetId: number,
  queryIndex: number,
  order: "top" | "bottom",
  filter: DocumentFilter,
  rank: number,
  ranking: { pageSize: number; pages: (total: number, rank: number) => number[] },
) {
  const first = await filteredRanking(datasetId, queryIndex, order, filter, { rank }, 1);
  const offset = Math.min(first.offset, Math.max(0, first.total - 1));
  const pages = first.total === 0 ? [] : await Promise.all(
    ranking.pages(first.total, offset + 1).map(async (page) => ({
      page,
      items: (await filteredRanking(datasetId, queryIndex, order, filter, page * ranking.pageSize, ranking.pageSize)).items,
    })),
  );
  return { total: first.total, offset, pages };
}
