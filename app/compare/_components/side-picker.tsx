"use client";

import { useChoice } from "@/components/ui/use-choice";
import { useUrlState } from "@/lib/use-url-state";

export interface PickerChoices {
  groups: { key: string; name: string; size: number }[];
  queries: { id: string; label: string }[];
}

const selectClass =
  "mt-1 w-full rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950";

/**
 * One side's pickers: a dataset, then optionally a group or a single query of it. Each
 * choice writes the side's URL parameter ("slug", "slug/group/<key>", "slug/query/<id>").
 */
export function SidePicker({
  side, value, datasets, choices,
}: {
  side: "a" | "b";
  /** The side's current selection in URL form ("" = none). */
  value: string;
  datasets: { slug: string; name: string }[];
  /** Groups and queries of the current dataset (null without one). */
  choices: PickerChoices | null;
}) {
  const { update, pending } = useUrlState();
  // The choice shows at once; the server's answer (the new page) follows.
  const [shown, setShown] = useChoice(value);
  const choose = (next: string) => {
    setShown(next);
    update({ [side]: next });
  };
  const name = side.toUpperCase();
  const slug = shown.split("/", 1)[0] ?? "";
  const known = datasets.some((d) => d.slug === slug);
  const within = known && shown.includes("/") ? shown : "";
  return (
    <fieldset className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" aria-busy={pending}>
      <legend className="px-1 text-sm font-semibold">Side {name}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {/* The dataset spans the row: its whole name shows, never cut. */}
        <label className="block text-sm sm:col-span-2">
          <span className="text-zinc-600 dark:text-zinc-400">Dataset {name}</span>
          <select className={selectClass} title={datasets.find((d) => d.slug === slug)?.name} value={known ? slug : ""} onChange={(e) => choose(e.target.value)}>
            <option value="">Choose a dataset…</option>
            {datasets.map((d) => (
              <option key={d.slug} value={d.slug}>{d.name === d.slug ? d.slug : `${d.slug} · ${d.name}`}</option>
            ))}
          </select>
        </label>
        <label className="block text-sm sm:col-span-2">
          <span className="text-zinc-600 dark:text-zinc-400">Group or query {name}</span>
          <select
            className={selectClass}
            value={within}
            disabled={!known || !choices || !value.startsWith(`${slug}`)}
            onChange={(e) => choose(e.target.value || slug)}
          >
            <option value="">Whole dataset</option>
            {choices ? (
              <>
                <optgroup label="Groups">
                  {choices.groups.map((g) => (
                    <option key={g.key} value={`${slug}/group/${g.key}`}>{g.name} ({g.size} queries)</option>
                  ))}
                </optgroup>
                <optgroup label="Queries">
                  {choices.queries.map((q) => (
                    <option key={q.id} value={`${slug}/query/${q.id}`}>{q.label}</option>
                  ))}
                </optgroup>
              </>
            ) : null}
          </select>
        </label>
      </div>
    </fieldset>
  );
}
