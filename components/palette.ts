/** The one palette: a query set or source keeps its colour in every view. */

export const SET_COLORS: Record<string, string> = {
  factual: "#d97706",
  reasoning: "#2563eb",
  factual_control: "#a8a29e",
  reasoning_control: "#94a3b8",
};

/** Task types, in the order of the dataset's types (the colour key "task-<i>" of lib/domain/groups.ts). */
const TASK_COLORS = ["#2563eb", "#0d9488", "#7c3aed", "#db2777", "#65a30d"];

/** The colour of a group's colour key (`groupColorKey`): a set, a control group or a task type. */
export function groupColor(colorKey: string): string {
  const task = /^task-(\d+)$/.exec(colorKey);
  if (task) return TASK_COLORS[Number(task[1]) % TASK_COLORS.length]!;
  return SET_COLORS[colorKey] ?? "#71717a";
}

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
