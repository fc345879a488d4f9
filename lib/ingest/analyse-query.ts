import { endianness } from "node:os";
import { ANSWER_TOP_K } from "@/lib/domain/ks";
import type { QueryRecord, QueryStatistics } from "@/lib/domain/records";
import type { CoverageTail } from "@/lib/domain/vocabulary";
import { gini, topShare } from "@/lib/stats/concentration";
import { coverageCurve, tailMagnitudes } from "@/lib/stats/coverage";
import { finiteExtent, quantise, SCATTER_DENSITY_BINS } from "@/lib/stats/density";
import { robustExtentOfTails, robustTailLength } from "@/lib/stats/extent";
import { fitPowerLaw, fitPowerLawAtRanks } from "@/lib/stats/power-law";
import { bottomOrderOf, rankOrder } from "@/lib/stats/ranking";
import { selfNormalisedScores } from "@/lib/stats/self-normalised";

// The packed columns are written through typed-array views, which use the machine's
// byte order; the readers decode little-endian.
if (endianness() !== "LE") throw new Error("Influence Explorer's ingest needs a little-endian machine");

export interface TailCoverage {
  tail: CoverageTail;
  percentile: number;
  count: number;
  sum: number;
  share: number;
}

/** The per-query statistics stored in the queries and coverage tables. */
export interface QueryStats extends QueryStatistics {
  coverage: TailCoverage[];
}

/** Everything the writer stores for one query, computed from its score row alone. */
export interface QueryAnalysis {
  /** The query_scores columns (see prisma/schema.prisma for the record layouts). */
  packed: {
    byDocument: Buffer; top: Buffer; bottom: Buffer; globalRanks: Buffer | null;
    /** The transfer scatter's density bins over the query's full and robust extents. */
    densityBins: Buffer; densityBinsRobust: Buffer;
    /** The self-normalised rankings (records carry score / sqrt(self)); null without self-influence. */
    topNormalised: Buffer | null; bottomNormalised: Buffer | null;
  };
  /** Document indices by rank, score descending / ascending. */
  topOrder: Uint32Array;
  bottomOrder: Uint32Array;
  stats: QueryStats;
  /** Top ranks (ascending) of every document containing the answer; null without an answer. */
  answerDocumentRanks: Int32Array | null;
}

const finiteOrNull = (value: number | undefined): number | null =>
  value !== undefined && Number.isFinite(value) ? value : null;

function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/**
 * Buffers for one query's largest outputs, reused query after query by ingest: new ones
 * for each query (about 140 MB at 5M documents) are memory outside V8's heap that lingers
 * until a full collection. What analyseQuery returns in them is valid until its next call.
 */
export class QueryBuffers {
  readonly byDocument: Buffer;
  readonly top: Buffer;
  readonly bottom: Buffer;
  readonly bottomOrder: Uint32Array;

  constructor(readonly documentCount: number) {
    this.byDocument = Buffer.alloc(documentCount * 12);
    this.top = Buffer.alloc(documentCount * 8);
    this.bottom = Buffer.alloc(documentCount * 8);
    this.bottomOrder = new Uint32Array(documentCount);
  }
}

/** Packs one ranking as (uint32 document idx, float32 score) records, rank order. */
function packRanking(order: Uint32Array, scores: Float32Array, buffer: Buffer = Buffer.alloc(order.length * 8)): Buffer {
  const asU32 = new Uint32Array(buffer.buffer, buffer.byteOffset, order.length * 2);
  const asF32 = new Float32Array(buffer.buffer, buffer.byteOffset, order.length * 2);
  for (let r = 0; r < order.length; r++) {
    const d = order[r]!;
    asU32[2 * r] = d;
    asF32[2 * r + 1] = scores[d]!;
  }
  return buffer;
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Both rankings of `scores`, packed (the self-normalised ones). */
function packedRankings(scores: Float32Array): { top: Buffer; bottom: Buffer } {
  const top = rankOrder(scores, "top");
  return { top: packRanking(top, scores), bottom: packRanking(bottomOrderOf(scores, top), scores) };
}

/** The row's robust extent (lib/stats/extent) from the ends of its two rankings. */
function robustDomain(scores: Float32Array, topOrder: Uint32Array, bottomOrder: Uint32Array) {
  const tail = robustTailLength(scores.length);
  const scoresAt = (order: Uint32Array) => Float64Array.from(order.subarray(0, tail), (d) => scores[d]!);
  return robustExtentOfTails(scoresAt(bottomOrder), scoresAt(topOrder), scores.length).domain;
}

/**
 * Ranks, packed columns and per-query statistics for one row of the score matrix.
 *
 * @param answerDocuments indices of the documents whose text contains the query's answer
 *   (./answer-documents); null when the query has no answer
 */
export function analyseQuery(
  query: QueryRecord,
  scores: Float32Array,
  answerDocuments: Uint32Array | null,
  globalRanks: Int32Array | null,
  selfInfluence: Float64Array | null = null,
  buffers: QueryBuffers | null = null,
): QueryAnalysis {
  const n = scores.length;
  if (buffers && buffers.documentCount !== n) throw new RangeError(`buffers for ${buffers.documentCount} documents, scores for ${n}`);
  const normalised = selfInfluence ? selfNormalisedScores(scores, selfInfluence) : null;
  const topOrder = rankOrder(scores, "top");
  const bottomOrder = bottomOrderOf(scores, topOrder, buffers?.bottomOrder);
  const normalisedRankings = normalised ? packedRankings(normalised) : null;

  const byDocument = buffers?.byDocument ?? Buffer.alloc(n * 12);
  const docU32 = new Uint32Array(byDocument.buffer, byDocument.byteOffset, n * 3);
  const docF32 = new Float32Array(byDocument.buffer, byDocument.byteOffset, n * 3);
  for (let d = 0; d < n; d++) docF32[3 * d] = scores[d]!;
  for (let r = 0; r < n; r++) {
    docU32[3 * topOrder[r]! + 1] = r + 1;
    docU32[3 * bottomOrder[r]! + 2] = r + 1;
  }

  const positive = tailMagnitudes(scores, topOrder, "positive");
  const negative = tailMagnitudes(scores, bottomOrder, "negative");
  const fit = fitPowerLaw(positive);
  // Global ranks are stored 0-based with -1 for unknown; the fit takes 1-based ranks, 0 unknown.
  const globalFit = globalRanks ? fitPowerLawAtRanks(scores, Int32Array.from(globalRanks, (r) => r + 1)) : null;

  // Every answer document's top rank; those within the top ANSWER_TOP_K are the
  // answer occurrence of DESIGN.md.
  let answerRanks: number[] | null = null;
  let answerK: number | null = null;
  let answerDocumentRanks: Int32Array | null = null;
  if (answerDocuments !== null && query.answer !== null && query.answer.trim() !== "") {
    answerDocumentRanks = Int32Array.from(answerDocuments, (d) => docU32[3 * d + 1]!).sort();
    answerK = Math.min(ANSWER_TOP_K, n);
    answerRanks = [];
    for (const rank of answerDocumentRanks) {
      if (rank > answerK) break;
      answerRanks.push(rank);
    }
  }

  return {
    packed: {
      byDocument,
      top: packRanking(topOrder, scores, buffers?.top),
      bottom: packRanking(bottomOrder, scores, buffers?.bottom),
      globalRanks: globalRanks ? Buffer.from(globalRanks.buffer, globalRanks.byteOffset, globalRanks.byteLength) : null,
      // The transfer scatter's bins over this query's own extent (any pair's density from two of these).
      densityBins: asBuffer(quantise(scores, finiteExtent([scores[bottomOrder[0]!]!, scores[topOrder[0]!]!]), SCATTER_DENSITY_BINS)),
      // ... and over its robust extent, the scatter's default axes (outliers in the edge bins),
      // from the rankings' tails as the scatter computes it (no third sort of the row).
      densityBinsRobust: asBuffer(quantise(scores, robustDomain(scores, topOrder, bottomOrder), SCATTER_DENSITY_BINS, { clamp: true })),
      topNormalised: normalisedRankings?.top ?? null,
      bottomNormalised: normalisedRankings?.bottom ?? null,
    },
    topOrder,
    bottomOrder,
    stats: {
      positiveCount: positive.length,
      positiveTotal: sum(positive),
      negativeCount: negative.length,
      negativeTotal: sum(negative),
      gini: positive.length ? finiteOrNull(gini(positive)) : null,
      top1Share: positive.length ? finiteOrNull(topShare(positive, 0.01)) : null,
      alpha: finiteOrNull(fit?.alpha),
      alphaStderr: finiteOrNull(fit?.stderr),
      alphaPoints: fit?.n ?? null,
      alphaGlobal: finiteOrNull(globalFit?.alpha),
      alphaGlobalStderr: finiteOrNull(globalFit?.stderr),
      alphaGlobalPoints: globalFit?.n ?? null,
      coverage: [
        ...coverageCurve(positive).map((point) => ({ tail: "positive" as const, ...point })),
        ...coverageCurve(negative).map((point) => ({ tail: "negative" as const, ...point })),
      ],
      answerRanks,
      answerK,
    },
    answerDocumentRanks,
  };
}
