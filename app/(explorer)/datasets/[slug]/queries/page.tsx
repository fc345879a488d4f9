import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SetBadge } from "@/components/ui/badge";
import { ExportButtons } from "@/components/ui/export-buttons";
import { Notices } from "@/components/ui/notice";
import { findDataset } from "@/lib/data/views/dataset";
import { queriesView, type QuerySummary } from "@/lib/data/views/queries";
import { formatStat } from "@/lib/format";
import type { SearchParams } from "@/lib/url-state";
import { QueriesFilters } from "./_components/queries-filters";

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
  const view = await queriesView(slug, await searchParams);
  if (!view) notFound();
  const { dataset, values, notices, types, shown, hasCorrectness, hasAnswers, answerK } = view;
  const rows = shown.map((q) => ({
    id: q.id, set: q.set, type: q.type, control: q.control, correct: q.correct, alpha: q.alpha, alphaStderr: q.alphaStderr,
    top1Share: q.top1Share, answer: q.answer, answerInTopK: q.answerK === null ? null : (q.answerRanks?.length ?? 0) > 0, prompt: q.prompt,
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
                <th scope="col" className="py-1 pr-2">Query</th>
                <th scope="col" className="py-1 pr-2">Set</th>
                <th scope="col" className="py-1 pr-2">Type</th>
                <th scope="col" className="py-1 pr-2">Correct</th>
                <th scope="col" className="py-1 pr-2 text-right"><span className="normal-case">α</span> ± SE</th>
                <th scope="col" className="py-1 pr-2 text-right">Top-1% share</th>
                {hasAnswers ? <th scope="col" className="py-1 text-right">Answer in top {answerK}</th> : null}
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
                  <td className="py-1.5 pr-2 text-right tabular-nums whitespace-nowrap">{formatStat(q.alpha)} ± {formatStat(q.alphaStderr)}</td>
                  <td className="py-1.5 pr-2 text-right tabular-nums">{q.top1Share === null ? "—" : `${formatStat(q.top1Share, 1)}%`}</td>
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
