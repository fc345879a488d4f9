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
