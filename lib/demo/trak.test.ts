import { describe, expect, it } from "vitest";
import { queryGroups } from "@/lib/domain/groups";
import { queryAgreement } from "@/lib/stats/agreement";
import { generateDemoDataset } from "./generate";
import { copulaCorrelation, DEMO_TRAK_SLUG, PLANTED_AGREEMENT, trakLikeDataset } from "./trak";

describe("copulaCorrelation", () => {
  it("inverts Spearman's rho of a bivariate normal, (6 / pi) asin(r / 2)", () => {
    for (const rho of [0, 0.3, 0.6, 1]) expect((6 / Math.PI) * Math.asin(copulaCorrelation(rho) / 2)).toBeCloseTo(rho, 12);
  });
});

describe("trakLikeDataset", () => {
  const ekfac = generateDemoDataset("7b");
  const trak = trakLikeDataset(ekfac);

  it("shares demo-7b's queries and documents, keeps each query's scores, and is deterministic", () => {
    expect(trak.meta).toMatchObject({ slug: DEMO_TRAK_SLUG, synthetic: true });
    expect(trak.queries).toBe(ekfac.queries);
    expect(trak.documents).toBe(ekfac.documents);
    for (const q of [0, 50, 99]) {
      expect(Float32Array.from(trak.scores[q]!).sort()).toEqual(Float32Array.from(ekfac.scores[q]!).sort());
    }
    expect(trakLikeDataset(ekfac).scores[7]).toEqual(trak.scores[7]);
  });

  it("recovers the planted Spearman agreement per group to within 0.02", () => {
    // Planted 0.3 (factual) and 0.6 (reasoning); recovered at 20,000 documents, seed 1:
    // see lib/demo/README.md ("Agreement").
    const ks = [10, 100, 1000];
    const stats = trak.queries.map((_, q) => queryAgreement(ekfac.scores[q]!, trak.scores[q]!, ks));
    const groups = queryGroups(ekfac.queries);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    for (const group of groups) {
      const set = ekfac.queries[group.members[0]!]!.set;
      const rho = mean(group.members.map((q) => stats[q]!.spearman!));
      expect(Math.abs(rho - PLANTED_AGREEMENT[set]), `${group.key}: ${rho}`).toBeLessThan(0.02);
      // Every query, not only the mean, sits near its plant (sampling sd about 0.006).
      for (const q of group.members) expect(Math.abs(stats[q]!.spearman! - PLANTED_AGREEMENT[set])).toBeLessThan(0.04);
    }
    // Heavy tails: Pearson r is lower than rho, reasoning above factual; top sets overlap more for reasoning.
    const bySet = (set: "factual" | "reasoning", f: (s: (typeof stats)[number]) => number) =>
      mean(trak.queries.flatMap((query, q) => (query.set === set ? [f(stats[q]!)] : [])));
    expect(bySet("reasoning", (s) => s.pearson!)).toBeGreaterThan(bySet("factual", (s) => s.pearson!));
    expect(bySet("reasoning", (s) => s.jaccard[2]!)).toBeGreaterThan(bySet("factual", (s) => s.jaccard[2]!));
  });
});
