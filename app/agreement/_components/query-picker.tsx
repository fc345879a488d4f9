"use client";

import { useId } from "react";
import { useChoice } from "@/components/ui/use-choice";
import { useUrlState } from "@/lib/use-url-state";

/** The shared query whose two rankings are shown (q= in the URL). */
export function QueryPicker({ value, queries }: { value: string; queries: { id: string; label: string }[] }) {
  const { update, pending } = useUrlState();
  const [shown, setShown] = useChoice(value);
  const id = useId();
  return (
    <div className="block max-w-xl text-sm" aria-busy={pending}>
      <label htmlFor={id} className="text-zinc-600 dark:text-zinc-400">Query</label>
      <select
        id={id}
        className="mt-1 w-full rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
        value={shown}
        onChange={(e) => {
          setShown(e.target.value);
          update({ q: e.target.value });
        }}
      >
        <option value="">Choose a query…</option>
        {queries.map((q) => <option key={q.id} value={q.id}>{q.label}</option>)}
      </select>
    </div>
  );
}
