/**
 * The math of a log-log multiplier chart (source share among top-k over corpus share,
 * against k): domains that keep the paper's 0.01 to 100 but grow by whole decades when a
 * value falls outside, and the placement of zero multipliers, which a log axis cannot show,
 * at the axis floor.
 */

/** The paper's y range: 100 times under- to 100 times over-represented. */
export const DEFAULT_MULTIPLIER_DOMAIN: readonly [number, number] = [0.01, 100];

/**
 * y domain [floor, ceiling] in powers of ten: at least `base`, widened to the decade
 * below the smallest positive value and above the largest. Zeros and non-finite values
 * are ignored (zeros are drawn at the floor).
 */
export function multiplierDomain(values: readonly number[], base: readonly [number, number] = DEFAULT_MULTIPLIER_DOMAIN): [number, number] {
  let [low, high] = base;
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    if (v < low) low = 10 ** Math.floor(Math.log10(v));
    if (v > high) high = 10 ** Math.ceil(Math.log10(v));
  }
  return [low, high];
}

/**
 * x domain for top-k sizes on a log axis, padded by `pad` decades on both sides so the
 * end markers sit inside the plot; a single k gets a decade either side.
 */
export function kDomain(ks: readonly number[], pad = 0.15): [number, number] {
  const positive = ks.filter((k) => k > 0);
  if (positive.length === 0) return [10, 1000];
  const min = Math.min(...positive);
  const max = Math.max(...positive);
  if (min === max) return [min / 10 ** 0.5, max * 10 ** 0.5];
  return [min / 10 ** pad, max * 10 ** pad];
}

/** Where a multiplier sits on the y axis: its value, or the floor when it is 0 (flagged). */
export function placeMultiplier(value: number, domain: readonly [number, number]): { value: number; atFloor: boolean } {
  const [floor, ceiling] = domain;
  if (!(value > 0)) return { value: floor, atFloor: true };
  return { value: Math.min(Math.max(value, floor), ceiling), atFloor: false };
}

/** Powers of ten from floor to ceiling inclusive (the y ticks). */
export function decadeTicks(domain: readonly [number, number]): number[] {
  const from = Math.round(Math.log10(domain[0]));
  const to = Math.round(Math.log10(domain[1]));
  const ticks: number[] = [];
  for (let e = from; e <= to; e++) ticks.push(e >= 0 ? 10 ** e : Number((10 ** e).toFixed(-e)));
  return ticks;
}

/** A decade tick label without float noise: 0.01, 0.1, 1, 10, 100, 1000. */
export function formatDecade(value: number): string {
  return value >= 1 ? String(Math.round(value)) : String(Number(value.toPrecision(1)));
}

/** A multiplier for reading: "28.4×", "0.05×", "0×". */
export function formatMultiplier(value: number): string {
  if (value === 0) return "0×";
  if (value >= 10) return `${value.toFixed(1)}×`;
  if (value >= 0.1) return `${value.toFixed(2)}×`;
  return `${Number(value.toPrecision(2))}×`;
}

export interface Segment<P> {
  from: P;
  to: P;
  /** True when either end is a zero drawn at the floor: the line there only suggests the drop. */
  toFloor: boolean;
}

/** Consecutive pairs of a series' points (k ascending), each marked whether it touches a zero. */
export function lineSegments<P extends { multiplier: number }>(points: readonly P[]): Segment<P>[] {
  const segments: Segment<P>[] = [];
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]!;
    const to = points[i]!;
    segments.push({ from, to, toFloor: !(from.multiplier > 0) || !(to.multiplier > 0) });
  }
  return segments;
}

/**
 * Horizontal offsets (px) that spread the markers of several zero multipliers at the
 * same k, so each open marker stays visible: centred, `step` apart, in input order.
 */
export function dodgeOffsets(count: number, step = 6): number[] {
  return Array.from({ length: count }, (_, i) => (i - (count - 1) / 2) * step);
}

/**
 * Vertical positions for labels at the right end of lines (px, y down) so no two are
 * closer than `gap`: each starts at its line's end, overlapping runs are spread around
 * their mean, and the whole stack is kept within [top, bottom] where it fits. Returns
 * the positions in input order.
 */
export function spreadLabels(ys: readonly number[], gap: number, [top, bottom]: readonly [number, number]): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  // Clusters of labels that must sit `gap` apart, each centred on its members' mean.
  let clusters: { start: number; items: { y: number; i: number }[] }[] = [];
  for (const item of order) {
    clusters.push({ start: item.y, items: [item] });
    // Merge backwards while the newest cluster overlaps the one before it.
    for (;;) {
      const last = clusters[clusters.length - 1]!;
      const previous = clusters[clusters.length - 2];
      if (!previous || previous.start + previous.items.length * gap <= last.start) break;
      const items = [...previous.items, ...last.items];
      const mean = items.reduce((s, it) => s + it.y, 0) / items.length;
      clusters = [...clusters.slice(0, -2), { start: mean - ((items.length - 1) * gap) / 2, items }];
    }
  }
  const placed = new Array<number>(ys.length);
  const total = order.length * gap;
  let floor = top;
  clusters.forEach((cluster, c) => {
    // Room left below for the clusters after this one keeps the stack inside the range.
    const after = clusters.slice(c + 1).reduce((s, k) => s + k.items.length, 0) * gap;
    const ceiling = bottom - after - (cluster.items.length - 1) * gap;
    const start = total <= bottom - top + gap ? Math.min(Math.max(cluster.start, floor), Math.max(floor, ceiling)) : Math.max(cluster.start, floor);
    cluster.items.forEach((it, k) => (placed[it.i] = start + k * gap));
    floor = start + cluster.items.length * gap;
  });
  return placed;
}
