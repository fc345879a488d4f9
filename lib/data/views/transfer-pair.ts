import "server-only";
import { documentsByIndex } from "@/lib/data/store/documents";
import { decodeScores, type RankedEntry } from "@/lib/data/store/packed";
import { datasetDocumentCount } from "@/lib/data/store/datasets";
import { byDocumentColumns, densityBinColumn, documentScores, rankingChunk } from "@/lib/data/store/scores";
import { correlationMatrix } from "@/lib/data/store/statistics";
import { snippet } from "@/lib/format";
import { bin2d, countQuantised, finiteExtent, SCATTER_DENSITY_BINS, type Domain } from "@/lib/stats/density";
import { robustExtentOfTails, robustTailLength, ROBUST_QUANTILES } from "@/lib/stats/extent";
import type { ScatterExtent } from "@/lib/url-state";

/**
 * The transfer view's selected pair of queries (also GET /api/datasets/[slug]/scatter):
 * their scores against each other over every document, and their shared top documents.
 */

/** Datasets up to this many documents get every point; larger ones a binned density. */
export const POINTS_LIMIT = 5000;
/** Density grid: bins per axis (binned at ingest: lib/stats/density). */
export const DENSITY_BINS = SCATTER_DENSITY_BINS;
/** Each query's top documents drawn as individual points over the density. */
export const HIGHLIGHT_K = 50;
/** Characters of document text kept for the shared-documents list. */
const SNIPPET = 240;

/** One document drawn as a point: x is its score for query a, y for query b. */
export interface ScatterPoint {
  documentId: string;
  source: string;
  x: number;
  y: number;
  /** Whose top-HIGHLIGHT_K it is in ("both", "a", "b"), or null. */
  top: "a" | "b" | "both" | null;
}

/** A document in both queries' top k. */
export interface SharedDocument {
  documentId: string;
  source: string;
  snippet: string | null;
  /** 1-based top ranks for query a and query b. */
  rankA: number;
  rankB: number;
  scoreA: number;
  scoreB: number;
}

export interface PairScatter {
  documentCount: number;
  /** Pearson r of the two score rows over every document (the stored matrix's, computed at ingest in float64). */
  pearson: number | null;
  /** "points": every document is in `points`; "density": `density` bins them and `points` holds the top documents. */
  mode: "points" | "density";
  /** Raw score ranges of the x (query a) and y (query b) axes: every document's (the full extent). */
  xDomain: Domain;
  yDomain: Domain;
  /**
   * The default axes, which one outlier cannot set: each axis from its 0.1st to its 99.9th
   * percentile, and how many documents lie beyond each edge (drawn on it).
   */
  robust: {
    quantiles: readonly [number, number];
    xDomain: Domain;
    yDomain: Domain;
    beyond: { left: number; right: number; bottom: number; top: number };
  };
  /**
   * The axes `density` is binned over: "robust" (documents beyond counted in the edge
   * bins), or "full" when asked for or when no document lies beyond the robust axes.
   */
  extent: ScatterExtent;
  points: ScatterPoint[];
  /** Row-major counts (row 0 = lowest y bin) over `extent`'s axes, log-coloured by the chart. */
  density: { xBins: number; yBins: number; counts: number[]; max: number } | null;
  /** Top documents per query drawn as points. */
  highlightK: number;
  shared: { k: number; items: SharedDocument[] };
}

/**
 * The two queries' scores over all documents (a binned density above POINTS_LIMIT
 * documents, every point below) and the documents in both of their top `sharedK`.
 *
 * Above POINTS_LIMIT nothing read grows with the corpus but the density: Pearson r comes
 * from the stored matrix (computed at ingest by the same function over the same scores),
 * the full axes from each query's first top and bottom records, the robust axes from the
 * 0.1% at each end of its rankings, and the density from the two queries' bins over the
 * asked-for extent, prepared at ingest (1 byte a document each, against 12 for a
 * by_document column). Only the density on screen is counted: it is the one read that
 * grows with the corpus (10 MB at 5M documents). Datasets ingested before the bins existed
 * are binned here from their scores.
 *
 * @param a, b query input indices (may be equal)
 * @param sharedK top-k size for the shared documents; clipped to the document count
 * @param extent the axes the density is binned over (the full extent when nothing lies beyond the robust one)
 */
export async function pairScatter(
  datasetId: number,
  a: number,
  b: number,
  sharedK: number,
  extent: ScatterExtent = "robust",
): Promise<PairScatter | null> {
  // Every query of a dataset ranks every document; its top and bottom rank 1 are its extremes.
  const documentCount = (await datasetDocumentCount(datasetId)) ?? 0;
  const tail = robustTailLength(documentCount);
  const prefix = Math.max(sharedK, HIGHLIGHT_K, tail);
  const mode = documentCount <= POINTS_LIMIT ? "points" : "density";
  // The bins are read alongside the rankings that set the axes (the reads are the time):
  // the asked-for extent's are right whatever the axes turn out to be, since robust axes
  // with nothing beyond them are the full axes, and the two columns then hold the same bins.
  const [topA, topB, lowA, lowB, pearsonMatrix, [binsA, binsB]] = await Promise.all([
    rankingChunk(datasetId, a, "top", 0, prefix),
    rankingChunk(datasetId, b, "top", 0, prefix),
    rankingChunk(datasetId, a, "bottom", 0, tail),
    rankingChunk(datasetId, b, "bottom", 0, tail),
    correlationMatrix(datasetId, "pearson"),
    mode === "density"
      ? Promise.all([densityBinColumn(datasetId, a, extent, documentCount), densityBinColumn(datasetId, b, extent, documentCount)])
      : [null, null],
  ]);
  if (!topA.length || !topB.length || !lowA.length || !lowB.length) return null;
  const xDomain = finiteExtent([topA[0]!.score, lowA[0]!.score]);
  const yDomain = finiteExtent([topB[0]!.score, lowB[0]!.score]);
  const scoresOf = (entries: { score: number }[]) => entries.slice(0, tail).map((e) => e.score);
  const xRobust = robustExtentOfTails(scoresOf(lowA), scoresOf(topA), documentCount);
  const yRobust = robustExtentOfTails(scoresOf(lowB), scoresOf(topB), documentCount);
  const outliers = xRobust.below + xRobust.above + yRobust.below + yRobust.above;
  const counted: ScatterExtent = extent === "full" || outliers === 0 ? "full" : "robust";
  const axes = counted === "full"
    ? { xDomain, yDomain, clamp: false }
    : { xDomain: xRobust.domain, yDomain: yRobust.domain, clamp: true };

  let xs: Float32Array | null = null;
  let ys: Float32Array | null = null;
  let density: PairScatter["density"] = null;
  const asDensity = (bins: { xBins: number; yBins: number; counts: Uint32Array; max: number }) =>
    ({ xBins: bins.xBins, yBins: bins.yBins, counts: Array.from(bins.counts), max: bins.max });
  if (binsA && binsB && binsA[0] === DENSITY_BINS && binsB[0] === DENSITY_BINS) {
    density = asDensity(countQuantised(binsA, binsB));
  } else {
    const rows = await byDocumentColumns([{ datasetId, queryIndex: a }, { datasetId, queryIndex: b }]);
    const rowA = rows.find((r) => r.queryIndex === a);
    const rowB = rows.find((r) => r.queryIndex === b);
    if (!rowA || !rowB) return null;
    xs = decodeScores(rowA.byDocument).subarray(0, documentCount);
    ys = decodeScores(rowB.byDocument).subarray(0, documentCount);
    if (mode === "density") density = asDensity(bin2d(xs, ys, { xBins: DENSITY_BINS, yBins: DENSITY_BINS, ...axes }));
  }
  const k = Math.min(sharedK, documentCount);
  const highlightK = Math.min(HIGHLIGHT_K, documentCount);

  // Shared top-k: ranks of query a's top k, then query b's top k against them.
  const rankA = new Map(topA.slice(0, k).map((e, i) => [e.documentIdx, i + 1]));
  const shared = topB.slice(0, k).flatMap((e, i) => {
    const ra = rankA.get(e.documentIdx);
    return ra === undefined ? [] : [{ idx: e.documentIdx, rankA: ra, rankB: i + 1 }];
  });
  shared.sort((p, q) => p.rankA + p.rankB - (q.rankA + q.rankB) || p.rankA - q.rankA);

  const highlight = new Map<number, "a" | "b" | "both">();
  for (const e of topA.slice(0, highlightK)) highlight.set(e.documentIdx, "a");
  for (const e of topB.slice(0, highlightK)) highlight.set(e.documentIdx, highlight.has(e.documentIdx) ? "both" : "b");

  const pointIdx = mode === "points" ? Array.from({ length: documentCount }, (_, i) => i) : [...highlight.keys()];
  const needed = [...new Set([...pointIdx, ...shared.map((s) => s.idx)])];
  // Without the columns (density from the bins), the drawn documents' scores: a query's
  // top documents carry theirs in its ranking; the rest are read a record each.
  const ranked = (entries: RankedEntry[]) => new Map(entries.map((e) => [e.documentIdx, e.score]));
  const [rankedA, rankedB] = [ranked(topA), ranked(topB)];
  const unranked = (known: Map<number, number>) => needed.filter((idx) => !known.has(idx));
  const [documents, withText, scoresA, scoresB] = await Promise.all([
    documentsByIndex(datasetId, needed),
    shared.length > 0 ? documentsByIndex(datasetId, shared.map((s) => s.idx), { text: true }) : Promise.resolve([]),
    xs ? null : documentScores(datasetId, a, unranked(rankedA)),
    ys ? null : documentScores(datasetId, b, unranked(rankedB)),
  ]);
  const x = (idx: number) => (xs ? xs[idx]! : (rankedA.get(idx) ?? scoresA!.get(idx)!));
  const y = (idx: number) => (ys ? ys[idx]! : (rankedB.get(idx) ?? scoresB!.get(idx)!));
  const byIdx = new Map(documents.map((d) => [d.idx, d]));
  const texts = new Map(withText.map((d) => [d.idx, d.text]));

  const excerpt = (text: string | null | undefined) => (text ? snippet(text, SNIPPET) : null);
  const r = pearsonMatrix?.matrix[a]?.[b];
  return {
    documentCount,
    pearson: r ?? null,
    mode,
    xDomain,
    yDomain,
    robust: {
      quantiles: ROBUST_QUANTILES,
      xDomain: xRobust.domain,
      yDomain: yRobust.domain,
      beyond: { left: xRobust.below, right: xRobust.above, bottom: yRobust.below, top: yRobust.above },
    },
    extent: counted,
    points: pointIdx.map((idx) => ({
      documentId: byIdx.get(idx)?.externalId ?? `#${idx}`,
      source: byIdx.get(idx)?.source ?? "unknown",
      x: x(idx),
      y: y(idx),
      top: highlight.get(idx) ?? null,
    })),
    density,
    highlightK,
    shared: {
      k,
      items: shared.map((s) => ({
        documentId: byIdx.get(s.idx)?.externalId ?? `#${s.idx}`,
        source: byIdx.get(s.idx)?.source ?? "unknown",
        snippet: excerpt(texts.get(s.idx)),
        rankA: s.rankA,
        rankB: s.rankB,
        scoreA: x(s.idx),
        scoreB: y(s.idx),
      })),
    },
  };
}
