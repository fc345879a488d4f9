"use client";

import { useEffect, useRef, useState } from "react";
import { useUrlState } from "@/lib/use-url-state";

const selectClass = "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950";

interface FiltersProps {
  set: string;
  type: string;
  control: string;
  correct: string;
  search: string;
  /** Task types present in the dataset. */
  types: string[];
  /** Whether any query has a known correctness (the real data has none). */
  hasCorrectness: boolean;
}

/** Filters and text search of the query list; each writes the URL (search debounced, replacing history). */
export function QueriesFilters({ set, type, control, correct, search, types, hasCorrectness }: FiltersProps) {
  const { update, pending } = useUrlState();
  const [text, setText] = useState(search);
  const inputRef = useRef<HTMLInputElement>(null);

  // Follow the URL (back/forward) unless the user is typing.
  useEffect(() => {
    if (document.activeElement !== inputRef.current) setText(search);
  }, [search]);

  useEffect(() => {
    if (text === search) return;
    const timer = setTimeout(() => update({ search: text.trim() || null }, { replace: true }), 250);
    return () => clearTimeout(timer);
  }, [text, search, update]);

  // "/" focuses the search box from anywhere on the page.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== "/" || target?.closest("input, textarea, select, [contenteditable]")) return;
      event.preventDefault();
      inputRef.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <form role="search" aria-label="Filter queries" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
        Set
        <select aria-label="Set" className={selectClass} value={set} onChange={(e) => update({ set: e.target.value === "all" ? null : e.target.value })}>
          <option value="all">all</option>
          <option value="factual">factual</option>
          <option value="reasoning">reasoning</option>
        </select>
      </label>
      <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
        Type
        <select aria-label="Type" className={selectClass} value={type} onChange={(e) => update({ type: e.target.value || null })}>
          <option value="">all</option>
          {types.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </label>
      <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
        Control
        <select aria-label="Control" className={selectClass} value={control} onChange={(e) => update({ control: e.target.value === "all" ? null : e.target.value })}>
          <option value="all">all</option>
          <option value="no">not control</option>
          <option value="yes">control only</option>
        </select>
      </label>
      <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
        Correct
        <select aria-label="Correct" className={selectClass} value={correct} onChange={(e) => update({ correct: e.target.value === "all" ? null : e.target.value })}
          title={hasCorrectness ? undefined : "This dataset records no correctness"}>
          <option value="all">all</option>
          <option value="yes">correct</option>
          <option value="no">incorrect</option>
          <option value="unknown">unknown</option>
        </select>
      </label>
      <label className="flex min-w-56 flex-1 flex-col text-xs text-zinc-600 dark:text-zinc-400">
        Search prompts, completions, answers (press /)
        <input ref={inputRef} type="search" value={text} onChange={(e) => setText(e.target.value)}
          placeholder="e.g. slope, Everest, factual-03"
          className="rounded border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100" />
      </label>
      <span aria-live="polite" className="pb-1 text-xs text-zinc-500">{pending ? "Updating…" : ""}</span>
    </form>
  );
}
