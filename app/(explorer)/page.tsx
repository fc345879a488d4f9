import Link from "next/link";
import { listDatasets } from "@/lib/data/datasets";
import { formatCount } from "@/lib/format";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const datasets = await listDatasets();
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
              <p className="mt-1 font-mono text-xs text-zinc-500">{d.slug}</p>
              <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
                <dt className="text-zinc-500">Model</dt>
                <dd>{d.model ?? "—"}</dd>
                <dt className="text-zinc-500">Method</dt>
                <dd>{d.method ?? "—"}</dd>
                <dt className="text-zinc-500">Queries</dt>
                <dd>{formatCount(d.queryCount)}</dd>
                <dt className="text-zinc-500">Documents</dt>
                <dd>{formatCount(d.documentCount)}</dd>
              </dl>
              {d.description ? <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">{d.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
