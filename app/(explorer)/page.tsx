import Link from "next/link";
import { homeView } from "@/lib/data/views/home";
import { formatCount } from "@/lib/format";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const { datasets, savedViews } = await homeView();
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">Datasets</h1>
      <p className="mt-1 max-w-3xl text-zinc-600 dark:text-zinc-400">
        Each dataset is one influence run: a model&apos;s completions of factual and reasoning queries, and for every
        pretraining document how much it raises (positive) or lowers (negative) the likelihood of each completion.
      </p>
      {datasets.length === 0 ? (
        <p className="mt-8 rounded border border-dashed border-zinc-300 p-6 text-center text-zinc-600 dark:border-zinc-700">
          No datasets yet. Load one with <code className="font-mono">npm run ingest</code> (see the README).
        </p>
      ) : (
        <ul className="mt-6 grid gap-4 md:grid-cols-2" aria-label="Datasets">
          {datasets.map((d) => (
            <li key={d.slug} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
              <div className="flex items-start justify-between gap-2">
                <h2 className="font-semibold">
                  <Link href={`/datasets/${d.slug}`} className="hover:underline">
                    {d.name}
                  </Link>
                </h2>
                {d.synthetic ? (
                  <span className="rounded bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-800 dark:bg-violet-950 dark:text-violet-200">
                    synthetic
                  </span>
                ) : (
                  <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
                    real scores
                  </span>
                )}
              </div>
              <p className="mt-1 font-mono text-xs text-zinc-500 dark:text-zinc-400">{d.slug}</p>
              <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
                <dt className="text-zinc-500 dark:text-zinc-400">Model</dt>
                <dd>{d.model ?? "—"}</dd>
                <dt className="text-zinc-500 dark:text-zinc-400">Method</dt>
                <dd>{d.method ?? "—"}</dd>
                <dt className="text-zinc-500 dark:text-zinc-400">Queries</dt>
                <dd>{formatCount(d.queryCount)}</dd>
                <dt className="text-zinc-500 dark:text-zinc-400">Documents</dt>
                <dd>{formatCount(d.documentCount)}</dd>
              </dl>
              {d.description ? <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">{d.description}</p> : null}
            </li>
          ))}
        </ul>
      )}

      <section aria-labelledby="saved-views-heading" className="mt-10">
        <h2 id="saved-views-heading" className="text-xl font-semibold tracking-tight">Saved views</h2>
        {savedViews.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            None yet. Open any view and use <strong>Save view</strong> in the header to keep it here under a short link.
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="Saved views">
            {savedViews.map((v) => (
              <li key={v.slug} className="p-3">
                <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                  <Link href={`/v/${v.slug}`} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
                    {v.title}
                  </Link>
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">
                    <span className="font-mono">/v/{v.slug}</span> ·{" "}
                    <time dateTime={v.createdAt}>{v.createdAt.slice(0, 16).replace("T", " ")} UTC</time>
                  </span>
                </div>
                {v.note ? <p className="mt-1 whitespace-pre-wrap text-sm text-zinc-700 dark:text-zinc-300">{v.note}</p> : null}
                <p className="mt-1 truncate font-mono text-xs text-zinc-500 dark:text-zinc-400" title={v.path}>{v.path}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
