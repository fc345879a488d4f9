import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StripPlot, type StripPoint } from "@/components/charts/strip-plot";
import { SetBadge, SourceBadge } from "@/components/ui/badge";
import { ExportButtons } from "@/components/ui/export-buttons";
import { Notices } from "@/components/ui/notice";
import { documentView } from "@/lib/data/views/document";
import { formatCount, formatScore } from "@/lib/format";
import type { SearchParams } from "@/lib/url-state";
import { TokenShading } from "./_components/token-shading";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; id: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  return { title: `Document ${decodeURIComponent(id)} · ${slug}` };
}

/** Strip-plot row of a query: its task type, or its control group. */
const stripGroup = (i: { set: string; type: string; control: boolean }) => (i.control ? `${i.set} control` : i.type);

export default async function DocumentPage({ params, searchParams }: Props) {
  const { slug, id: rawId } = await params;
  const id = decodeURIComponent(rawId);
  const view = await documentView(slug, id, await searchParams);
  if (!view) notFound();
  const { dataset, values, notices, document: detail, effects, onePercent: cut } = view;
  const D = dataset.documentCount;
  const points: StripPoint[] = detail.influences.map((i) => ({
    queryId: i.queryId, group: stripGroup(i), colorKey: i.control ? `${i.set}_control` : i.set, score: i.score, rank: i.rank,
  }));
  const stripGroups = [...new Set(points.map((p) => p.group))];
  const tableRows = detail.influences.map((i) => ({
    queryId: i.queryId, set: i.set, type: i.type, control: i.control, score: i.score, rank: i.rank, bottomRank: i.bottomRank,
    ...(dataset.hasGlobalRanks ? { globalRank: i.globalRank === null ? null : i.globalRank + 1 } : {}),
  }));
  const base = `/datasets/${slug}/documents/${encodeURIComponent(detail.id)}`;
  const scaleHref = (scale: string) => (scale === "symlog" ? base : `${base}?scale=${scale}`);

  return (
    <div>
      <Notices notices={notices} />
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-xl font-semibold tracking-tight">Document <span className="font-mono">{detail.id}</span></h2>
        <SourceBadge source={detail.source} />
        {detail.tokens !== null ? <span className="text-sm text-zinc-600 dark:text-zinc-400">{formatCount(detail.tokens)} tokens</span> : null}
        {detail.selfInfluence !== null ? (
          <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="self-influence">
            self-influence <span className="font-mono tabular-nums">{formatScore(detail.selfInfluence)}</span>
          </span>
        ) : null}
      </div>
      <section aria-labelledby="text-heading" className="mt-4 rounded border border-zinc-200 p-3 dark:border-zinc-800">
        <h3 id="text-heading" className="text-xs font-semibold uppercase text-zinc-600 dark:text-zinc-400">Text</h3>
        <div className="mt-1 max-h-72 overflow-auto whitespace-pre-wrap text-sm" tabIndex={0} aria-label="Document text">
          {detail.text ?? <span className="text-zinc-500">This dataset stores no text for the document.</span>}
        </div>
      </section>

      {view.tokens ? (
        <TokenShading {...view.tokens} href={(query) => `${base}?${new URLSearchParams({ ...(values.scale === "symlog" ? {} : { scale: values.scale }), tokens: query })}`} />
      ) : null}

      <section className="mt-8" aria-labelledby="effects-heading">
        <h3 id="effects-heading" className="text-lg font-semibold">Groups it helps and hurts</h3>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Mean score over each group&apos;s queries, with its 95% confidence interval (Student t over the group&apos;s queries).
          The document helps or hurts a group only when that interval lies wholly above or below zero; otherwise its effect is unclear.
          Top / bottom 1% = among the {formatCount(cut)} most positive / most negative of {formatCount(D)} documents.
        </p>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Per group: mean score and the number of queries with this document in their top or bottom 1%</caption>
            <thead className="text-left text-xs uppercase text-zinc-600 dark:text-zinc-400">
              <tr>
                <th scope="col" className="py-1 pr-2">Group</th>
                <th scope="col" className="py-1 pr-2 text-right">Queries</th>
                <th scope="col" className="py-1 pr-2 text-right">Mean score</th>
                <th scope="col" className="py-1 pr-2 text-right">95% interval</th>
                <th scope="col" className="py-1 pr-2">Effect</th>
                <th scope="col" className="py-1 pr-2 text-right">In top 1%</th>
                <th scope="col" className="py-1 text-right">In bottom 1%</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
              {effects.map((e) => (
                <tr key={e.key}>
                  <td className="py-1 pr-2">{e.name} <span className="text-xs text-zinc-600 dark:text-zinc-400">({e.kind})</span></td>
                  <td className="py-1 pr-2 text-right tabular-nums">{e.queries}</td>
                  <td className="py-1 pr-2 text-right font-mono tabular-nums">{e.meanScore === null ? "—" : formatScore(e.meanScore)}</td>
                  <td className="py-1 pr-2 text-right font-mono tabular-nums">
                    {e.meanLow === null || e.meanHigh === null ? "—" : `${formatScore(e.meanLow)} to ${formatScore(e.meanHigh)}`}
                  </td>
                  <td className={`py-1 pr-2 ${e.effect === "helps" ? "text-emerald-700 dark:text-emerald-400" : e.effect === "hurts" ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"}`}>
                    {e.effect === "unclear" ? (e.queries < 2 ? "unclear (fewer than 2 queries)" : "unclear (interval includes 0)") : e.effect}
                  </td>
                  <td className="py-1 pr-2 text-right tabular-nums">{e.inTop1} of {e.queries}</td>
                  <td className="py-1 text-right tabular-nums">{e.inBottom1} of {e.queries}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="mt-1 flex justify-end">
          <ExportButtons name={`${slug}-${detail.id}-groups`} rows={effects.map(({ key, name, kind, queries, meanScore, meanLow, meanHigh, inTop1, inBottom1, effect }) => ({ key, name, kind, queries, meanScore, meanLow95: meanLow, meanHigh95: meanHigh, inTop1, inBottom1, effect }))} />
        </div>
      </section>

      <section className="mt-8" aria-labelledby="strip-heading">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 id="strip-heading" className="text-lg font-semibold">Score for every query, by group</h3>
          <nav aria-label="Score scale" className="flex gap-1 text-xs">
            {(["symlog", "linear"] as const).map((scale) => (
              <Link key={scale} href={scaleHref(scale)} aria-current={values.scale === scale ? "page" : undefined}
                className={`rounded px-2 py-0.5 ${values.scale === scale ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "border border-zinc-300 dark:border-zinc-700"}`}>
                {scale === "symlog" ? "symlog" : "linear"}
              </Link>
            ))}
          </nav>
        </div>
        <StripPlot points={points} groups={stripGroups} scale={values.scale} name={`${slug}-${detail.id}-scores`} title={`Scores of document ${detail.id} for every query`} dataset={slug} />
      </section>

      <section className="mt-8" aria-labelledby="influences-heading">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 id="influences-heading" className="text-lg font-semibold">Influences ({detail.influences.length} queries)</h3>
          <ExportButtons name={`${slug}-${detail.id}-influences`} rows={tableRows} />
        </div>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">This document&apos;s score and rank for every query</caption>
            <thead className="text-left text-xs uppercase text-zinc-600 dark:text-zinc-400">
              <tr>
                <th scope="col" className="py-1 pr-2">Query</th>
                <th scope="col" className="py-1 pr-2">Set</th>
                <th scope="col" className="py-1 pr-2">Type</th>
                <th scope="col" className="py-1 pr-2 text-right">Score</th>
                <th scope="col" className="py-1 pr-2 text-right">Rank</th>
                <th scope="col" className="py-1 pr-2 text-right">Bottom rank</th>
                {dataset.hasGlobalRanks ? <th scope="col" className="py-1 text-right">Rank of 5M</th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
              {detail.influences.map((i) => (
                <tr key={i.queryId}>
                  <td className="py-1 pr-2">
                    <Link className="font-medium hover:underline" href={`/datasets/${slug}/queries/${encodeURIComponent(i.queryId)}${i.rank > 1 ? `?rank=${i.rank}` : ""}`}>
                      {i.queryId}
                    </Link>
                  </td>
                  <td className="py-1 pr-2"><SetBadge set={i.set} control={i.control} /></td>
                  <td className="py-1 pr-2">{i.type}</td>
                  <td className="py-1 pr-2 text-right font-mono tabular-nums">{formatScore(i.score)}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{formatCount(i.rank)}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{formatCount(i.bottomRank)}</td>
                  {dataset.hasGlobalRanks ? <td className="py-1 text-right tabular-nums">{i.globalRank === null ? "—" : formatCount(i.globalRank + 1)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
