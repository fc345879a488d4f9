/**
 * A scatter axis's extent that one outlier cannot dictate: the 0.1st to 99.9th
 * percentile of the values by default, with the number of values beyond each end (the
 * chart draws those on the edge and marks them). Pure, for the server and its tests.
 */

import { finiteExtent, type Domain } from "./density";

/**
 * The p-quantile of ascending finite values by linear interpolation between the closest
 * ranks (NumPy's default, "type 7"): position p * (n - 1).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = Math.min(1, Math.max(0, p)) * (n - 1);
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

export interface RobustExtent {
  /** The default axis domain: [quantile(lower), quantile(upper)], never empty. */
  domain: Domain;
  /** Every finite value's extent (the "full extent" the chart offers). */
  full: Domain;
  /** Finite values below and above `domain` (drawn on its edges). */
  below: number;
  above: number;
}

/** Default percentiles of the robust extent: 0.1 and 99.9. */
export const ROBUST_QUANTILES: readonly [number, number] = [0.001, 0.999];

/** The full extent is kept unless it is at least this many times wider than the percentile range. */
export const ROBUST_MIN_GAIN = 1.5;

/**
 * The robust extent of `values` (non-finite values ignored): the [lower, upper]
 * quantiles when the full extent is at least `minGain` times wider (outliers would
 * squeeze the rest), else the full extent (nothing is clamped for a few percent of
 * room); the full extent also when the quantiles coincide (a mostly constant series),
 * widened as `finiteExtent` does when everything is one value.
 */
export function robustExtent(
  values: ArrayLike<number>,
  [lower, upper]: readonly [number, number] = ROBUST_QUANTILES,
  minGain = ROBUST_MIN_GAIN,
): RobustExtent {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) finite.push(values[i]!);
  const sorted = Float64Array.from(finite).sort();
  const full = finiteExtent(sorted);
  let domain: Domain = sorted.length > 0 ? [quantileSorted(sorted, lower), quantileSorted(sorted, upper)] : full;
  if (!(domain[0] < domain[1]) || full[1] - full[0] < minGain * (domain[1] - domain[0])) domain = full;
  let below = 0;
  let above = 0;
  for (const v of sorted) {
    if (v < domain[0]) below++;
    else if (v > domain[1]) above++;
  }
  return { domain, full, below, above };
}

/**
 * How many values from each end robustExtentOfTails needs: every value at or beyond the
 * interpolation positions of both quantiles, plus one.
 */
export function robustTailLength(n: number, [lower, upper]: readonly [number, number] = ROBUST_QUANTILES): number {
  if (n <= 0) return 0;
  const low = Math.floor(lower * (n - 1)) + 2;
  const high = n - 1 - Math.floor(upper * (n - 1)) + 2;
  return Math.min(n, Math.max(low, high));
}

/**
 * robustExtent of n finite values, from only their `robustTailLength(n)` smallest
 * (ascending) and largest (descending): a query's bottom and top rankings, so that the
 * transfer scatter's axes never read a whole score column. Equal to robustExtent over
 * all n values.
 */
export function robustExtentOfTails(
  ascending: ArrayLike<number>,
  descending: ArrayLike<number>,
  n: number,
  [lower, upper]: readonly [number, number] = ROBUST_QUANTILES,
  minGain = ROBUST_MIN_GAIN,
): RobustExtent {
  const need = robustTailLength(n, [lower, upper]);
  if (ascending.length < need || descending.length < need) {
    throw new RangeError(`robustExtentOfTails needs ${need} values from each end of ${n}, got ${ascending.length} and ${descending.length}`);
  }
  if (n === 0) return robustExtent([], [lower, upper], minGain);
  // The i-th smallest value, for i in either tail.
  const at = (i: number) => (i < ascending.length ? ascending[i]! : descending[n - 1 - i]!);
  const quantile = (p: number) => {
    const position = Math.min(1, Math.max(0, p)) * (n - 1);
    const below = Math.floor(position);
    const above = Math.min(n - 1, below + 1);
    return at(below) + (position - below) * (at(above) - at(below));
  };
  const full = finiteExtent([ascending[0]!, descending[0]!]);
  let domain: Domain = [quantile(lower), quantile(upper)];
  if (!(domain[0] < domain[1]) || full[1] - full[0] < minGain * (domain[1] - domain[0])) domain = full;
  // Values beyond the domain lie within the tails read (at or before each quantile's position).
  let below = 0;
  for (let i = 0; i < need && ascending[i]! < domain[0]; i++) below++;
  let above = 0;
  for (let i = 0; i < need && descending[i]! > domain[1]; i++) above++;
  return { domain, full, below, above };
}
