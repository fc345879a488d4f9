/** Shown while the server renders the view (e.g. after switching the tail). */
export default function ConcentrationLoading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse">
      <p className="sr-only">Loading source multipliers, power law and answer occurrence…</p>
      <div className="h-6 w-96 max-w-full rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="mt-4 grid gap-3 md:grid-cols-2">
        <div className="h-72 rounded border border-zinc-200 dark:border-zinc-800" />
        <div className="h-72 rounded border border-zinc-200 dark:border-zinc-800" />
      </div>
      <div className="mt-8 h-40 rounded bg-zinc-100 dark:bg-zinc-900" />
    </div>
  );
}
