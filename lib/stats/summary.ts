/**
 * Group summaries of per-query statistics: mean and spread, medians, and Welch's t-test
 * between two groups (e.g. power-law alpha of reasoning vs factual queries).
 */

/** Mean and sample standard deviation of the non-NaN values. */
export interface MeanStd {
  /** NaN when n = 0. */
  mean: number;
  /** Sample standard deviation (ddof = 1); NaN when n < 2. */
  std: number;
  /** Values used (NaN inputs skipped). */
  n: number;
}

function withoutNaN(values: readonly number[]): number[] {
  return values.filter((v) => !Number.isNaN(v));
}

function moments(values: readonly number[]): { mean: number; variance: number; n: number } {
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  // Two-pass variance: no cancellation when the spread is small against the mean.
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return { mean, variance: n >= 2 ? ss / (n - 1) : NaN, n };
}

/**
 * Mean and sample standard deviation (ddof = 1), in the values' units.
 *
 * @param values NaN entries are skipped (e.g. a query whose statistic is undefined)
 */
export function meanStd(values: readonly number[]): MeanStd {
  const { mean, variance, n } = moments(withoutNaN(values));
  return { mean, std: Math.sqrt(variance), n };
}

/** Median of the finite values (mean of the middle two for an even count); null when none. */
export function median(values: readonly number[]): number | null {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = finite.length;
  if (n === 0) return null;
  const mid = Math.floor(n / 2);
  return n % 2 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
}

/**
 * Median of |a| / |b| over paired magnitudes (the typical factor between two score
 * scales), skipping pairs where b is zero: an infinite ratio says nothing about scale.
 *
 * @param a, b paired values; pairs beyond the shorter length are ignored
 * @returns the median ratio; null when no pair has a nonzero b
 */
export function medianMagnitudeRatio(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const denominator = Math.abs(b[i]!);
    if (denominator > 0) ratios.push(Math.abs(a[i]!) / denominator);
  }
  return median(ratios);
}

/** A mean with its two-sided Student t confidence interval. */
export interface MeanInterval {
  mean: number;
  /** Lower and upper ends, in the values' units. */
  low: number;
  high: number;
  /** Confidence level, 0..1 (0.95 for a 95% interval). */
  level: number;
  n: number;
}

/**
 * Two-sided confidence interval of a mean, mean ± t(1 - (1 - level)/2, n - 1) · s / √n,
 * as scipy.stats.t.interval(level, n - 1, loc=mean, scale=sem).
 *
 * @param values NaN entries are skipped
 * @param level confidence level in (0, 1)
 * @returns null when fewer than 2 values (no spread to judge the mean by)
 */
export function meanInterval(values: readonly number[], level = 0.95): MeanInterval | null {
  const { mean, variance, n } = moments(withoutNaN(values));
  if (n < 2) return null;
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(variance / n);
  return { mean, low: mean - half, high: mean + half, level, n };
}

/**
 * Which side of zero a mean clearly lies on: "positive" when its confidence interval
 * (meanInterval) lies wholly above zero, "negative" wholly below, "unclear" when the
 * interval contains zero or there are too few values for one. Equivalent to a two-sided
 * one-sample t-test against zero at 1 - level.
 */
export function signOfMean(values: readonly number[], level = 0.95): "positive" | "negative" | "unclear" {
  const interval = meanInterval(values, level);
  if (interval === null || Number.isNaN(interval.low) || Number.isNaN(interval.high)) return "unclear";
  if (interval.low > 0) return "positive";
  if (interval.high < 0) return "negative";
  return "unclear";
}

/**
 * The quantile of Student's t distribution: the t with P(T <= t) = probability, found
 * by bisection on studentTTwoSidedP (monotone in |t|) to double precision.
 *
 * @param probability in (0, 1)
 * @param df degrees of freedom (> 0)
 */
export function studentTQuantile(probability: number, df: number): number {
  if (!(probability > 0 && probability < 1) || !(df > 0)) return NaN;
  if (probability === 0.5) return 0;
  // P(T > |t|) = tail: the two-sided probability of |t| is 2 * tail.
  const tail = Math.min(probability, 1 - probability);
  let low = 0;
  let high = 1;
  while (studentTTwoSidedP(high, df) > 2 * tail) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-15 * high; i++) {
    const mid = (low + high) / 2;
    if (studentTTwoSidedP(mid, df) > 2 * tail) low = mid;
    else high = mid;
  }
  const t = (low + high) / 2;
  return probability > 0.5 ? t : -t;
}

/** Result of a two-sided Welch t-test. */
export interface WelchResult {
  /** (mean(a) - mean(b)) / sqrt(var(a)/n_a + var(b)/n_b). */
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value, 0..1. */
  p: number;
}

/**
 * Two-sided Welch t-test for a difference in means, as
 * scipy.stats.ttest_ind(a, b, equal_var=False).
 *
 * When both groups have zero variance, df is 0/0; like scipy the test then uses df = 1
 * (t is ±Infinity and p = 0 for different means; t and p are NaN for equal means).
 *
 * @param a values of one group (NaN entries skipped)
 * @param b values of the other group (NaN entries skipped)
 * @returns null when either group has fewer than 2 values
 */
export function welchTTest(a: readonly number[], b: readonly number[]): WelchResult | null {
  const x = moments(withoutNaN(a));
  const y = moments(withoutNaN(b));
  if (x.n < 2 || y.n < 2) return null;
  const vx = x.variance / x.n;
  const vy = y.variance / y.n;
  const t = (x.mean - y.mean) / Math.sqrt(vx + vy);
  let df = (vx + vy) ** 2 / ((vx * vx) / (x.n - 1) + (vy * vy) / (y.n - 1));
  if (Number.isNaN(df)) df = 1;
  return { t, df, p: studentTTwoSidedP(t, df) };
}

/**
 * Two-sided tail probability P(|T| >= |t|) of Student's t distribution:
 * I_{df/(df+t²)}(df/2, 1/2), the regularized incomplete beta function.
 *
 * Relative error below 1e-11 for df up to 1e5 (checked against mpmath); it grows with df
 * as the continued fraction cancels near x = 1 (about 5e-10 at df = 1e7, far beyond any
 * Welch df between query groups).
 *
 * @param t the statistic
 * @param df degrees of freedom (> 0)
 * @returns 0..1; NaN when t or df is NaN
 */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || !(df > 0)) return NaN;
  const t2 = t * t;
  if (!Number.isFinite(t2)) return 0;
  // x, 1 - x and their logarithms are each formed directly: 1 - x by subtraction would
  // lose the digits of a small t²/(df + t²), and ln x from a rounded x is off by about
  // 1e-16, which (df/2) ln x magnifies to 5e-10 at df = 1e7.
  const x = df / (df + t2);
  const oneMinusX = t2 / (df + t2);
  return regularizedBeta(x, oneMinusX, df / 2, 0.5, -Math.log1p(t2 / df), Math.log(oneMinusX));
}

/**
 * Lanczos approximation of ln Γ(z) (g = 7, 9 terms), relative error about 1e-15 for
 * z >= 0.5; reflection below.
 */
function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
  const c = LANCZOS;
  const w = z - 1;
  let sum = c[0]!;
  for (let i = 1; i < c.length; i++) sum += c[i]! / (w + i);
  const u = w + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (w + 0.5) * Math.log(u) - u + Math.log(sum);
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
] as const;

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b). For a large argument, ln Γ(big) and
 * ln Γ(big + small) are huge and nearly equal, so their difference is taken from
 * Stirling's series in a cancellation-free form instead (large df in the t-test).
 */
function logBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < 10) return logGamma(a) + logGamma(b) - logGamma(a + b);
  const sum = big + small;
  // ln Γ(big) - ln Γ(big + small)
  //   = -(big - 1/2) ln(1 + small/big) - small ln(big + small) + small + ω(big) - ω(big + small)
  // with ω(z) = ln Γ(z) - (z - 1/2) ln z + z - ln(2π)/2, Stirling's remainder.
  const difference =
    -(big - 0.5) * Math.log1p(small / big) -
    small * Math.log(sum) +
    small +
    stirlingRemainder(big) -
    stirlingRemainder(sum);
  return logGamma(small) + difference;
}

/** Stirling's remainder ω(z) for z >= 10, to about 1e-14 absolute. */
function stirlingRemainder(z: number): number {
  const r = 1 / z;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 / 1188))));
}

/**
 * Regularized incomplete beta I_x(a, b) (Numerical Recipes, betai): the continued
 * fraction converges fast for x < (a + 1) / (a + b + 2); otherwise it is evaluated for
 * I_{1-x}(b, a) and reflected. 1 - x and the logarithms may be passed in when the caller
 * can form them more precisely than from a rounded x.
 */
function regularizedBeta(
  x: number,
  oneMinusX: number,
  a: number,
  b: number,
  logX = Math.log(x),
  logOneMinusX = Math.log(oneMinusX),
): number {
  if (x <= 0) return 0;
  if (oneMinusX <= 0) return 1;
  const logFront = a * logX + b * logOneMinusX - logBeta(a, b);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(oneMinusX, b, a)) / b;
}

/** Modified Lentz evaluation of the incomplete beta continued fraction (NR betacf). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const EPS = Number.EPSILON;
  const TINY = 1e-300;
  const MAX_ITERATIONS = 10_000;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    // Even step.
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // Odd step.
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return h;
  }
  return h;
}
