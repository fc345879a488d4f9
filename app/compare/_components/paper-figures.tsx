"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef } from "react";
import { ChartFrame } from "@/components/charts/chart-frame";
import { CoverageChart } from "@/components/charts/coverage-chart";
import { HeatmapCanvas, heatmapCanvasIn, heatmapColorBar, HeatmapLegend } from "@/components/charts/heatmap-canvas";
import { MultiplierChart } from "@/components/charts/multiplier-chart";
import { multiplierDomain } from "@/components/charts/multiplier-scale";
import { groupColor, sourceColor } from "@/components/palette";
import { ExportButtons } from "@/components/ui/export-buttons";
import type { PaperModel } from "@/lib/data/views/compare-paper";
import { formatStat } from "@/lib/format";

const modelName = (m: PaperModel) => (m.model ? `${m.name} (${m.model})` : m.name);

function ModelHeatmap({ model }: { model: PaperModel }) {
  const router = useRouter();
  const figureRef = useRef<HTMLDivElement>(null);
  const heatmap = model.heatmap;
  if (!heatmap) return <p className="text-sm text-zinc-500">No Pearson matrix is stored for {model.slug}.</p>;
  const size = heatmap.queries.length;
  const value = (row: number, col: number) => heatmap.cells[row * size + col] ?? null;
  const label = `Heatmap of Pearson r between the ${size} queries of ${model.slug}, ordered by group: ${heatmap.blocks.map((b) => `${b.name} (${b.end - b.start})`).join(", ")}`;
  return (
    <figure className="min-w-0" aria-label={`Pearson heatmap, ${model.slug}`}>
      <figcaption className="mb-1 flex flex-wrap items-center justify-between gap-2 text-sm font-medium">
        {modelName(model)}
        <ExportButtons
          name={`${model.slug}-heatmap-pearson-r`}
          rows={() => heatmap.queries.flatMap((a, i) => heatmap.queries.map((b, j) => ({ row: a.id, column: b.id, value: value(i, j) })))}
          figure={{
            ref: figureRef,
            title: `Pearson r between every pair of ${size} queries, ordered by group`,
            dataset: model.slug,
            colorBar: heatmapColorBar("Pearson r"),
            lightCanvas: (onScreen) => heatmapCanvasIn(heatmap.cells, size, "light", onScreen),
          }}
        />
      </figcaption>
      <div ref={figureRef}>
        <HeatmapCanvas
          size={size}
          values={heatmap.cells}
          blocks={heatmap.blocks}
          label={label}
          selected={null}
          onSelect={(c) => router.push(`/datasets/${model.slug}/transfer?a=${encodeURIComponent(heatmap.queries[c.row]!.id)}&b=${encodeURIComponent(heatmap.queries[c.col]!.id)}`)}
          tooltip={(c) => (
            <p>
              <span className="font-mono">{heatmap.queries[c.row]!.id}</span> × <span className="font-mono">{heatmap.queries[c.col]!.id}</span>: r ={" "}
              {formatStat(value(c.row, c.col))}
              <span className="block text-zinc-500">Click for the pair in the transfer view.</span>
            </p>
          )}
          describe={(c) => `${heatmap.queries[c.row]!.id} by ${heatmap.queries[c.col]!.id}: Pearson r ${formatStat(value(c.row, c.col))}`}
        />
      </div>
    </figure>
  );
}

/** The two models' Pearson heatmaps side by side on the one ramp (0 to 1) both use. */
export function PaperHeatmaps({ models }: { models: PaperModel[] }) {
  return (
    <div>
      <HeatmapLegend title="Pearson r (both heatmaps)" />
      <div className="mt-2 grid gap-4 lg:grid-cols-2">
        {models.map((m) => (
          <ModelHeatmap key={m.slug} model={m} />
        ))}
      </div>
    </div>
  );
}

function MultiplierCell({ model, panelKey, yDomain }: { model: PaperModel; panelKey: string; yDomain: [number, number] }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const panel = model.multipliers.panels.find((p) => p.key === panelKey);
  const setName = panelKey.replace(/^set:/, "");
  const name = `${model.slug} · ${setName}`;
  if (!panel) {
    return (
      <figure aria-label={name} className="rounded border border-dashed border-zinc-300 p-3 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        <figcaption className="font-medium">{name}</figcaption>
        {model.multipliers.ks.length === 0
          ? `No source multipliers: k must stay ≤ a tenth of the corpus (${model.documentCount.toLocaleString("en-US")} documents).`
          : `No ${setName} queries in ${model.slug}.`}
      </figure>
    );
  }
  const rows = panel.series.flatMap((s) => s.points.map((p) => ({ dataset: model.slug, group: panel.key, source: s.source, k: p.k, count: p.count, multiplier: p.multiplier })));
  return (
    <figure aria-label={name} className="min-w-0 rounded border border-zinc-200 p-3 dark:border-zinc-800">
      <figcaption className="mb-1 flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="flex items-center gap-2 font-medium">
          <span aria-hidden className="size-2.5 rounded-full" style={{ backgroundColor: groupColor(panel.colorKey) }} />
          {modelName(model)} · {setName} <span className="font-normal text-zinc-500">({panel.size} queries)</span>
        </span>
        <ExportButtons
          name={`${model.slug}-multipliers-top-${setName}`}
          rows={rows}
          figure={{
            ref: svgRef,
            title: `Source multipliers among the top-k documents: ${setName} (${panel.size} queries)`,
            dataset: model.slug,
            legend: [...panel.series.map((s) => ({ label: s.source, color: sourceColor(s.source) })), { label: "1 = corpus distribution", color: "#18181b" }],
          }}
        />
      </figcaption>
      <ChartFrame height={260}>
        {({ width, height }) => (
          <MultiplierChart
            width={width}
            height={height}
            series={panel.series}
            ks={model.multipliers.ks}
            yDomain={yDomain}
            tail="top"
            label={`Source multipliers for ${setName} queries of ${model.slug} against top-k, k = ${model.multipliers.ks.join(", ")}, log-log axes, 1 = corpus share`}
            svgRef={svgRef}
          />
        )}
      </ChartFrame>
    </figure>
  );
}

/** The paper's 2 x 2 grid of source multipliers: rows are the sets, columns the models, one y scale. */
export function PaperMultipliers({ models }: { models: PaperModel[] }) {
  const yDomain = useMemo(
    () => multiplierDomain(models.flatMap((m) => m.multipliers.panels.flatMap((p) => p.series.flatMap((s) => s.points.map((pt) => pt.multiplier))))),
    [models],
  );
  return (
    <div role="group" aria-label="Source multipliers, models × sets" className="grid gap-3 md:grid-cols-2">
      {["set:factual", "set:reasoning"].flatMap((key) => models.map((m) => <MultiplierCell key={`${key}-${m.slug}`} model={m} panelKey={key} yDomain={yDomain} />))}
    </div>
  );
}

function CoverageCell({ model }: { model: PaperModel }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const series = model.coverage.map((s) => ({ key: s.key, label: `${s.name} (${s.size})`, color: groupColor(s.colorKey), points: s.points }));
  const rows = model.coverage.flatMap((s) => s.points.map((p) => ({ dataset: model.slug, group: s.key, percentile: p.percentile, mean: p.mean, std: p.std, n: p.n })));
  return (
    <figure aria-label={`Coverage, ${model.slug}`} className="min-w-0 rounded border border-zinc-200 p-3 dark:border-zinc-800">
      <figcaption className="mb-1 flex flex-wrap items-center justify-between gap-2 text-sm font-medium">
        {modelName(model)}
        <ExportButtons
          name={`${model.slug}-coverage-sets`}
          rows={rows}
          figure={{
            ref: svgRef,
            title: "Coverage of positive influence: factual and reasoning (mean ± 1 std)",
            dataset: model.slug,
            legend: series.map((s) => ({ label: s.label, color: s.color })),
          }}
        />
      </figcaption>
      <ul className="mb-1 flex gap-3 text-xs" aria-label={`Sets, ${model.slug}`}>
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1">
            <span aria-hidden className="inline-block h-0.5 w-4" style={{ backgroundColor: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
      <ChartFrame height={280}>
        {({ width, height }) => (
          <CoverageChart
            width={width}
            height={height}
            series={series}
            xMode="percentile"
            percent
            xLabel="Top-k percentile of a query's positive documents (log scale)"
            yLabel="% of total positive influence"
            ariaLabel={`Coverage curves of ${model.slug}: ${series.map((s) => s.label).join(" and ")}, top 0.2 to 20% of documents`}
            svgRef={svgRef}
          />
        )}
      </ChartFrame>
    </figure>
  );
}

/** Coverage as in the paper: one panel per model, both sets in each. */
export function PaperCoverage({ models }: { models: PaperModel[] }) {
  return (
    <div className="grid gap-3 md:grid-cols-2">
      {models.map((m) => (
        <CoverageCell key={m.slug} model={m} />
      ))}
    </div>
  );
}
