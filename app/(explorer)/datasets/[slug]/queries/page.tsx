import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SetBadge } from "@/components/ui/badge";
import { ExportButtons } from "@/components/ui/export-buttons";
import { Notices } from "@/components/ui/notice";
import { findDataset } from "@/lib/data/views/dataset";
import { queriesView, type QuerySummary } from "@/lib/data/views/queries";
import { MIN_FIT_POINTS } from "@/lib/domain/ks";
import { formatStat } from "@/lib/format";
import type { QuerySortKey, SearchParams } from "@/lib/url-state";
import { QueriesFilters } from "./_components/queries-filters";
import { SortHeader, sortHref } from "./_components/sort-header";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const dataset = await findDataset((await params).slug);
  return { title: dataset ? `Queries · ${dataset.name}` : "Not found" };
}

function answerCell(q: QuerySummary): string {
  if (q.answerK === null) return "—";
  return q.answerRanks?.length ? `yes (rank ${q.answerRanks[0]})` : "no";
}

export default async function QueriesPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const rawParams = await searchParams;
  const view = await queriesView(slug, rawParams);
  if (!view) notFound();
  const { dataset, values, notices, types, shown, hasCorrectness, hasAnswers, answerK } = view;
  const hasNats = shown.some((q) => q.nats !== null);
  const hasGlobal = dataset.hasGlobalRanks;
  const fitCell = (fit: { alpha: number | null; stderr: number | null; problem: string | null }) =>
    fit.alpha === null ? (
      <span className="text-zinc-500" title={fit.problem ? `not shown: ${fit.problem}` : undefined}>—</span>
    ) : (
      <>{formatStat(fit.alpha)} ± {formatStat(fit.stderr)}</>
    );
  const header = (column: QuerySortKey) => ({
    column, sort: values.sort, dir: values.dir, href: sortHref(`/datasets/${slug}/queries`, rawParams, column, values),
  });
  const rows = shown.map((q) => ({
    id: q.id, set: q.set, type: q.type, control: q.control, correct: q.correct, nats: q.nats,
    alpha: view.fits.get(q.id)!.local.alpha, alphaStderr: view.fits.get(q.id)!.local.stderr, alphaPoints: q.alphaPoints,
    ...(hasGlobal ? { alphaGlobal: view.fits.get(q.id)!.global.alpha, alphaGlobalStderr: view.fits.get(q.id)!.global.stderr, alphaGlobalPoints: q.alphaGlobalPoints } : {}),
    top1Share: view.top1Share(q), gini: q.gini, answer: q.answer, answerInTopK: q.answerK === null ? null : (q.answerRanks?.length ?? 0) > 0, prompt: q.prompt,
  }));

  return (
    <div>
      <Notices notices={notices} />
      <h2 className="sr-only">Queries</h2>
      <QueriesFilters {...values} types={types} hasCorrectness={hasCorrectness} />
      <div className="mt-4 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm" aria-live="polite" id="queries-count">
          <strong>{shown.length}</strong> of {view.total} queries
        </p>
        <ExportButtons name={`${slug}-queries`} rows={rows} />
      </div>
      <p className="mt-1 text-xs text-zinc-500">
        {hasGlobal
          ? "α: power-law slope of log score against log rank, over global ranks (each document's rank in the full corpus, the paper's fit) and over local ranks (among this dataset's documents). "
          : "α: power-law slope of log score against log rank over the top 500 positive documents. "}
        A dash marks a fit or share too small to show (hover it for why): a fit needs {MIN_FIT_POINTS} points{hasGlobal ? ", a local fit ranks within a tenth of the documents" : ""}; a top-1% share ten documents in the top 1%.
      </p>
      {!hasCorrectness ? (
        <p className="mt-1 text-xs text-zinc-500">This dataset records no answers or correctness; those columns are empty.</p>
      ) : null}
      {shown.length === 0 ? (
        <p className="mt-6 rounded border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No query matches these filters. <Link href={`/datasets/${slug}/queries`} className="underline">Clear the filters</Link>.
        </p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full min-w-[720px] text-sm" aria-describedby="queries-count">
            <caption className="sr-only">Queries of {dataset.name} matching the filters</caption>
            <thead className="text-left text-xs uppercase text-zinc-500">
              <tr>
                <SortHeader {...header("id")} label="Query" />
                <SortHeader {...header("set")} label="Set" />
                <SortHeader {...header("type")} label="Type" />
                <SortHeader {...header("correct")} label="Correct" />
                {hasNats ? <SortHeader {...header("nats")} label="Nats" align="right" /> : null}
                {hasGlobal ? (
                  <SortHeader {...header("alphaGlobal")} label={<><span className="normal-case">α</span> global ranks ± SE</>} align="right" />
                ) : null}
                <SortHeader {...header("alpha")} label={<><span className="normal-case">α</span>{hasGlobal ? " local ranks" : ""} ± SE</>} align="right" />
                <SortHeader {...header("top1Share")} label="Top-1% share" align="right" />
                <SortHeader {...header("gini")} label="Gini" align="right" />
                {hasAnswers ? <SortHeader {...header("answer")} label={`Answer in top ${answerK}`} align="right" /> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 align-top dark:divide-zinc-900">
              {shown.map((q) => (
                <tr key={q.id}>
                  <td className="max-w-md py-1.5 pr-2">
                    <Link href={`/datasets/${slug}/queries/${encodeURIComponent(q.id)}`} className="font-medium hover:underline">
                      {q.id}
                    </Link>
                    <p className="line-clamp-2 text-zinc-600 dark:text-zinc-400">{q.prompt}</p>
                  </td>
                  <td className="py-1.5 pr-2"><SetBadge set={q.set} control={q.control} /></td>
                  <td className="py-1.5 pr-2">{q.type}</td>
                  <td className="py-1.5 pr-2">{q.correct === null ? "—" : q.correct ? "yes" : "no"}</td>
                  {hasNats ? <td className="py-1.5 pr-2 text-right tabular-nums">{formatStat(q.nats, 2)}</td> : null}
                  {hasGlobal ? <td className="py-1.5 pr-2 text-right tabular-nums whitespace-nowrap">{fitCell(view.fits.get(q.id)!.global)}</td> : null}
                  <td className="py-1.5 pr-2 text-right tabular-nums whitespace-nowrap">{fitCell(view.fits.get(q.id)!.local)}</td>
                  <td className="py-1.5 pr-2 text-right tabular-nums">{view.top1Share(q) === null ? "—" : `${formatStat(view.top1Share(q), 1)}%`}</td>
                  <td className="py-1.5 pr-2 text-right tabular-nums">{formatStat(q.gini, 3)}</td>
                  {hasAnswers ? <td className="py-1.5 text-right">{answerCell(q)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
