import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { CoverageSeries } from "@/components/charts/coverage-chart";
import { normaliseBins, trimEmptyEdges, type HistogramSeries } from "@/components/charts/histogram-chart";
import { groupColor } from "@/components/palette";
import { Notices } from "@/components/ui/notice";
import { findDataset } from "@/lib/data/views/dataset";
import { distributionView } from "@/lib/data/views/distribution";
import { groupColorKey, groupLabel, selectGroups, type GroupRef } from "@/lib/domain/groups";
import type { SearchParams } from "@/lib/url-state";
import { CoveragePanel } from "./_components/coverage-panel";
import { DistributionControls } from "./_components/distribution-controls";
import { HistogramPanel } from "./_components/histogram-panel";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const dataset = await findDataset((await params).slug);
  return { title: dataset ? `Distribution · ${dataset.name}` : "Not found" };
}

export default async function DistributionPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const data = await distributionView(slug, await searchParams);
  if (!data) notFound();
  const { dataset, values, notices } = data;
  const { unit } = values;
  const percent = unit === "percent";
  const upto = Number(values.upto);
  const tailWord = values.tail === "positive" ? "positive" : "negative";

  const chosen = selectGroups(data.groups, values.groups);
  const style = (g: GroupRef) => ({ color: groupColor(groupColorKey(g, data.groups)), dashed: g.kind === "control" });
  const coverageSeries: CoverageSeries[] = chosen.map((g) => ({
    key: g.key,
    label: `${groupLabel(g)} (${g.queryIds.length})`,
    ...style(g),
    points: data.points
      .filter((p) => p.group === g.key && p.percentile <= upto)
      .map(({ percentile, meanCount, mean, std, n }) => ({ percentile, meanCount, mean, std, n })),
  }));
  const histogramSeries: HistogramSeries[] = trimEmptyEdges(chosen.map((g) => ({
    key: g.key,
    label: `${groupLabel(g)} (${g.queryIds.length})`,
    ...style(g),
    bins: normaliseBins(data.histograms.filter((h) => h.group === g.key)),
  })));
  const hasCurves = coverageSeries.some((s) => s.points.length > 0);
  const hasHistograms = histogramSeries.some((s) => s.bins.some((b) => b.count > 0));
  const singleDocument = coverageSeries.some((s) => s.points.some((p) => p.percentile < 1 && p.meanCount <= 1.5));

  const xLabel =
    values.x === "percentile"
      ? `Top-k percentile of a query's ${tailWord} documents (log scale)`
      : `Mean number of top ${tailWord} documents (log scale)`;
  const yLabel = percent ? `% of total ${tailWord} influence` : `Summed ${tailWord} influence per nat`;
  const groupWords = values.groups === "sets" ? "factual and reasoning queries" : "each task type and control group";

  return (
    <div className="space-y-8">
      <Notices notices={notices} />
      <DistributionControls unit={unit} tail={values.tail} x={values.x} groups={values.groups} upto={values.upto} hasNats={data.hasNats} />

      <section aria-labelledby="coverage-heading">
        <h2 id="coverage-heading" className="text-lg font-semibold">Coverage curves</h2>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          How much of a query&apos;s total {tailWord} influence {percent ? "" : "(per nat of its completion) "}its most
          influential documents hold, for {groupWords}. Each line is the mean over a group&apos;s queries; the shaded band is
          ± one standard deviation across them. A curve that rises more slowly means influence is spread over more
          documents (more diffuse).
        </p>
        {singleDocument ? (
          <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
            With {dataset.documentCount.toLocaleString("en-US")} documents per query, the smallest percentiles all round up
            to a single document, so their points coincide.
          </p>
        ) : null}
        <div className="mt-3">
          {hasCurves ? (
            <CoveragePanel
              series={coverageSeries}
              xMode={values.x}
              percent={percent}
              xLabel={xLabel}
              yLabel={yLabel}
              ariaLabel={`Coverage curves: ${yLabel} against ${values.x === "percentile" ? "top-k percentile" : "mean document count"}, up to the top ${upto}%, for ${coverageSeries.map((s) => s.label).join(", ")}`}
              exportName={`${slug}-coverage-${values.tail}-${unit}`}
              title={`Coverage of ${tailWord} influence${percent ? "" : " per nat"}, top ${upto}%`}
              dataset={slug}
            />
          ) : (
            <p className="rounded border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
              No coverage is stored for the {tailWord} tail of these groups (no query has {tailWord} scores).
            </p>
          )}
        </div>
      </section>

      <section aria-labelledby="histogram-heading">
        <h2 id="histogram-heading" className="text-lg font-semibold">Score histograms</h2>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          The distribution of |score| over every {tailWord} (query, document) score of a group, on a log scale. Heights are
          the share of the group&apos;s {tailWord} scores in each bin, so groups of different sizes compare.
        </p>
        <div className="mt-3">
          {hasHistograms ? (
            <HistogramPanel
              series={histogramSeries}
              xLabel={`|score| of ${tailWord} scores (log scale)`}
              ariaLabel={`Histograms of log10 |score| for the ${tailWord} scores of ${histogramSeries.map((s) => s.label).join(", ")}`}
              exportName={`${slug}-histogram-${values.tail}`}
              title={`Histogram of log10 |score|, ${tailWord} scores`}
              dataset={slug}
            />
          ) : (
            <p className="rounded border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
              No {tailWord} scores to bin for these groups.
            </p>
          )}
        </div>
      </section>
    </div>
  );
}
