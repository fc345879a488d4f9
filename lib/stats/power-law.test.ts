import { describe, expect, it } from "vitest";
import reference from "@/tests/reference/stats-reference.json";
import { expectClose, seededNormal } from "@/tests/support/numeric";
import { fitPowerLaw, fitPowerLawAtRanks, powerLawIntercept, powerLawScore } from "./power-law";

describe("fitPowerLaw", () => {
  it("recovers an exact power law", () => {
    // score = e^2 * rank^-0.5 -> ln score = 2 - 0.5 ln rank: alpha -0.5, intercept 2, no residual
    const mags = Array.from({ length: 40 }, (_, i) => Math.exp(2) * (i + 1) ** -0.5);
    const fit = fitPowerLaw(mags)!;
    expectClose(fit.alpha, -0.5, 1e-12);
    expectClose(fit.intercept, 2, 1e-12);
    expect(fit.stderr).toBeLessThan(1e-12);
    expect(fit.n).toBe(40);
  });

  it("fits three points by hand", () => {
    // ranks 1 2 3, scores 1 1 e^-1: x = 0, ln 2, ln 3; y = 0, 0, -1
    // x̄ = ln6/3; Sxy = Σ(x - x̄)y = -(ln 3 - ln6/3); Sxx = Σx² - 3x̄² = ln²2 + ln²3 - ln²6/3
    const l2 = Math.log(2);
    const l3 = Math.log(3);
    const l6 = Math.log(6);
    const sxx = l2 * l2 + l3 * l3 - (l6 * l6) / 3;
    const alpha = -(l3 - l6 / 3) / sxx;
    const intercept = -1 / 3 - (alpha * l6) / 3;
    const residuals = [0 - intercept, 0 - intercept - alpha * l2, -1 - intercept - alpha * l3];
    const ssr = residuals.reduce((s, e) => s + e * e, 0);
    const fit = fitPowerLaw([1, 1, Math.exp(-1)])!;
    expectClose(fit.alpha, alpha, 1e-12);
    expectClose(fit.intercept, intercept, 1e-12);
    expectClose(fit.stderr, Math.sqrt(ssr / 1 / sxx), 1e-12);
  });

  it("fits only ranks 1..maxRank and needs three of them", () => {
    const mags = Array.from({ length: 600 }, (_, i) => (i < 500 ? (i + 1) ** -0.4 : 1e-30));
    const fit = fitPowerLaw(mags)!;
    expect(fit.n).toBe(500);
    expectClose(fit.alpha, -0.4, 1e-12);
    expect(fitPowerLaw(mags, 10)!.n).toBe(10);
    expect(fitPowerLaw([2, 1])).toBeNull();
    expect(fitPowerLaw([])).toBeNull();
    expect(fitPowerLaw([5, 4, 3], 2)).toBeNull();
  });

  it("matches the normal equations on noisy data", () => {
    const normal = seededNormal(12);
    const mags = Array.from({ length: 700 }, (_, i) => Math.exp(1 - 0.35 * Math.log(i + 1) + 0.3 * normal())).sort((a, b) => b - a);
    const n = 500;
    const x = Array.from({ length: n }, (_, i) => Math.log(i + 1));
    const y = mags.slice(0, n).map(Math.log);
    const sum = (v: number[]) => v.reduce((s, t) => s + t, 0);
    const [sx, sy, sxy, sxx, syy] = [sum(x), sum(y), sum(x.map((v, i) => v * y[i]!)), sum(x.map((v) => v * v)), sum(y.map((v) => v * v))];
    const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const r = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    // Standard error via the identity se = |slope| sqrt((1/r² - 1) / (n - 2)).
    const se = Math.abs(slope) * Math.sqrt((1 / (r * r) - 1) / (n - 2));
    const fit = fitPowerLaw(mags)!;
    expectClose(fit.alpha, slope, 1e-9);
    expectClose(fit.intercept, (sy - slope * sx) / n, 1e-9);
    expectClose(fit.stderr, se, 1e-9);
  });

  it("matches scipy.stats.linregress", () => {
    for (const c of reference.powerLaw) {
      const fit = fitPowerLaw(c.magnitudes)!;
      expect(fit.n).toBe(c.n);
      expectClose(fit.alpha, c.alpha, 1e-9);
      expectClose(fit.intercept, c.intercept, 1e-9);
      // The noiseless case has stderr ~1e-10 of pure rounding: compare it absolutely.
      expectClose(fit.stderr, c.stderr, 1e-9, 1e-8);
    }
  });
});

describe("powerLawIntercept and powerLawScore", () => {
  it("recovers the intercept of an exact power law", () => {
    // s = 2 * r^-0.5  =>  ln s = ln 2 - 0.5 ln r
    const points = Array.from({ length: 50 }, (_, i) => ({ rank: i + 1, score: 2 * (i + 1) ** -0.5 }));
    expect(powerLawIntercept(points, -0.5)).toBeCloseTo(Math.log(2), 12);
    expect(powerLawScore(16, -0.5, Math.log(2))).toBeCloseTo(0.5, 12);
  });

  it("is the least-squares intercept for noisy points (hand-worked)", () => {
    // ln r = 0, ln 2, ln 4; ln s = 1, 0, 0 with alpha -0.5: mean ln s = 1/3, mean ln r = ln 8 / 3 = ln 2
    const points = [{ rank: 1, score: Math.E }, { rank: 2, score: 1 }, { rank: 4, score: 1 }];
    expect(powerLawIntercept(points, -0.5)).toBeCloseTo(1 / 3 + 0.5 * Math.log(2), 12);
    expect(powerLawIntercept([], -0.5)).toBeNull();
  });

  it("gives fitPowerLaw's intercept for its alpha over the points it fitted", () => {
    const normal = seededNormal(5, 0, 0.2);
    const magnitudes = Array.from({ length: 300 }, (_, i) => 3 * (i + 1) ** -0.8 * Math.exp(normal())).sort((a, b) => b - a);
    const fit = fitPowerLaw(magnitudes, 200)!;
    const points = magnitudes.slice(0, fit.n).map((score, i) => ({ rank: i + 1, score }));
    expect(powerLawIntercept(points, fit.alpha)).toBe(fit.intercept);
  });
});

describe("fitPowerLawAtRanks", () => {
  it("fits positive scores at their known ranks, as scipy.stats.linregress of the logs", () => {
    // Rank 0 (unknown), a negative score and a zero score are left out.
    const fit = fitPowerLawAtRanks([5, 3, -1, 2, 1.5, 0.5, 0], [10, 200, 3, 0, 5000, 40000, 7])!;
    expect(fit.n).toBe(4);
    expect(fit.alpha).toBeCloseTo(-0.2646604462649376, 12);
    expect(fit.stderr).toBeCloseTo(0.048957921727965883, 12);
    expect(fit.intercept).toBeCloseTo(2.3726751484854383, 12);
  });

  it("recovers an exact power law at scattered ranks, and needs three points", () => {
    const ranks = [3, 17, 150, 2200, 91000, 4_000_000];
    const fit = fitPowerLawAtRanks(ranks.map((r) => 7 * r ** -0.46), ranks)!;
    expect(fit.alpha).toBeCloseTo(-0.46, 12);
    expect(fit.stderr).toBeCloseTo(0, 10);
    expect(fitPowerLawAtRanks([1, 2], [1, 2])).toBeNull();
    expect(fitPowerLawAtRanks([1, 2, 3], [5, 5, 5])).toBeNull();
  });
});
