"use client";

import { useUrlState } from "@/lib/use-url-state";

const segment = (active: boolean) =>
  `px-3 py-1 text-sm first:rounded-l last:rounded-r border border-zinc-300 dark:border-zinc-700 -ml-px first:ml-0 ${
    active
      ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
      : "bg-white text-zinc-700 hover:bg-zinc-100 dark:bg-zinc-950 dark:text-zinc-300 dark:hover:bg-zinc-900"
  }`;

/**
 * A discrete choice kept in the URL (a history entry per change, so back and forward
 * work); the default value is removed from the URL to keep links short.
 */
export function ToggleGroup<T extends string>({
  param,
  label,
  value,
  options,
  defaultValue,
}: {
  param: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  defaultValue: T;
}) {
  const { update, pending } = useUrlState();
  return (
    <div className="flex items-center gap-2">
      <span className="text-sm text-zinc-600 dark:text-zinc-400" id={`toggle-${param}`}>
        {label}
      </span>
      <div role="group" aria-labelledby={`toggle-${param}`} className="inline-flex" aria-busy={pending || undefined}>
        {options.map((option) => (
          <button
            key={option.value}
            type="button"
            aria-pressed={option.value === value}
            className={segment(option.value === value)}
            onClick={() => option.value !== value && update({ [param]: option.value === defaultValue ? null : option.value })}
          >
            {option.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** Chooses the group whose task-wide documents are listed (kept in the URL as `task`). */
export function TaskSelect({ value, options }: { value: string; options: readonly { key: string; label: string }[] }) {
  const { update, pending } = useUrlState();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-zinc-600 dark:text-zinc-400">Task</span>
      <select
        className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950"
        value={value}
        aria-busy={pending || undefined}
        onChange={(event) => update({ task: event.target.value })}
      >
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
