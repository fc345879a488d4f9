/**
 * Layout of the transfer view's query x query heatmap: the row order and group blocks,
 * hit-testing and keyboard focus. Pure, so the page, the canvas and the tests agree.
 */

/** A run of consecutive heatmap rows (and columns) that belong to one group. */
export interface HeatmapBlock {
  /** Group key, e.g. "type:slopes". */
  key: string;
  /** Display name, e.g. "slopes". */
  name: string;
  /** First row index (inclusive). */
  start: number;
  /** One past the last row index. */
  end: number;
}

/**
 * Orders queries for the heatmap: each query sits in the finest group it belongs to
 * (its type group, or its control group, falling back to its set), and those groups
 * follow the display order of `groups` (sets first, so "factual" leads, then types,
 * then controls). Within a block queries keep input order; a query appears once, and
 * queries in no group go last under "other".
 *
 * @param groups groups in display order (listGroups), members as query ids
 * @param queryIds every query id in input order
 * @returns the ordered ids and the blocks (contiguous, covering every row)
 */
export function heatmapOrder(
  groups: readonly { key: string; kind: string; name: string; queryIds: readonly string[] }[],
  queryIds: readonly string[],
): { order: string[]; blocks: HeatmapBlock[] } {
  const finest = new Map<string, number>();
  const rank = (kind: string) => (kind === "set" ? 0 : 1);
  groups.forEach((group, position) => {
    for (const id of group.queryIds) {
      const current = finest.get(id);
      if (current === undefined || rank(groups[current]!.kind) < rank(group.kind)) finest.set(id, position);
    }
  });
  const members = new Map<number, string[]>();
  const other: string[] = [];
  for (const id of queryIds) {
    const position = finest.get(id);
    if (position === undefined) other.push(id);
    else members.set(position, [...(members.get(position) ?? []), id]);
  }
  const order: string[] = [];
  const blocks: HeatmapBlock[] = [];
  const push = (key: string, name: string, ids: string[]) => {
    if (ids.length === 0) return;
    blocks.push({ key, name, start: order.length, end: order.length + ids.length });
    order.push(...ids);
  };
  groups.forEach((group, position) => push(group.key, group.name, members.get(position) ?? []));
  push("other", "other", other);
  return { order, blocks };
}

/**
 * The cell under a point of the plotting area, or null outside it.
 *
 * @param x, y pixels from the plot's top-left corner
 * @param cell pixel size of one cell
 * @param size rows (= columns)
 */
export function cellAt(x: number, y: number, cell: number, size: number): { row: number; col: number } | null {
  if (!(cell > 0)) return null;
  const col = Math.floor(x / cell);
  const row = Math.floor(y / cell);
  if (col < 0 || row < 0 || col >= size || row >= size) return null;
  return { row, col };
}

/** Moves a keyboard focus cell by an arrow key (clamped to the grid); null for other keys. */
export function moveFocus(
  focus: { row: number; col: number },
  key: string,
  size: number,
  step = 1,
): { row: number; col: number } | null {
  const clamp = (v: number) => Math.min(size - 1, Math.max(0, v));
  switch (key) {
    case "ArrowUp": return { row: clamp(focus.row - step), col: focus.col };
    case "ArrowDown": return { row: clamp(focus.row + step), col: focus.col };
    case "ArrowLeft": return { row: focus.row, col: clamp(focus.col - step) };
    case "ArrowRight": return { row: focus.row, col: clamp(focus.col + step) };
    case "Home": return { row: focus.row, col: 0 };
    case "End": return { row: focus.row, col: size - 1 };
    default: return null;
  }
}

/**
 * A stored query x query matrix rearranged into `order` as row-major cells, rounded to
 * `decimals` (a colour and a three-decimal tooltip need no more; it shrinks the payload);
 * null where the value is undefined or a query is missing from the matrix.
 */
export function orderedCells(
  matrix: { queryIds: readonly string[]; matrix: readonly (readonly (number | null)[])[] },
  order: readonly string[],
  decimals = 4,
): (number | null)[] {
  const position = new Map(matrix.queryIds.map((id, i) => [id, i]));
  const scale = 10 ** decimals;
  return order.flatMap((rowId) => {
    const row = matrix.matrix[position.get(rowId) ?? -1];
    return order.map((colId) => {
      const v = row?.[position.get(colId) ?? -1];
      return v === null || v === undefined ? null : Math.round(v * scale) / scale;
    });
  });
}

/** Packed cells hold value × CELL_SCALE: four decimals, what orderedCells(…, 4) keeps. */
const CELL_SCALE = 10_000;
/** A packed null (an undefined value); every value in [-1, 1] packs above it. */
const NULL_CELL = -32_768;

/**
 * Cells (rounded to four decimals, in [-1, 1]: correlations, Jaccard) as one Int16Array.
 * A server component hands a typed array to the browser as bytes (base64 in the HTML):
 * 10,000 cells are 27 kB instead of 72 kB of JSON that the server walks and the browser
 * revives number by number, most of the transfer page's render time.
 *
 * @throws RangeError for a value outside [-3.2767, 3.2767] (no matrix value can be)
 */
export function packCells(cells: readonly (number | null)[]): Int16Array<ArrayBuffer> {
  const packed = new Int16Array(cells.length);
  cells.forEach((v, i) => {
    const n = v === null ? NULL_CELL : Math.round(v * CELL_SCALE);
    if (!(n > NULL_CELL || v === null) || n > 32_767) throw new RangeError(`cell ${i} = ${v} cannot be packed`);
    packed[i] = n;
  });
  return packed;
}

/** The cells packCells packed, with the same values (null where undefined). */
export function unpackCells(packed: Int16Array): (number | null)[] {
  // A plain loop: Array.from with a map function is ten times slower on a typed array.
  const cells = new Array<number | null>(packed.length);
  for (let i = 0; i < packed.length; i++) cells[i] = packed[i] === NULL_CELL ? null : packed[i]! / CELL_SCALE;
  return cells;
}
