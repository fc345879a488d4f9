import { labelValue } from "./labels";
import type { QueryRecord, QuerySet } from "./records";

/**
 * The query groups statistics are aggregated over, and the rules every view shares:
 * which groups exist, who belongs to them, their order, which a view plots, and the
 * colour key that gives a group the same colour on every page.
 */

export const GROUP_KINDS = ["set", "type", "label", "control"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/**
 * A group of queries. Non-control queries group by `set`, (when it differs from the
 * set) by `type`, and by each of their labels ("difficulty=hard"), which group like task
 * types; control queries form "factual_control" and "reasoning_control".
 */
export interface QueryGroup {
  /** Stable key: "set:factual", "type:slopes", "control:reasoning_control". */
  key: string;
  kind: GroupKind;
  /** Display name: "factual", "slopes", "reasoning_control". */
  name: string;
  /** Indices into the dataset's queries, ascending. */
  members: number[];
}

const KIND_ORDER: Record<GroupKind, number> = { set: 0, type: 1, label: 2, control: 3 };

/** Groups in display order: sets (factual first), then types, then controls; within a kind, by first member. */
export function queryGroups(queries: readonly Pick<QueryRecord, "set" | "type" | "control" | "labels">[]): QueryGroup[] {
  const byKey = new Map<string, QueryGroup>();
  const add = (kind: GroupKind, name: string, index: number) => {
    const key = `${kind}:${name}`;
    let group = byKey.get(key);
    if (!group) byKey.set(key, (group = { key, kind, name, members: [] }));
    group.members.push(index);
  };
  queries.forEach((q, i) => {
    if (q.control) add("control", `${q.set}_control`, i);
    else {
      add("set", q.set, i);
      if (q.type !== q.set) add("type", q.type, i);
      for (const [key, value] of Object.entries(q.labels ?? {})) add("label", `${key}=${labelValue(value)}`, i);
    }
  });
  const firstMember = (g: QueryGroup) => g.members[0] ?? 0;
  return [...byKey.values()].sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (a.kind === "set" ? (a.name === "factual" ? -1 : b.name === "factual" ? 1 : 0) : 0) ||
      firstMember(a) - firstMember(b),
  );
}

/** Which groups a view plots side by side: the two sets, or every task type and control group. */
export const GROUP_MODES = ["sets", "types"] as const;
export type GroupMode = (typeof GROUP_MODES)[number];

/** What the group rules need to know of a stored group. */
export interface GroupRef {
  key: string;
  kind: string;
  name: string;
  queryIds: readonly string[];
}

/**
 * The groups a view plots. "sets": the factual and reasoning sets (controls excluded, as
 * in the paper). "types": every task type and control group, plus every set with a
 * member outside all types (factual queries are typed "factual", so the factual set
 * stands for itself), so that no non-control query is left out of every panel. A set
 * only partly split into types is shown whole, beside its types.
 */
export function selectGroups<G extends GroupRef>(groups: readonly G[], mode: GroupMode): G[] {
  if (mode === "sets") return groups.filter((g) => g.kind === "set");
  const typed = new Set(groups.filter((g) => g.kind === "type").flatMap((g) => g.queryIds));
  return groups.filter((g) => g.kind !== "set" || g.queryIds.some((id) => !typed.has(id)));
}

/**
 * The key of a group's colour (components/palette.ts maps it to a colour): a set or a
 * control group by its name ("factual", "reasoning_control"); a task type by its position
 * among the dataset's task types ("task-0", "task-1", ...), so two tasks drawn on one
 * chart differ, and a task keeps its colour on every page and in every selection.
 *
 * @param all every group of the dataset, in stored order (not only those shown)
 */
export function groupColorKey(group: Pick<GroupRef, "key" | "kind" | "name">, all: readonly Pick<GroupRef, "key" | "kind">[]): string {
  // Label groups take task colours after the types'.
  if (group.kind !== "type" && group.kind !== "label") return group.name;
  const position = all.filter((g) => g.kind === "type" || g.kind === "label").findIndex((g) => g.key === group.key);
  return `task-${Math.max(position, 0)}`;
}

/** A group's name for reading: "reasoning_control" -> "reasoning control". */
export function groupLabel(group: Pick<GroupRef, "name">): string {
  return group.name.replaceAll("_", " ");
}

/** The set every member of a group belongs to; null when its members are of both sets (or it has none). */
export function groupSet(memberSets: Iterable<QuerySet>): QuerySet | null {
  const sets = new Set(memberSets);
  return sets.size === 1 ? [...sets][0]! : null;
}
