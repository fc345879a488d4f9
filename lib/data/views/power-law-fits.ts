import "server-only";
import type { QuerySummary } from "@/lib/data/store/queries";
import type { PowerLawTest } from "@/lib/data/store/statistics";
import { globalFitProblem, localFitLabel, localFitProblem, testProblem } from "@/lib/domain/ks";
import { meanStd, welchTTest } from "@/lib/stats/summary";
import type { RankBasis } from "@/lib/url-state";

/**
 * Which power-law fits a view shows, applying the small-data rules of lib/domain/ks.ts:
 * a query's α over local or global ranks when its fit has enough points, group means over
 * the shown fits only, and the t-test between sets only with enough shown fits.
 */

/** A query's power-law fit as a view shows it. */
export interface ShownFit {
  basis: RankBasis;
  /** Null when there is no fit or the rules hide it (problem says why). */
  alpha: number | null;
  stderr: number | null;
  /** Points fitted. */
  points: number | null;
  problem: string | null;
  /** What was fitted, e.g. "α over local ranks (top 500)", "α over global ranks (41 documents)". */
  label: string;
}

/** The ranks a view fits against: as asked, else global where the dataset has them; a notice when global was asked of a dataset without. */
export function chooseRankBasis(hasGlobalRanks: boolean, requested: RankBasis | ""): { basis: RankBasis; notice: string | null } {
  if (requested === "global" && !hasGlobalRanks) {
    return { basis: "local", notice: "Ignored ranks=global: this dataset carries no global ranks; showing fits over local ranks." };
  }
  return { basis: requested || (hasGlobalRanks ? "global" : "local"), notice: null };
}

/** A sentence saying which ranks the α shown were fitted over. */
export function rankBasisDescription(basis: RankBasis): string {
  return basis === "global"
    ? "over global ranks: each document's rank among the full corpus the dataset was drawn from (the paper's fits)"
    : "over local ranks: each document's rank among this dataset's documents";
}

/** A query's fit over the given ranks, hidden (alpha null, problem set) when the rules say so. */
export function queryFit(q: QuerySummary, basis: RankBasis, documentCount: number): ShownFit {
  if (basis === "global") {
    const problem = q.alphaGlobal === null ? "no global ranks" : globalFitProblem(q.alphaGlobalPoints);
    return {
      basis, problem, points: q.alphaGlobalPoints,
      alpha: problem ? null : q.alphaGlobal, stderr: problem ? null : q.alphaGlobalStderr,
      label: `α over global ranks (${q.alphaGlobalPoints ?? 0} documents)`,
    };
  }
  const problem = q.alpha === null ? "no fit (fewer than 3 positive scores)" : localFitProblem(q.alphaPoints, documentCount);
  return {
    basis, problem, points: q.alphaPoints,
    alpha: problem ? null : q.alpha, stderr: problem ? null : q.alphaStderr,
    label: `α over local ranks (${localFitLabel(q.alphaPoints ?? 0)})`,
  };
}

/** The shown α of each query (null where hidden), for group means and tests. */
export function shownAlphas(queries: readonly QuerySummary[], basis: RankBasis, documentCount: number): Map<string, number | null> {
  return new Map(queries.map((q) => [q.id, queryFit(q, basis, documentCount).alpha]));
}

export interface ShownPowerLawTest extends PowerLawTest {
  /** Why the test is not shown (too few shown fits), or null. */
  problem: string | null;
}

const SUBSETS = { all: () => true, correct: (c: boolean | null) => c === true, incorrect: (c: boolean | null) => c === false } as const;

/**
 * Mean and std of the shown α per set (controls excluded), for all, correctly and
 * incorrectly answered queries, and the Welch t-test reasoning vs factual where each set
 * has enough shown fits (ingest's tests, recomputed over the fits the view shows).
 */
export function setTests(queries: readonly QuerySummary[], alphas: ReadonlyMap<string, number | null>): ShownPowerLawTest[] {
  return (Object.keys(SUBSETS) as (keyof typeof SUBSETS)[]).map((subset) => {
    const of = (set: string) =>
      queries.flatMap((q) => {
        const alpha = alphas.get(q.id) ?? null;
        return !q.control && q.set === set && SUBSETS[subset](q.correct) && alpha !== null ? [alpha] : [];
      });
    const factual = of("factual");
    const reasoning = of("reasoning");
    const summarise = (values: number[]) => {
      const { mean, std, n } = meanStd(values);
      return { mean: Number.isNaN(mean) ? null : mean, std: Number.isNaN(std) ? null : std, n };
    };
    const problem = testProblem(factual.length, reasoning.length);
    return { subset, factual: summarise(factual), reasoning: summarise(reasoning), test: problem ? null : welchTTest(reasoning, factual), problem };
  });
}
