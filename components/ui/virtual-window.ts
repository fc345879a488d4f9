/** Pure geometry of the windowed list (shared by the client list and the server page that prefetches its first rows). */

/**
 * Browsers cap an element's height (Chrome at about 33.5M px), so a list of a million
 * 76 px rows cannot be laid out at full height. Beyond this height the scroll range is
 * compressed: scrollTop maps linearly onto the full virtual offset.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;
export const OVERSCAN = 4;

export interface WindowGeometry {
  /** First and last rendered row (inclusive, 0-based). */
  start: number;
  end: number;
  /** Full-list pixel offset at the top of the viewport. */
  virtualOffset: number;
}

/**
 * The rows to render for a scroll position (pure, unit-tested): rows overlapping the
 * viewport plus an overscan, for a list of `count` rows of `rowHeight` px laid out in
 * a scroll range of `scrollHeight` px (less than the full height when compressed).
 */
export function windowFor(count: number, rowHeight: number, viewport: number, scrollTop: number, overscan = OVERSCAN): WindowGeometry {
  const full = count * rowHeight;
  const scrollHeight = Math.min(full, MAX_SCROLL_HEIGHT);
  const ratio = scrollHeight > viewport ? Math.max(1, (full - viewport) / (scrollHeight - viewport)) : 1;
  const virtualOffset = Math.min(Math.max(0, scrollTop * ratio), Math.max(0, full - viewport));
  const first = Math.floor(virtualOffset / rowHeight);
  const last = Math.ceil((virtualOffset + viewport) / rowHeight) - 1;
  return { start: Math.max(0, first - overscan), end: Math.min(count - 1, last + overscan), virtualOffset };
}

/** scrollTop that puts the full-list pixel offset `target` at the top of the viewport. */
export function scrollTopFor(count: number, rowHeight: number, viewport: number, target: number): number {
  const full = count * rowHeight;
  const scrollHeight = Math.min(full, MAX_SCROLL_HEIGHT);
  const ratio = scrollHeight > viewport ? Math.max(1, (full - viewport) / (scrollHeight - viewport)) : 1;
  return Math.max(0, Math.min(target, full - viewport)) / ratio;
}

