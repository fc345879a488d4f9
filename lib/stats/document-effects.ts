/**
 * Which query groups a document helps or hurts (pure; the document page and its tests
 * share it): per group, its mean score over the group's queries and how many of those
 * queries have it among their top or bottom 1% of documents.
 */
import { topCount } from "./coverage";
import { meanInterval, meanStd, signOfMean } from "./summary";

export interface InfluenceLike {
  queryId: string;
  score: number;
  /** 1-based top rank (score descending). */
  rank: number;
  /** 1-based bottom rank (score ascending). */
  bottomRank: number;
}

export interface GroupEffect {
  key: string;
  name: string;
  kind: string;
  queries: number;
  meanScore: number | null;
  /** Queries whose top 1% (ranks 1..ceil(D/100)) contain the document. */
  inTop1: number;
  /** Queries whose bottom 1% contain it. */
  inBottom1: number;
  /** 95% confidence interval of the mean score over the members; null below 2 members. */
  meanLow: number | null;
  meanHigh: number | null;
  /**
   * "helps" / "hurts" when the 95% interval of the mean lies wholly above / below zero;
   * "unclear" when it contains zero or there are fewer than 2 member queries.
   */
  effect: GroupEffectKind;
}

export type GroupEffectKind = "helps" | "hurts" | "unclear";

/** Confidence level of the interval that decides whether a document helps or hurts. */
export const EFFECT_LEVEL = 0.95;

/** The number of documents in a 1% tail: ceil(D / 100) as coverage counts it, at least 1. */
export function onePercent(documentCount: number): number {
  return Math.max(1, topCount(0.01, documentCount));
}

/**
 * Per group (in the given order): the document's mean score over the member queries
 * (in score units; null when no member has a score for it), its top and bottom 1%
 * memberships, and whether it clearly helps or hurts: only when the 95% interval of the
 * mean excludes zero (signOfMean), since a mean of a few scores of either sign says little.
 *
 * @param influences the document's score and 1-based ranks per query
 * @param documentCount D, documents in the dataset (sets the 1% cut)
 */
export function groupEffects(
  influences: readonly InfluenceLike[],
  groups: readonly { key: string; name: string; kind: string; queryIds: readonly string[] }[],
  documentCount: number,
): GroupEffect[] {
  const byQuery = new Map(influences.map((i) => [i.queryId, i]));
  const cut = onePercent(documentCount);
  return groups.map((g) => {
    const members = g.queryIds.map((id) => byQuery.get(id)).filter((i): i is InfluenceLike => i !== undefined);
    const scores = members.map((i) => i.score);
    const meanScore = members.length ? meanStd(scores).mean : null;
    const interval = meanInterval(scores, EFFECT_LEVEL);
    const sign = signOfMean(scores, EFFECT_LEVEL);
    return {
      key: g.key, name: g.name, kind: g.kind, queries: members.length, meanScore,
      inTop1: members.filter((i) => i.rank <= cut).length,
      inBottom1: members.filter((i) => i.bottomRank <= cut).length,
      meanLow: interval?.low ?? null,
      meanHigh: interval?.high ?? null,
      effect: sign === "positive" ? "helps" : sign === "negative" ? "hurts" : "unclear",
    };
  });
}
