/** The one palette: a query set or source keeps its colour in every view. */

export const SET_COLORS: Record<string, string> = {
  factual: "#d97706",
  reasoning: "#2563eb",
  factual_control: "#a8a29e",
  reasoning_control: "#94a3b8",
};

export const SOURCE_COLORS: Record<string, string> = {
  arxiv_markdown: "#7c3aed",
  code: "#0891b2",
  general_knowledge: "#65a30d",
  math_and_trivia: "#dc2626",
  multilingual: "#db2777",
  stackexchange: "#ea580c",
  webdata: "#64748b",
  wiki: "#16a34a",
};

/** Colour of a source; unknown sources get a neutral grey. */
export function sourceColor(source: string): string {
  return SOURCE_COLORS[source] ?? "#71717a";
}
