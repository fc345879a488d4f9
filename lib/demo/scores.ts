import { LCG_EPS, LCG_INC, LCG_MUL, type LcgStream } from "./random";

/*
 * The planted factor model behind the demo scores.
 *
 * For query q of task g and document d:
 *
 *   S[q, d] = c_q * ( sqrt(rho_g) * F_g[d] + sqrt(1 - rho_g) * E_q[d] )
 *
 * F_g (one per task) and E_q (one per query) are independent draws of the same
 * per-source distribution, each rescaled to unit mean square over the documents. For a
 * document of source s a draw is positive with probability p_s and then m+_s * L,
 * otherwise -m-_s * L. The magnitude L is uniform on [0, 1) with probability
 * nu / (1 + nu) and Pareto, P(L > x) = x^-nu / (1 + nu) for x >= 1, otherwise.
 *
 * Why this shape:
 * - p_s * m+_s = (1 - p_s) * m-_s makes every source's conditional mean zero, so the
 *   factors of different tasks and the per-query noise are uncorrelated even though the
 *   sources scale them differently; with F and E equally distributed, Pearson r between
 *   two queries of a task is rho_g in expectation, and 0 between tasks.
 * - The scales are solved so that each source takes a planted multiple of its corpus
 *   share above the upper (and below the lower) tail quantile of one draw: a favoured
 *   source is rarely positive but then large. So the top favours math_and_trivia for
 *   reasoning and wiki for factual queries while the bottom tails stay alike.
 * - A pure Pareto tail, reached already at the 1 / (1 + nu) quantile of each source, makes
 *   the top ranks fall as a power law with exponent close to -1/nu (a little steeper
 *   when the top 500 reach down towards the bulk, as they do among 20,000 documents).
 */

/** Per-source parameters of one set's score distribution (index = source index). */
export interface SourceProfile {
  /** Pareto tail index nu (> 2 so the variance, and so Pearson r, exists). */
  tailIndex: number;
  /** Probability that a draw is positive. */
  positive: Float64Array;
  /** Scale of positive draws. */
  scalePositive: Float64Array;
  /** Scale of negative draws (magnitude). */
  scaleNegative: Float64Array;
}

/**
 * Share of a magnitude's mass in its Pareto tail. 1 / (1 + nu) makes the density
 * continuous where the uniform bulk meets the tail, so histograms show no step.
 */
function tailMass(tailIndex: number): number {
  return 1 / (1 + tailIndex);
}

/** The magnitude x with P(L > x) = y (the inverse survival function of L). */
function magnitudeQuantile(y: number, tailIndex: number): number {
  const pi = tailMass(tailIndex);
  return y <= pi ? (y / pi) ** (-1 / tailIndex) : (1 - y) / (1 - pi);
}

/**
 * Per-source scales such that, for one draw, source s makes up `top[s]` times its corpus
 * share of the values above the upper `quantile` (and `bottom[s]` times of those below
 * the lower one). Multipliers are first renormalised so that shares times multipliers sum
 * to 1, as they must.
 *
 * Per source, the sign probability p and the scales m+ and m- satisfy
 *   p * P(L > 1/m+) = top * quantile,  (1 - p) * P(L > 1/m-) = bottom * quantile,
 *   p * m+ = (1 - p) * m-  (zero conditional mean),
 * solved for p by scanning and bisection.
 *
 * @param shares corpus share of each source (sums to 1)
 * @param quantile tail fraction the multipliers refer to, e.g. 0.0025 (top 50 of 20,000)
 */
export function calibratedProfile(
  shares: readonly number[],
  top: readonly number[],
  bottom: readonly number[],
  quantile: number,
  tailIndex: number,
): SourceProfile {
  const n = shares.length;
  const norm = (mult: readonly number[]) => {
    let total = 0;
    for (let s = 0; s < n; s++) total += (shares[s] ?? 0) * (mult[s] ?? 1);
    return (s: number) => ((mult[s] ?? 1) / total) * quantile;
  };
  const topTail = norm(top);
  const bottomTail = norm(bottom);
  const profile: SourceProfile = {
    tailIndex,
    positive: new Float64Array(n),
    scalePositive: new Float64Array(n),
    scaleNegative: new Float64Array(n),
  };
  for (let s = 0; s < n; s++) {
    const a = topTail(s);
    const b = bottomTail(s);
    const scales = (p: number) => ({
      up: 1 / magnitudeQuantile(a / p, tailIndex),
      down: 1 / magnitudeQuantile(b / (1 - p), tailIndex),
    });
    // The system can have several roots; some make a source almost always one sign with
    // rare giant values of the other. Scan for sign changes and keep the root with the
    // smallest second moment: the least extreme distribution that meets the targets.
    const gap = (p: number) => {
      const { up, down } = scales(p);
      return down / up - p / (1 - p);
    };
    const steps = 400;
    let p = 0.5;
    let best = Infinity;
    let previous = gap(a + (1 - b - a) * 1e-6);
    let previousP = a + (1 - b - a) * 1e-6;
    for (let i = 1; i <= steps; i++) {
      const x = a + ((1 - b - a) * i) / (steps + 1);
      const g = gap(x);
      if (Number.isFinite(g) && Number.isFinite(previous) && (g < 0) !== (previous < 0)) {
        let lo = previousP;
        let hi = x;
        const loNegative = previous < 0;
        for (let iteration = 0; iteration < 60; iteration++) {
          const mid = (lo + hi) / 2;
          if (gap(mid) < 0 === loNegative) lo = mid;
          else hi = mid;
        }
        const root = (lo + hi) / 2;
        const { up, down } = scales(root);
        const moment = root * up * up + (1 - root) * down * down;
        if (moment < best) {
          best = moment;
          p = root;
        }
      }
      previous = g;
      previousP = x;
    }
    const { up, down } = scales(p);
    profile.positive[s] = p;
    profile.scalePositive[s] = up;
    profile.scaleNegative[s] = down;
  }
  return profile;
}

/**
 * Fills `out` with one draw per document from the profile (see the module comment) and
 * returns the factor that rescales it to unit mean square. Fixing the second moment
 * exactly, rather than in expectation, keeps the realised correlations close to the
 * planted ones despite the heavy tails, where a handful of documents would otherwise
 * decide the variance.
 */
export function drawComponent(
  stream: LcgStream,
  sources: Uint8Array,
  profile: SourceProfile,
  out: Float32Array,
): number {
  const nu = profile.tailIndex;
  const exponent = -1 / nu;
  const pi = tailMass(nu);
  const invPi = 1 / pi;
  const invBulk = 1 / (1 - pi);
  const { positive, scalePositive, scaleNegative } = profile;
  const n = sources.length;
  // Local copies: some bundlers turn imported constants into getter calls.
  const mul = LCG_MUL;
  const inc = LCG_INC;
  const eps = LCG_EPS;
  let state = stream.state;
  let sumSquares = 0;
  // The hot loop of the generator (10^8 iterations for 1M documents): the LCG is
  // advanced inline and array reads are asserted in bounds (d < n, s < 8).
  for (let d = 0; d < n; d++) {
    const s = sources[d]!;
    const p = positive[s]!;
    state = (Math.imul(mul, state) + inc) | 0;
    const u = (state >>> 0) * eps;
    // One uniform decides the sign and, rescaled to w in (0, 1], the magnitude: the
    // Pareto tail for w <= pi, the uniform bulk above.
    const up = u < p;
    const w = up ? 1 - u / p : 1 - (u - p) / (1 - p);
    const magnitude = w <= pi ? Math.exp(exponent * Math.log(w * invPi)) : (1 - w) * invBulk;
    const value = up ? scalePositive[s]! * magnitude : -scaleNegative[s]! * magnitude;
    out[d] = value;
    sumSquares += value * value;
  }
  stream.state = state;
  return sumSquares > 0 ? Math.sqrt(n / sumSquares) : 1;
}

/** One task of the factor model. */
export interface FactorTask {
  /** Indices of the queries sharing the task factor. */
  members: readonly number[];
  /** Planted within-task Pearson r. */
  correlation: number;
  profile: SourceProfile;
}

/**
 * Draws the score matrix: one Float32Array per query, scaled by `scales[q]`.
 * Each task's factor is drawn first, then each member's noise, all from `stream` in a
 * fixed order, so the result depends only on the stream's seed and the inputs.
 */
export function drawScores(
  stream: LcgStream,
  sources: Uint8Array,
  tasks: readonly FactorTask[],
  scales: readonly number[],
): Float32Array[] {
  const n = sources.length;
  const rows: Array<Float32Array | undefined> = new Array<Float32Array | undefined>(scales.length);
  const factor = new Float32Array(n);
  for (const task of tasks) {
    const factorNorm = drawComponent(stream, sources, task.profile, factor);
    for (const q of task.members) {
      const row = new Float32Array(n);
      const noiseNorm = drawComponent(stream, sources, task.profile, row);
      const c = scales[q] ?? 1;
      const a = c * Math.sqrt(task.correlation) * factorNorm;
      const b = c * Math.sqrt(1 - task.correlation) * noiseNorm;
      for (let d = 0; d < n; d++) row[d] = a * factor[d]! + b * row[d]!;
      rows[q] = row;
    }
  }
  return rows.map((row, q) => {
    if (!row) throw new RangeError(`query ${q} belongs to no task`);
    return row;
  });
}

/**
 * Indices of the `k` highest values (k is clamped to the length), ranked as the
 * pipeline ranks them: by value descending, ties in index order.
 *
 * A full sort of a 1,000,000-long row per query would dominate generation, so the k-th
 * value is first estimated from an evenly spaced sample (documents are in random order),
 * lowered by a safety margin; only values above it are collected and sorted. If too few
 * pass, the margin widens until enough do.
 */
export function topIndices(values: Float32Array, k: number): Int32Array {
  const n = values.length;
  const m = Math.max(0, Math.min(Math.floor(k), n));
  if (m === 0) return new Int32Array(0);
  const sampleSize = Math.min(n, 4096);
  const sample = new Float64Array(sampleSize);
  const step = n / sampleSize;
  for (let i = 0; i < sampleSize; i++) sample[i] = values[Math.floor(i * step)] ?? 0;
  sample.sort();
  // Position from the top of the sorted sample: twice the expected one, plus slack.
  let fromTop = Math.ceil((2 * m * sampleSize) / n) + 8;
  for (;;) {
    const threshold = fromTop >= sampleSize ? -Infinity : (sample[sampleSize - 1 - fromTop] ?? -Infinity);
    const candidates: number[] = [];
    for (let d = 0; d < n; d++) if (values[d]! >= threshold) candidates.push(d);
    if (candidates.length >= m || threshold === -Infinity) {
      candidates.sort((a, b) => values[b]! - values[a]! || a - b);
      return Int32Array.from(candidates.slice(0, m));
    }
    fromTop *= 4;
  }
}
