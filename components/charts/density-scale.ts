/** The colour of a density bin (components/charts/density-scatter.tsx), pure for its tests. */

/**
 * Position of a bin count on a logarithmic colour ramp, in [0, 1]: 0 for an empty
 * bin, then log(count) / log(max) so a single document is the faintest visible shade
 * (a small floor keeps it visible) and the fullest bin is 1.
 */
export function logDensity(count: number, max: number, floor = 0.12): number {
  if (count <= 0 || max <= 0) return 0;
  if (max === 1) return 1;
  const t = Math.log(count) / Math.log(max);
  return floor + (1 - floor) * Math.min(1, Math.max(0, t));
}
