import type { QueryRecord } from "../ingest/types";

/**
 * A group of queries statistics are aggregated over. Non-control queries group by
 * `set` and (when it differs from the set) by `type`; control queries form
 * "factual_control" and "reasoning_control".
 */
export interface QueryGroup {
  /** Stable key: "set:factual", "type:slopes", "control:reasoning_control". */
  key: string;
  kind: "set" | "type" | "control";
  /** Display name: "factual", "slopes", "reasoning_control". */
  name: string;
  /** Indices into the dataset's queries, ascending. */
  members: number[];
}

const KIND_ORDER = { set: 0, type: 1, control: 2 } as const;

/** Groups in display order: sets (factual first), then types, then controls. */
export function queryGroups(queries: readonly QueryRecord[]): QueryGroup[] {
  const byKey = new Map<string, QueryGroup>();
  const add = (kind: QueryGroup["kind"], name: string, index: number) => {
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
