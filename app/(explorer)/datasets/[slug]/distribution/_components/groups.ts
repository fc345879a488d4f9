import { NEUTRAL, SET_COLORS, TASK_COLORS } from "@/components/palette";

export interface GroupRef {
  key: string;
  kind: string;
  name: string;
  queryIds: string[];
}

/**
 * The groups a view plots. "sets": the factual and reasoning sets (controls excluded, as
 * in the paper). "types": every task type and control group; a set without task types
 * of its own (factual queries are typed "factual") stands for itself.
 */
export function selectGroups<G extends GroupRef>(groups: readonly G[], mode: "sets" | "types"): G[] {
  const sets = groups.filter((g) => g.kind === "set");
  if (mode === "sets") return sets;
  const types = groups.filter((g) => g.kind === "type");
  const typed = new Set(types.flatMap((t) => t.queryIds));
  const untypedSets = sets.filter((s) => s.queryIds.some((id) => !typed.has(id)));
  const chosen = new Set<G>([...untypedSets, ...types, ...groups.filter((g) => g.kind === "control")]);
  return groups.filter((g) => chosen.has(g));
}

/** One colour per plotted group, stable across views: sets and controls from the palette. */
export function groupStyle(group: GroupRef, index: number, all: readonly GroupRef[]): { color: string; dashed: boolean } {
  if (group.kind === "type") {
    const position = all.filter((g) => g.kind === "type").indexOf(group);
    return { color: TASK_COLORS[(position < 0 ? index : position) % TASK_COLORS.length]!, dashed: false };
  }
  return { color: SET_COLORS[group.name] ?? NEUTRAL, dashed: group.kind === "control" };
}
