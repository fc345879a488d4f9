"use client";

import { formatCount } from "@/lib/format";
import { useUrlState } from "@/lib/use-url-state";

const selectClass = "rounded border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100";

/** The document label filter of the ranked list: every label value ("key=value") with its corpus count. */
export function LabelFacet({ value, labels }: { value: string; labels: { key: string; value: string; count: number }[] }) {
  const { update } = useUrlState();
  const keys = [...new Set(labels.map((l) => l.key))];
  return (
    <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
      Label
      <select aria-label="Label" className={selectClass} value={value} onChange={(e) => update({ label: e.target.value || null, rank: null })}>
        <option value="">all labels</option>
        {keys.map((key) => (
          <optgroup key={key} label={key}>
            {labels.filter((l) => l.key === key).map((l) => (
              <option key={l.value} value={`${key}=${l.value}`}>{`${key} = ${l.value} (${formatCount(l.count)})`}</option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
