"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="py-16 text-center">
      <h1 className="text-2xl font-semibold">This view could not be loaded</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        The database did not answer. Check that it is running, then try again.
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900">
        Try again
      </button>
    </div>
  );
}
