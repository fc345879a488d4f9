/**
 * The one palette: a query set or source keeps its colour in every view, and every
 * colour a chart draws is named here once (Tailwind's shades, so marks match classes).
 */

const HUES = {
  amber600: "#d97706",
  blue600: "#2563eb",
  cyan600: "#0891b2",
  green600: "#16a34a",
  lime600: "#65a30d",
  orange600: "#ea580c",
  pink600: "#db2777",
  red600: "#dc2626",
  slate400: "#94a3b8",
  slate500: "#64748b",
  stone400: "#a8a29e",
  teal600: "#0d9488",
  violet600: "#7c3aed",
  zinc500: "#71717a",
} as const;

/** Anything without a colour of its own: an unknown set, source or side. */
export const NEUTRAL = HUES.zinc500;

const SET_COLORS: Record<string, string> = {
  factual: HUES.amber600,
  reasoning: HUES.blue600,
  factual_control: HUES.stone400,
  reasoning_control: HUES.slate400,
};

/**
 * The eight corpus sources: Okabe & Ito's colour-blind-safe set without its black and
 * yellow (black is the corpus line, yellow vanishes on white), plus a mid grey for web
 * noise and a brown. Every pair stays at least ΔE 13 apart under simulated protanopia,
 * deuteranopia and tritanopia (palette.test.ts).
 */
export const SOURCE_COLORS: Record<string, string> = {
  arxiv_markdown: "#cc79a7", // reddish purple
  code: "#0072b2", // blue
  general_knowledge: "#009e73", // bluish green
  math_and_trivia: "#d55e00", // vermillion
  multilingual: "#e69f00", // orange
  stackexchange: "#56b4e9", // sky blue
  webdata: "#6e6e6e", // grey
  wiki: "#996633", // brown
};

/** Task types, in the order of the dataset's types (the colour key "task-<i>" of lib/domain/groups.ts). */
const TASK_COLORS: readonly string[] = [HUES.blue600, HUES.teal600, HUES.violet600, HUES.pink600, HUES.lime600];

/** The colour of a group's colour key (`groupColorKey`): a set, a control group or a task type. */
export function groupColor(colorKey: string): string {
  const task = /^task-(\d+)$/.exec(colorKey);
  if (task) return TASK_COLORS[Number(task[1]) % TASK_COLORS.length]!;
  return SET_COLORS[colorKey] ?? NEUTRAL;
}

/** The positive and negative tails of a ranking. */
export const TAIL_COLORS = { positive: HUES.blue600, negative: HUES.red600 } as const;

/** Documents at the top of query A, of query B, or of both (the transfer scatter). */
export const HIGHLIGHT_COLORS = { both: HUES.red600, a: HUES.amber600, b: HUES.violet600, edge: HUES.zinc500 } as const;

/** A rank plot's scores and its fitted power law. */
export const RANK_PLOT_COLORS = { points: HUES.blue600, fit: HUES.red600 } as const;

/** Colour of a source; unknown sources are neutral. */
export function sourceColor(source: string): string {
  return SOURCE_COLORS[source] ?? NEUTRAL;
}
