/**
 * Pure arithmetic around a virtualized list of fixed-height rows (TanStack Virtual does
 * the windowing itself): which rows show first, which pages hold them, and how a list
 * longer than a browser can lay out is split into slices.
 */

/**
 * Browsers cap an element's height (Chrome near 33.5M px, Firefox near 17.9M), so a
 * million 76 px rows cannot be laid out at once. A longer list scrolls through a slice
 * of at most this many pixels of rows at a time (TanStack Virtual has no scaling of its
 * own: TanStack/virtual#616).
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

/** Rows rendered beyond each edge of the viewport. */
export const OVERSCAN = 4;

/** Rows in one slice of a list of `rowHeight` px rows. */
export function sliceRows(rowHeight: number): number {
  return Math.floor(MAX_SCROLL_HEIGHT / rowHeight);
}

/**
 * First row of the slice that shows row `index` (0-based) of `count` rows, with the row
 * near the slice's middle so scrolling either way goes on without a new slice; 0 when
 * the whole list fits in one slice.
 */
export function sliceStart(count: number, index: number, rows: number): number {
  if (count <= rows) return 0;
  return Math.min(Math.max(0, index - Math.floor(rows / 2)), count - rows);
}

/**
 * The rows (first and last, inclusive, 0-based) rendered when a list of `count` rows of
 * `rowHeight` px opens with row `index` at the top of a `viewport` px viewport, as far as
 * the list's end allows, plus `overscan` rows each side.
 */
export function initialRows(count: number, rowHeight: number, viewport: number, index: number, overscan = OVERSCAN): { start: number; end: number } {
  if (count === 0) return { start: 0, end: -1 };
  const top = Math.max(0, Math.min(index * rowHeight, count * rowHeight - viewport));
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + viewport) / rowHeight) - 1;
  return { start: Math.max(0, first - overscan), end: Math.min(count - 1, last + overscan) };
}

/** The pages (0-based, of `pageSize` rows) holding rows `start` to `end` inclusive. */
export function pagesCovering(start: number, end: number, pageSize: number): number[] {
  if (end < start) return [];
  const first = Math.floor(start / pageSize);
  const last = Math.floor(end / pageSize);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
