import "server-only";
import { documentsByIndex } from "@/lib/data/store/documents";
import { decodeScores } from "@/lib/data/store/packed";
import { byDocumentColumns, rankingChunk } from "@/lib/data/store/scores";
import { snippet } from "@/lib/format";
import { pearson } from "@/lib/stats/correlation";
import { bin2d, finiteExtent, type Domain } from "@/lib/stats/density";
import { robustExtent, ROBUST_QUANTILES } from "@/lib/stats/extent";

/**
 * The transfer view's selected pair of queries (also GET /api/datasets/[slug]/scatter):
 * their scores against each other over every document, and their shared top documents.
 */

/** Datasets up to this many documents get every point; larger ones a binned density. */
export const POINTS_LIMIT = 5000;
/** Density grid: bins per axis. */
export const DENSITY_BINS = 60;
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
  /** Pearson r of the two score rows over every document (recomputed here in float64). */
  pearson: number | null;
  /** "points": every document is in `points`; "density": `density` bins them and `points` holds the top documents. */
  mode: "points" | "density";
  /** Raw score ranges of the x (query a) and y (query b) axes: every document's (the full extent). */
  xDomain: Domain;
  yDomain: Domain;
  /**
   * The default axes, which one outlier cannot set: each axis from its 0.1st to its 99.9th
   * percentile, the density binned over them with documents beyond drawn in the edge bins,
   * and how many documents lie beyond each edge.
   */
  robust: {
    quantiles: readonly [number, number];
    xDomain: Domain;
    yDomain: Domain;
    density: PairScatter["density"];
    beyond: { left: number; right: number; bottom: number; top: number };
  };
  points: ScatterPoint[];
  /** Row-major counts (row 0 = lowest y bin), log-coloured by the chart. */
  density: { xBins: number; yBins: number; counts: number[]; max: number } | null;
  /** Top documents per query drawn as points. */
  highlightK: number;
  shared: { k: number; items: SharedDocument[] };
}

/**
 * The two queries' scores over all documents (a binned density above POINTS_LIMIT
 * documents, every point below) and the documents in both of their top `sharedK`.
 * Reads the two by_document columns whole (12 bytes a document each: 12 MB a query at
 * a million documents), the first records of their top rankings and the documents drawn.
 *
 * @param a, b query input indices (may be equal)
 * @param sharedK top-k size for the shared documents; clipped to the document count
 */
export async function pairScatter(
  datasetId: number,
  a: number,
  b: number,
  sharedK: number,
): Promise<PairScatter | null> {
  const prefix = Math.max(sharedK, HIGHLIGHT_K);
  const [rows, topA, topB] = await Promise.all([
    byDocumentColumns([{ datasetId, queryIndex: a }, { datasetId, queryIndex: b }]),
    rankingChunk(datasetId, a, "top", 0, prefix),
    rankingChunk(datasetId, b, "top", 0, prefix),
  ]);
  const rowA = rows.find((r) => r.queryIndex === a);
  const rowB = rows.find((r) => r.queryIndex === b);
  if (!rowA || !rowB) return null;

  const xs = decodeScores(rowA.byDocument);
  const ys = decodeScores(rowB.byDocument);
  const documentCount = Math.min(xs.length, ys.length);
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

  const mode = documentCount <= POINTS_LIMIT ? "points" : "density";
  const pointIdx = mode === "points" ? Array.from({ length: documentCount }, (_, i) => i) : [...highlight.keys()];
  const needed = [...new Set([...pointIdx, ...shared.map((s) => s.idx)])];
  const [documents, withText] = await Promise.all([
    documentsByIndex(datasetId, needed),
    shared.length > 0 ? documentsByIndex(datasetId, shared.map((s) => s.idx), { text: true }) : Promise.resolve([]),
  ]);
  const byIdx = new Map(documents.map((d) => [d.idx, d]));
  const texts = new Map(withText.map((d) => [d.idx, d.text]));

  const xDomain = finiteExtent(xs);
  const yDomain = finiteExtent(ys);
  const xRobust = robustExtent(xs.subarray(0, documentCount));
  const yRobust = robustExtent(ys.subarray(0, documentCount));
  const binned = (xd: Domain, yd: Domain, clamp: boolean): PairScatter["density"] => {
    if (mode !== "density") return null;
    const bins = bin2d(xs.subarray(0, documentCount), ys.subarray(0, documentCount), { xBins: DENSITY_BINS, yBins: DENSITY_BINS, xDomain: xd, yDomain: yd, clamp });
    return { xBins: bins.xBins, yBins: bins.yBins, counts: Array.from(bins.counts), max: bins.max };
  };
  const density = binned(xDomain, yDomain, false);

  const excerpt = (text: string | null | undefined) => (text ? snippet(text, SNIPPET) : null);
  return {
    documentCount,
    // The same computation as the stored matrix, so the two agree to the last digit.
    pearson: pearson(xs.subarray(0, documentCount), ys.subarray(0, documentCount)),
    mode,
    xDomain,
    yDomain,
    robust: {
      quantiles: ROBUST_QUANTILES,
      xDomain: xRobust.domain,
      yDomain: yRobust.domain,
      density: binned(xRobust.domain, yRobust.domain, true),
      beyond: { left: xRobust.below, right: xRobust.above, bottom: yRobust.below, top: yRobust.above },
    },
    points: pointIdx.map((idx) => ({
      documentId: byIdx.get(idx)?.externalId ?? `#${idx}`,
      source: byIdx.get(idx)?.source ?? "unknown",
      x: xs[idx]!,
      y: ys[idx]!,
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
        scoreA: xs[s.idx]!,
        scoreB: ys[s.idx]!,
      })),
    },
  };
}
