import { describe, expect, it } from "vitest";
import reference from "@/tests/reference/stats-reference.json";
import { expectClose, nullToNaN, seededNormal } from "@/tests/support/numeric";
import { meanInterval, meanStd, median, medianMagnitudeRatio, signOfMean, studentTQuantile, studentTTwoSidedP, welchTTest } from "./summary";

describe("meanStd", () => {
  it("computes a hand-worked case", () => {
    // 2 4 4 4 5 5 7 9: mean 40/8 = 5; Σ(x - 5)² = 9+1+1+1+0+0+4+16 = 32; var = 32/7
    const s = meanStd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expectClose(s.std, Math.sqrt(32 / 7), 1e-15);
    expect(s.n).toBe(8);
  });

  it("skips NaN, and is NaN where undefined", () => {
    // NaN dropped: 1, 3 -> mean 2, var (1 + 1)/1 = 2
    const s = meanStd([1, NaN, 3]);
    expect(s).toEqual({ mean: 2, std: Math.SQRT2, n: 2 });
    const one = meanStd([4]);
    expect(one.mean).toBe(4);
    expect(one.std).toBeNaN();
    expect(meanStd([NaN]).mean).toBeNaN();
    expect(meanStd([]).n).toBe(0);
  });

  it("matches the Σx² formula on random values", () => {
    const normal = seededNormal(21, -0.35, 0.05);
    const x = Array.from({ length: 57 }, normal);
    const n = x.length;
    const s1 = x.reduce((s, v) => s + v, 0);
    const s2 = x.reduce((s, v) => s + v * v, 0);
    const s = meanStd(x);
    expectClose(s.mean, s1 / n, 1e-12);
    // Σx² - n x̄² loses about 3 digits here (mean/std = 7): compare to 1e-9.
    expectClose(s.std, Math.sqrt((s2 - (s1 * s1) / n) / (n - 1)), 1e-9);
  });
});

describe("welchTTest", () => {
  it("computes t and df by hand", () => {
    // a = 1 2 3: mean 2, var 1; b = 4 5 6 7: mean 5.5, var 5/3
    // va/na = 1/3, vb/nb = 5/12, sum 3/4; t = -3.5 / sqrt(3/4)
    // df = (3/4)² / ((1/3)²/2 + (5/12)²/3) = 0.5625 / (1/18 + 25/432) = 243/49
    const r = welchTTest([1, 2, 3], [4, 5, 6, 7])!;
    expectClose(r.t, -3.5 / Math.sqrt(0.75), 1e-14);
    expectClose(r.df, 243 / 49, 1e-14);
    // scipy.stats.ttest_ind([1,2,3], [4,5,6,7], equal_var=False).pvalue
    expectClose(r.p, 0.01007694334798886, 1e-10);
  });

  it("returns null for fewer than two values a side, NaN skipped", () => {
    expect(welchTTest([1], [1, 2, 3])).toBeNull();
    expect(welchTTest([1, 2], [3, NaN])).toBeNull();
    expect(welchTTest([1, 2], [3, 4])).not.toBeNull();
  });

  it("follows scipy when both variances are zero", () => {
    // scipy sets the undefined df to 1: different means -> t = -inf, p = 0
    expect(welchTTest([1, 1], [2, 2])).toEqual({ t: -Infinity, df: 1, p: 0 });
    const same = welchTTest([1, 1], [1, 1])!;
    expect(same.t).toBeNaN();
    expect(same.p).toBeNaN();
  });

  it("matches scipy.stats.ttest_ind(equal_var=False)", () => {
    for (const c of reference.welch) {
      const r = welchTTest(c.a, c.b)!;
      expectClose(r.t, nullToNaN(c.t), 1e-9);
      expectClose(r.df, nullToNaN(c.df), 1e-9);
      expectClose(r.p, nullToNaN(c.p), 1e-9, 1e-12);
    }
  });
});

describe("studentTTwoSidedP", () => {
  it("is exact where the t distribution has closed forms", () => {
    // df = 1 is Cauchy: P(|T| >= t) = 1 - 2 atan(t) / π
    for (const t of [0.1, 1, 3, 50]) expectClose(studentTTwoSidedP(t, 1), 1 - (2 * Math.atan(t)) / Math.PI, 1e-12);
    // df = 2: P(|T| >= t) = 1 - t / sqrt(2 + t²)
    for (const t of [0.1, 1, 3]) expectClose(studentTTwoSidedP(t, 2), 1 - t / Math.sqrt(2 + t * t), 1e-12);
    expect(studentTTwoSidedP(0, 7)).toBe(1);
    expect(studentTTwoSidedP(-Infinity, 7)).toBe(0);
    expect(studentTTwoSidedP(NaN, 7)).toBeNaN();
  });

  it("matches mpmath to 1e-10 relative over a grid (df 0.5 to 1e5, far tails)", () => {
    for (const { t, df, p } of reference.tTwoSided) {
      expectClose(studentTTwoSidedP(t, df), p, 1e-10, 1e-300);
      expectClose(studentTTwoSidedP(-t, df), p, 1e-10, 1e-300);
    }
  });
});

describe("median and medianMagnitudeRatio", () => {
  it("takes the middle value, or the mean of the middle two; skips non-finite values", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, Number.NaN, 1, Number.POSITIVE_INFINITY])).toBe(3);
    expect(median([])).toBeNull();
  });

  it("skips zero denominators in magnitude ratios", () => {
    expect(medianMagnitudeRatio([2, -4, 6, 1], [1, 2, -2, 0])).toBe(2); // ratios 2, 2, 3; the zero is skipped
    expect(medianMagnitudeRatio([1], [0])).toBeNull();
  });
});

describe("studentTQuantile, meanInterval and signOfMean", () => {
  it("matches scipy.stats.t.ppf", () => {
    // scipy.stats.t.ppf(p, df), computed once.
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 9);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.7764451051977934, 12);
    expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.045229642132703, 12);
    expect(studentTQuantile(0.05, 7)).toBeCloseTo(-1.8945786050900066, 12);
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(1, 3)).toBeNaN();
  });

  it("gives scipy's t interval of a mean, and the sign only when the interval excludes zero", () => {
    const interval = meanInterval([0.3, -0.1, 0.5, 0.2, 0.4])!;
    // scipy.stats.t.interval(0.95, 4, loc=mean, scale=scipy.stats.sem(values))
    expect(interval.low).toBeCloseTo(-0.025852519098702342, 12);
    expect(interval.high).toBeCloseTo(0.5458525190987022, 12);
    expect(interval.n).toBe(5);
    expect(signOfMean([0.3, -0.1, 0.5, 0.2, 0.4])).toBe("unclear");
    expect(signOfMean([0.3, 0.2, 0.5, 0.2, 0.4])).toBe("positive");
    expect(signOfMean([-2, -1.5, -1])).toBe("negative");
    expect(signOfMean([5])).toBe("unclear");
    expect(meanInterval([5])).toBeNull();
    // The same values pass at 80% but not at 99%: the level decides.
    expect(signOfMean([0.3, -0.1, 0.5, 0.2, 0.4], 0.8)).toBe("positive");
    expect(signOfMean([0.3, 0.2, 0.5, 0.2, 0.4], 0.9999)).toBe("unclear");
  });
});
