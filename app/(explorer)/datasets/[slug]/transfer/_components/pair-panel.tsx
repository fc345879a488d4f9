import Link from "next/link";
import { SetBadge, SourceBadge } from "@/components/ui/badge";
import { ExportButtons } from "@/components/ui/export-buttons";
import type { QuerySummary, TransferPair } from "@/lib/data/views/transfer";
import { formatCount, formatScore, formatStat } from "@/lib/format";
import { transferHref, type TransferState } from "./href";
import { PairScatterChart } from "./pair-scatter";

/**
 * The selected cell: both queries, their scatter over every document, and the
 * documents in both of their top k. Awaits the scatter the transfer view started (it
 * reads both queries' score columns), so it streams in under a Suspense boundary.
 */
export async function PairPanel({
  slug,
  pair: { a, b, value, scatter: pending },
  state,
  metric,
  sharedKs,
}: {
  slug: string;
  pair: TransferPair;
  state: TransferState;
  metric: string;
  /** The shared top-k that fit the corpus (at most a tenth of the documents). */
  sharedKs: readonly number[];
}) {
  const scatter = await pending;
  if (!scatter) {
    return <p className="text-sm text-zinc-500">No scores are stored for this pair of queries.</p>;
  }
  const queryHref = (q: QuerySummary) => `/datasets/${slug}/queries/${encodeURIComponent(q.id)}`;
  const shared = scatter.shared;
  return (
    <div>
      <div className="grid gap-3 md:grid-cols-2">
        {([["x axis", a], ["y axis", b]] as const).map(([axis, q]) => (
          <div key={axis} className="rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800">
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-xs uppercase text-zinc-500">{axis}</span>
              <Link href={queryHref(q)} className="font-mono font-medium underline">{q.id}</Link>
              <SetBadge set={q.set} control={q.control} />
              {q.type !== q.set ? <span className="text-xs text-zinc-500">{q.type}</span> : null}
            </div>
            <p className="mt-1 line-clamp-3 text-zinc-700 dark:text-zinc-300">{q.prompt}</p>
          </div>
        ))}
      </div>
      <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <div className="flex gap-2">
          <dt className="text-zinc-500">Pearson r over {formatCount(scatter.documentCount)} documents</dt>
          <dd className="font-semibold tabular-nums" data-testid="pair-pearson">{formatStat(scatter.pearson)}</dd>
        </div>
        {metric !== "Pearson r" ? (
          <div className="flex gap-2">
            <dt className="text-zinc-500">{metric}</dt>
            <dd className="font-semibold tabular-nums">{formatStat(value)}</dd>
          </div>
        ) : null}
        <div className="flex gap-2">
          <dt className="text-zinc-500">Shared top {formatCount(shared.k)}</dt>
          <dd className="font-semibold tabular-nums">{formatCount(shared.items.length)}</dd>
        </div>
      </dl>

      <section aria-labelledby="scatter-heading" className="mt-4">
        <h3 id="scatter-heading" className="text-base font-semibold">Scores over every document</h3>
        <p className="text-xs text-zinc-500">
          {scatter.mode === "density"
            ? `${formatCount(scatter.documentCount)} documents binned 60 × 60 (colour: documents per bin, log scale); each query's top ${scatter.highlightK} drawn as dots.`
            : `All ${formatCount(scatter.documentCount)} documents; each query's top ${scatter.highlightK} coloured.`}
        </p>
        <PairScatterChart name={`${slug}-scatter-${a.id}-${b.id}`} dataset={slug} scatter={scatter} a={a.id} b={b.id} extent={state.extent} />
      </section>

      <section aria-labelledby="shared-heading" className="mt-6">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id="shared-heading" className="text-base font-semibold">
            Shared top documents
          </h3>
          <nav aria-label="Shared top k" className="flex gap-1 text-sm">
            {sharedKs.map((k) => (
              <Link
                key={k}
                href={transferHref(slug, { ...state, top: k })}
                scroll={false}
                aria-current={state.top === k ? "page" : undefined}
                className={`rounded px-3 py-1 ${state.top === k ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"}`}
              >
                Top {k}
              </Link>
            ))}
          </nav>
        </div>
        <p className="mt-1 text-xs text-zinc-500">
          Documents in the top {formatCount(shared.k)} of both {a.id} and {b.id}
          {shared.k < state.top ? ` (the dataset has only ${formatCount(scatter.documentCount)} documents, so every document is in both top lists)` : ""},
          ordered by the sum of their two ranks.
        </p>
        {sharedKs.length === 0 ? (
          <p className="mt-3 rounded border border-dashed border-zinc-300 p-3 text-sm text-zinc-500 dark:border-zinc-700">
            Shared top-k lists need k at most a tenth of the documents; with {formatCount(scatter.documentCount)} documents not even the top 50 is a selection.
          </p>
        ) : shared.items.length === 0 ? (
          <p className="mt-3 rounded border border-dashed border-zinc-300 p-3 text-sm text-zinc-500 dark:border-zinc-700">
            No document is in both queries&apos; top {formatCount(shared.k)}.
          </p>
        ) : (
          <>
            <div className="mt-2 max-h-[36rem] overflow-auto">
              <table className="w-full text-sm">
                <caption className="sr-only">Documents in the top {shared.k} of both queries</caption>
                <thead className="sticky top-0 bg-white text-left text-xs uppercase text-zinc-500 dark:bg-zinc-950">
                  <tr>
                    <th scope="col" className="py-1 pr-2">Document</th>
                    <th scope="col" className="py-1 pr-2">Source</th>
                    <th scope="col" className="py-1 pr-2 text-right">Rank for {a.id}</th>
                    <th scope="col" className="py-1 pr-2 text-right">Rank for {b.id}</th>
                    <th scope="col" className="py-1 pr-2 text-right">Scores</th>
                    <th scope="col" className="py-1">Text</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-100 align-top dark:divide-zinc-900">
                  {shared.items.map((d) => (
                    <tr key={d.documentId}>
                      <td className="py-1.5 pr-2">
                        <Link href={`/datasets/${slug}/documents/${encodeURIComponent(d.documentId)}`} className="font-mono text-xs underline">
                          {d.documentId}
                        </Link>
                      </td>
                      <td className="py-1.5 pr-2"><SourceBadge source={d.source} /></td>
                      <td className="py-1.5 pr-2 text-right tabular-nums">{formatCount(d.rankA)}</td>
                      <td className="py-1.5 pr-2 text-right tabular-nums">{formatCount(d.rankB)}</td>
                      <td className="whitespace-nowrap py-1.5 pr-2 text-right font-mono text-xs tabular-nums">
                        {formatScore(d.scoreA)}
                        <br />
                        {formatScore(d.scoreB)}
                      </td>
                      <td className="py-1.5">
                        <p className="line-clamp-2 text-zinc-700 dark:text-zinc-300">{d.snippet ?? "(no text)"}</p>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="mt-2">
              <ExportButtons
                name={`${slug}-shared-top${shared.k}-${a.id}-${b.id}`}
                rows={shared.items.map((d) => ({ documentId: d.documentId, source: d.source, [`rank_${a.id}`]: d.rankA, [`rank_${b.id}`]: d.rankB, [`score_${a.id}`]: d.scoreA, [`score_${b.id}`]: d.scoreB }))}
              />
            </div>
          </>
        )}
      </section>
    </div>
  );
}
