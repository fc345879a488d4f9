"use client";

import { useChoice } from "@/components/ui/use-choice";
import { useUrlState } from "@/lib/use-url-state";

interface Option {
  value: string;
  label: string;
  disabled?: boolean;
}

interface Props {
  unit: string;
  tail: string;
  x: string;
  groups: string;
  upto: string;
  /** False when no query has nats: per-nat coverage cannot be computed. */
  hasNats: boolean;
}

const DEFAULTS: Record<string, string> = { unit: "percent", tail: "positive", x: "percentile", groups: "sets", upto: "5" };

function Switch({ name, legend, value, options, onChange }: { name: string; legend: string; value: string; options: Option[]; onChange: (value: string) => void }) {
  return (
    <fieldset className="flex flex-wrap items-center gap-1">
      <legend className="sr-only">{legend}</legend>
      <span aria-hidden className="mr-1 text-xs font-medium uppercase text-zinc-500">{legend}</span>
      {options.map((o) => (
        <label
          key={o.value}
          className={`cursor-pointer rounded border px-2 py-0.5 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-500 ${
            value === o.value
              ? "border-zinc-900 bg-zinc-900 text-white dark:border-zinc-100 dark:bg-zinc-100 dark:text-zinc-900"
              : "border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
          } ${o.disabled ? "cursor-not-allowed opacity-50 hover:bg-transparent" : ""}`}
        >
          <input
            type="radio"
            className="sr-only"
            name={name}
            value={o.value}
            checked={value === o.value}
            disabled={o.disabled}
            onChange={() => onChange(o.value)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** The view's switches; each writes its URL parameter (a history entry, so back undoes it). */
export function DistributionControls({ unit, tail, x, groups, upto, hasNats }: Props) {
  const { update, pending } = useUrlState();
  // Shown at once and sent whole: a second click before the first navigation lands must
  // not rebuild the URL from the stale one (it would drop the first choice).
  const [choice, setChoice] = useChoice({ unit, tail, x, groups, upto }, JSON.stringify);
  const set = (name: keyof typeof choice) => (value: string) => {
    const next = { ...choice, [name]: value };
    setChoice(next);
    update(Object.fromEntries(Object.entries(next).map(([key, v]) => [key, v === DEFAULTS[key] ? null : v])));
  };
  return (
    <div className="flex flex-col gap-2" aria-busy={pending}>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <Switch name="unit" legend="Unit" value={choice.unit} onChange={set("unit")} options={[
          { value: "percent", label: "% of total" },
          { value: "per_nat", label: "Per nat", disabled: !hasNats },
        ]} />
        <Switch name="tail" legend="Tail" value={choice.tail} onChange={set("tail")} options={[
          { value: "positive", label: "Positive" },
          { value: "negative", label: "Negative" },
        ]} />
        <Switch name="x" legend="X axis" value={choice.x} onChange={set("x")} options={[
          { value: "percentile", label: "Percentile" },
          { value: "count", label: "Document count" },
        ]} />
        <Switch name="upto" legend="Range" value={choice.upto} onChange={set("upto")} options={[
          { value: "5", label: "Top 5%" },
          { value: "100", label: "Up to 100%" },
        ]} />
        <Switch name="groups" legend="Groups" value={choice.groups} onChange={set("groups")} options={[
          { value: "sets", label: "Factual vs reasoning" },
          { value: "types", label: "Task types and controls" },
        ]} />
      </div>
      {!hasNats ? (
        <p className="text-xs text-zinc-500">
          Per nat is unavailable: this dataset gives no completion nats (negative log-likelihoods), so influence cannot be
          normalised by them.
        </p>
      ) : null}
    </div>
  );
}
