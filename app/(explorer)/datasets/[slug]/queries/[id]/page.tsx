import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Fragment } from "react";
import { CoverageCurveSmall, type CoverageSeries } from "@/components/charts/coverage-curve-small";
import { RankPlot } from "@/components/charts/rank-plot";
import { SetBadge } from "@/components/ui/badge";
import { Highlight, queryTerms } from "@/components/ui/highlight";
import { Notices } from "@/components/ui/notice";
import { initialRows, pagesCovering } from "@/components/ui/list-window";
import { queryView } from "@/lib/data/views/query";
import { formatCount, formatStat } from "@/lib/format";
import type { SearchParams } from "@/lib/url-state";
import { RankedDocuments } from "./_components/ranked-documents";
import { LIST_HEIGHT, RANKING_PAGE, rankingPageOptions, ROW_HEIGHT, searchPageOptions } from "./_components/ranking-query";
import { LabelFacet } from "./_components/label-facet";
import { SearchAcrossQueries } from "./_components/search-across-queries";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; id: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  return { title: `Query ${decodeURIComponent(id)} · ${slug}` };
}

/** Pages of 100 ranks the list shows first when it opens at `rank` (rendered by the server). */
function initialPages(total: number, rank: number): number[] {
  const { start, end } = initialRows(total, ROW_HEIGHT, Math.min(LIST_HEIGHT, total * ROW_HEIGHT), rank - 1);
  return pagesCovering(start, end, RANKING_PAGE);
}

export default async function QueryPage({ params, searchParams }: Props) {
  const { slug, id: rawId } = await params;
  const id = decodeURIComponent(rawId);
  const view = await queryView(slug, id, await searchParams, { pageSize: RANKING_PAGE, pages: initialPages });
  if (!view) notFound();
  const { dataset, query, values, notices, filtered, correlated } = view;
  const total = dataset.documentCount;

  const queryClient = new QueryClient();
  for (const { page, items } of view.pages) {
    queryClient.setQueryData(rankingPageOptions(slug, query.id, values.order, page).queryKey, { total, items });
  }
  const listFilter = { search: values.search.trim(), source: values.source, label: values.label };
  for (const { page, items } of filtered?.pages ?? []) {
    queryClient.setQueryData(searchPageOptions(slug, query.id, values.order, listFilter, page).queryKey, { total: filtered!.total, items });
  }
  const coverage: CoverageSeries[] = [
    { tail: "positive", points: view.coverage.filter((r) => r.tail === "positive") },
    { tail: "negative", points: view.coverage.filter((r) => r.tail === "negative") },
  ];
  const points = view.rankPlot;
  const localFit = view.fits.find((f) => f.basis === "local");
  const terms = queryTerms(query);
  const answerTerms = terms.filter((t) => t.kind === "answer");

  return (
    <div>
      <Notices notices={notices} />
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-xl font-semibold tracking-tight">Query {query.id}</h2>
        <SetBadge set={query.set} control={query.control} />
        <span className="text-sm text-zinc-600 dark:text-zinc-400">{query.type}</span>
        {query.correct !== null ? (
          <span className="text-sm text-zinc-600 dark:text-zinc-400">{query.correct ? "answered correctly" : "answered incorrectly"}</span>
        ) : null}
      </div>
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        <section aria-labelledby="prompt-heading" className="rounded border border-zinc-200 p-3 dark:border-zinc-800">
          <h3 id="prompt-heading" className="text-xs font-semibold uppercase text-zinc-600 dark:text-zinc-400">Prompt</h3>
          <p className="mt-1 whitespace-pre-wrap">{query.prompt}</p>
        </section>
        <section aria-labelledby="completion-heading" className="rounded border border-zinc-200 p-3 dark:border-zinc-800">
          <h3 id="completion-heading" className="text-xs font-semibold uppercase text-zinc-600 dark:text-zinc-400">Completion</h3>
          <p className="mt-1 whitespace-pre-wrap"><Highlight text={query.completion} terms={answerTerms} /></p>
        </section>
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <dt className="text-zinc-600 dark:text-zinc-400">Positive documents</dt>
        <dd>{formatCount(query.positiveCount)} of {formatCount(total)}</dd>
        {view.fits.map((fit) => (
          <Fragment key={fit.basis}>
            <dt className="text-zinc-600 dark:text-zinc-400">Power-law {fit.label}</dt>
            <dd>
              {fit.alpha === null ? (
                <span className="text-zinc-600 dark:text-zinc-400">not shown: {fit.problem}</span>
              ) : (
                <>{formatStat(fit.alpha)} ± {formatStat(fit.stderr)}</>
              )}
            </dd>
          </Fragment>
        ))}
        <dt className="text-zinc-600 dark:text-zinc-400">Gini (positive)</dt>
        <dd>{formatStat(query.gini)}</dd>
        <dt className="text-zinc-600 dark:text-zinc-400">Top 1% share</dt>
        <dd>
          {view.top1Share.problem ? (
            <span className="text-zinc-600 dark:text-zinc-400">not shown: {view.top1Share.problem}</span>
          ) : (
            `${formatStat(view.top1Share.value, 1)}%`
          )}
        </dd>
        {query.nats !== null ? (
          <>
            <dt className="text-zinc-600 dark:text-zinc-400">Completion nats</dt>
            <dd>{formatStat(query.nats, 2)}</dd>
          </>
        ) : null}
        {query.answer !== null ? (
          <>
            <dt className="text-zinc-600 dark:text-zinc-400">Answer</dt>
            <dd>{query.answer}</dd>
            <dt className="text-zinc-600 dark:text-zinc-400">Answer in top {query.answerK}</dt>
            <dd>
              {query.answerRanks?.length
                ? <>yes, at rank {query.answerRanks.map((r, i) => (
                    <span key={r}>{i > 0 ? ", " : ""}<Link className="underline" href={`?rank=${r}`}>{r}</Link></span>
                  ))}</>
                : "no"}
            </dd>
          </>
        ) : null}
      </dl>

      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="coverage-heading">
          <h3 id="coverage-heading" className="text-lg font-semibold">Coverage</h3>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">Share of the tail&apos;s total influence held by its top-k percent of documents.</p>
          <CoverageCurveSmall series={coverage} name={`${slug}-${query.id}-coverage`} title={`Coverage of query ${query.id}`} dataset={slug} />
        </section>
        <section aria-labelledby="rank-plot-heading">
          <h3 id="rank-plot-heading" className="text-lg font-semibold">Rank plot</h3>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            Top {points.length} positive scores against their local rank, log-log,{" "}
            {localFit && localFit.alpha !== null ? "with the power law fitted over these ranks." : `without a fitted line (${localFit?.problem ?? "no fit"}).`}
          </p>
          <RankPlot points={points} alpha={localFit?.alpha ?? null} alphaStderr={localFit?.stderr ?? null} name={`${slug}-${query.id}-rank-plot`} title={`Score against rank, query ${query.id} (log-log)`} dataset={slug} />
        </section>
      </div>

      <section className="mt-8" aria-labelledby="ranked-heading">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 id="ranked-heading" className="text-lg font-semibold">Ranked documents</h3>
          {terms.length > 0 ? (
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              Highlighted:{" "}
              {answerTerms.length ? <mark className="rounded-sm bg-amber-200 px-0.5 text-amber-950 dark:bg-amber-700 dark:text-amber-50">answer</mark> : null}{" "}
              {terms.some((t) => t.kind === "number") ? <mark className="rounded-sm bg-sky-100 px-0.5 text-sky-950 dark:bg-sky-900 dark:text-sky-50">numbers from the prompt</mark> : null}
            </p>
          ) : null}
        </div>
        <div className="mt-2">
          <HydrationBoundary state={dehydrate(queryClient)}>
            <RankedDocuments
              slug={slug}
              queryId={query.id}
              order={values.order}
              total={total}
              rank={values.rank}
              source={values.source}
              search={listFilter.search}
              label={listFilter.label}
              sources={view.sources}
              hasGlobalRanks={dataset.hasGlobalRanks}
              hasSelfInfluence={dataset.hasSelfInfluence}
              terms={terms}
              filtered={filtered ? { total: filtered.total, offset: filtered.offset } : null}
              facets={view.labels.length > 0 ? <LabelFacet value={values.label} labels={view.labels} /> : null}
            />
          </HydrationBoundary>
        </div>
      </section>

      {view.across ? (
        <section className="mt-8" aria-labelledby="across-heading">
          <h3 id="across-heading" className="text-lg font-semibold">“{values.search.trim()}” across queries</h3>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {formatCount(view.across.total)} documents of {formatCount(total)} match; for every query, the best {values.order === "top" ? "top" : "bottom"} rank of one of them.
          </p>
          <SearchAcrossQueries slug={slug} search={values.search.trim()} order={values.order} currentQueryId={query.id} rows={view.across.rows} />
        </section>
      ) : null}

      <section className="mt-8" aria-labelledby="correlated-heading">
        <h3 id="correlated-heading" className="text-lg font-semibold">Most correlated queries</h3>
        {correlated.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No correlations are stored for this dataset.</p>
        ) : (
          <table className="mt-2 w-full table-fixed text-sm">
            <caption className="sr-only">The 10 queries whose scores over all documents correlate most (Pearson r) with this query&apos;s</caption>
            <thead className="text-left text-xs uppercase text-zinc-600 dark:text-zinc-400">
              <tr><th scope="col" className="w-16 py-1 pr-3 text-right">r</th><th scope="col" className="py-1">Query</th><th scope="col" className="w-44 py-1">Set</th></tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
              {correlated.map(({ id: qid, r, query: q }) => {
                return (
                  <tr key={qid}>
                    <td className="py-1 pr-3 text-right font-mono tabular-nums">{formatStat(r)}</td>
                    <td className="py-1">
                      <div className="flex min-w-0 gap-2">
                        <Link href={`/datasets/${slug}/queries/${encodeURIComponent(qid)}`} className="shrink-0 whitespace-nowrap font-medium hover:underline">{qid}</Link>
                        <span className="truncate text-zinc-600 dark:text-zinc-400">{q?.prompt}</span>
                      </div>
                    </td>
                    <td className="py-1">{q ? <SetBadge set={q.set} control={q.control} /> : null}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
