"use client";

import { useChoice } from "@/components/ui/use-choice";
import { useUrlState } from "@/lib/use-url-state";

const selectClass =
  "mt-1 w-full rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950";

/** The two datasets compared, listed by full name; a choice rewrites a or b in the URL. */
export function PairPicker({ a, b, datasets }: {
  /** The URL's current slugs ("" = none). */
  a: string;
  b: string;
  datasets: { slug: string; name: string; method: string | null }[];
}) {
  const { update, pending } = useUrlState();
  const [shownA, setA] = useChoice(a);
  const [shownB, setB] = useChoice(b);
  const pickers = [
    { side: "a", label: "Dataset A", value: shownA, set: setA },
    { side: "b", label: "Dataset B", value: shownB, set: setB },
  ] as const;
  return (
    <fieldset className="grid gap-3 rounded-lg border border-zinc-200 p-3 sm:grid-cols-2 dark:border-zinc-800" aria-busy={pending}>
      <legend className="px-1 text-sm font-semibold">Datasets compared</legend>
      {pickers.map(({ side, label, value, set }) => (
        <label key={side} className="block text-sm">
          <span className="text-zinc-600 dark:text-zinc-400">{label}</span>
          <select className={selectClass} value={value} onChange={(e) => {
            set(e.target.value);
            update({ [side]: e.target.value });
          }}>
            <option value="">Choose a dataset…</option>
            {datasets.map((d) => (
              <option key={d.slug} value={d.slug}>{d.name}{d.method ? ` (${d.method})` : ""} · {d.slug}</option>
            ))}
          </select>
        </label>
      ))}
    </fieldset>
  );
}
