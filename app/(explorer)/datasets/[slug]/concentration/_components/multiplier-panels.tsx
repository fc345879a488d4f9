"use client";

import { useMemo, useRef, useState } from "react";
import { ChartFrame } from "@/components/charts/chart-frame";
import { MultiplierChart } from "@/components/charts/multiplier-chart";
import type { MultiplierSeries } from "@/lib/data/views/concentration";
import { formatMultiplier, multiplierDomain } from "@/components/charts/multiplier-scale";
import { groupColor, sourceColor } from "@/components/palette";
import { ExportButtons } from "@/components/ui/export-buttons";
import { formatCount } from "@/lib/format";

export interface PanelProps {
  key: string;
  name: string;
  kind: string;
  size: number;
  colorKey: string;
  series: MultiplierSeries[];
}

interface Props {
  slug: string;
  tail: "top" | "bottom";
  ks: number[];
  panels: PanelProps[];
  corpus: { source: string; count: number; share: number }[];
}

/** A panel's accessible summary: the most and least over-represented sources at the smallest k. */
function describe(panel: PanelProps, tail: string, ks: readonly number[]): string {
  const k = ks[0];
  const at = panel.series.flatMap((s) => s.points.filter((p) => p.k === k).map((p) => ({ source: s.source, ...p })));
  const sorted = [...at].sort((a, b) => b.multiplier - a.multiplier);
  const high = sorted[0];
  const low = sorted[sorted.length - 1];
  const extremes = high && low ? `; at k=${k}, highest ${high.source} ${formatMultiplier(high.multiplier)}, lowest ${low.source} ${formatMultiplier(low.multiplier)}` : "";
  return `Source multipliers for ${panel.name} (${panel.size} queries) among the ${tail}-k documents, k = ${ks.join(", ")}, log-log axes, 1 = corpus share${extremes}.`;
}

function rowsOf(panel: PanelProps, tail: string) {
  return panel.series.flatMap((s) =>
    s.points.map((p) => ({ group: panel.key, tail, source: s.source, k: p.k, count: p.count, multiplier: p.multiplier })),
  );
}

function Panel({ panel, slug, tail, ks, yDomain, highlight }: { panel: PanelProps; slug: string; tail: "top" | "bottom"; ks: number[]; yDomain: [number, number]; highlight: string | null }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const rows = useMemo(() => rowsOf(panel, tail), [panel, tail]);
  const zeros = rows.filter((r) => r.multiplier === 0).length;
  return (
    <figure className="min-w-0 rounded border border-zinc-200 p-3 dark:border-zinc-800" aria-labelledby={`panel-${panel.key}`}>
      <figcaption className="mb-1 flex flex-wrap items-center justify-between gap-2">
        <h3 id={`panel-${panel.key}`} className="flex items-center gap-2 text-sm font-semibold">
          <span aria-hidden className="size-2.5 rounded-full" style={{ backgroundColor: groupColor(panel.colorKey) }} />
          {panel.name}
          <span className="font-normal text-zinc-500">
            {panel.kind} · {panel.size} queries{zeros > 0 ? ` · ${zeros} zero${zeros === 1 ? "" : "s"} on the floor` : ""}
          </span>
        </h3>
        <ExportButtons
          name={`${slug}-multipliers-${tail}-${panel.key.replace(":", "-")}`}
          rows={rows}
          figure={{
            ref: svgRef,
            title: `Source multipliers among the ${tail}-k documents: ${panel.name} (${panel.size} queries)`,
            dataset: slug,
            legend: [
              ...panel.series.map((s) => ({ label: s.source, color: sourceColor(s.source), mark: "line" as const })),
              { label: "1 = corpus distribution", color: "#18181b", mark: "line" as const },
            ],
          }}
        />
      </figcaption>
      <ChartFrame height={260}>
        {({ width, height }) => (
          <MultiplierChart
            width={width}
            height={height}
            series={panel.series}
            ks={ks}
            yDomain={yDomain}
            tail={tail}
            label={describe(panel, tail, ks)}
            highlight={highlight}
            svgRef={svgRef}
          />
        )}
      </ChartFrame>
    </figure>
  );
}

/**
 * Small multiples of source multipliers against k, one panel per group, sharing one y
 * scale and one HTML legend (hover or focus a source to pick out its line).
 */
export function MultiplierPanels({ slug, tail, ks, panels, corpus }: Props) {
  const [highlight, setHighlight] = useState<string | null>(null);
  const yDomain = useMemo(() => multiplierDomain(panels.flatMap((p) => p.series.flatMap((s) => s.points.map((pt) => pt.multiplier)))), [panels]);
  const allRows = useMemo(() => panels.flatMap((p) => rowsOf(p, tail)), [panels, tail]);
  const anyZero = allRows.some((r) => r.multiplier === 0);

  return (
    <div>
      <ul aria-label="Sources (legend)" className="mb-3 flex flex-wrap gap-x-3 gap-y-1 text-xs">
        {corpus.map((c) => (
          <li key={c.source}>
            <button
              type="button"
              className={`inline-flex items-center gap-1.5 rounded px-1 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-900 ${highlight === c.source ? "ring-1 ring-zinc-400" : ""}`}
              aria-pressed={highlight === c.source}
              onMouseEnter={() => setHighlight(c.source)}
              onMouseLeave={() => setHighlight(null)}
              onFocus={() => setHighlight(c.source)}
              onBlur={() => setHighlight(null)}
              onClick={() => setHighlight((h) => (h === c.source ? null : c.source))}
            >
              <svg width="18" height="8" aria-hidden>
                <line x1="0" x2="18" y1="4" y2="4" stroke={sourceColor(c.source)} strokeWidth="1.5" />
                <circle cx="9" cy="4" r="3" fill={sourceColor(c.source)} />
              </svg>
              {c.source}
              <span className="text-zinc-500">{c.share.toFixed(1)}% of corpus</span>
            </button>
          </li>
        ))}
        <li className="inline-flex items-center gap-1.5 px-1">
          <svg width="18" height="8" aria-hidden className="text-zinc-900 dark:text-zinc-100">
            <line x1="0" x2="18" y1="4" y2="4" stroke="currentColor" strokeWidth="1.5" />
          </svg>
          1 = corpus distribution
        </li>
        <li className="inline-flex items-center gap-1.5 px-1">
          <svg width="10" height="10" aria-hidden className="text-zinc-500">
            <circle cx="5" cy="5" r="3.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          </svg>
          open marker on the floor = 0 (no document of that source; a log axis has no 0){anyZero ? "" : " — none here"}
        </li>
      </ul>
      <div className={`grid gap-3 ${panels.length > 2 ? "md:grid-cols-2 xl:grid-cols-3" : "md:grid-cols-2"}`}>
        {panels.map((panel) => (
          <Panel key={panel.key} panel={panel} slug={slug} tail={tail} ks={ks} yDomain={yDomain} highlight={highlight} />
        ))}
      </div>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm text-zinc-600 dark:text-zinc-400">Table of the plotted multipliers</summary>
        <div className="mt-2 flex justify-end">
          <ExportButtons name={`${slug}-multipliers-${tail}`} rows={allRows} />
        </div>
        <div className="mt-2 max-h-96 overflow-auto">
          <table className="w-full text-sm" aria-label={`Source multipliers, ${tail}-k`}>
            <thead className="sticky top-0 bg-white text-left text-xs text-zinc-500 dark:bg-zinc-950">
              <tr>
                <th className="py-1 pr-3 font-medium">Group</th>
                <th className="py-1 pr-3 font-medium">Source</th>
                <th className="py-1 pr-3 text-right font-medium">k</th>
                <th className="py-1 pr-3 text-right font-medium">Documents</th>
                <th className="py-1 text-right font-medium">Multiplier</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
              {allRows.map((r) => (
                <tr key={`${r.group}-${r.source}-${r.k}`}>
                  <td className="py-0.5 pr-3">{panels.find((p) => p.key === r.group)?.name ?? r.group}</td>
                  <td className="py-0.5 pr-3">{r.source}</td>
                  <td className="py-0.5 pr-3 text-right tabular-nums">{formatCount(r.k)}</td>
                  <td className="py-0.5 pr-3 text-right tabular-nums">{formatCount(r.count)}</td>
                  <td className="py-0.5 text-right tabular-nums" data-multiplier={r.multiplier}>
                    {formatMultiplier(r.multiplier)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
