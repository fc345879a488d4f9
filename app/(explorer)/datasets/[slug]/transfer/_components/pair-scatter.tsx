"use client";

import { useId, useRef } from "react";
import { densityColorBar, DensityLegend, DensityScatter } from "@/components/charts/density-scatter";
import { HIGHLIGHT_COLORS } from "@/components/palette";
import { ExportButtons } from "@/components/ui/export-buttons";
import { useChoice } from "@/components/ui/use-choice";
import type { PairScatter } from "@/lib/data/views/transfer";
import { formatCount } from "@/lib/format";
import type { ScatterExtent } from "@/lib/url-state";
import { useUrlState } from "@/lib/use-url-state";

const percent = (q: number) => `${Number((q * 100).toPrecision(3))}`;

/**
 * The selected pair's scatter with its legend and exports (client: canvas and measuring).
 * By default the axes run from each query's 0.1st to 99.9th percentile, so one outlier
 * cannot squeeze the cloud; documents beyond are drawn on the edge, and a checkbox shows
 * the full extent (`extent=full` in the URL, so a link restores it; the server counts the
 * density over the axes shown).
 */
export function PairScatterChart({ name, dataset, scatter, a, b, extent }: { name: string; dataset: string; scatter: PairScatter; a: string; b: string; extent: ScatterExtent }) {
  const { points, mode, documentCount, highlightK, robust } = scatter;
  const beyond = robust.beyond.left + robust.beyond.right + robust.beyond.bottom + robust.beyond.top;
  const range = `${percent(robust.quantiles[0])}–${percent(robust.quantiles[1])}`;
  const { update } = useUrlState();
  // Shown at once; the URL (a history entry, so back undoes it) follows.
  const [full, setFull] = useChoice(extent === "full");
  const fullId = useId();
  const wanted: ScatterExtent = full || beyond === 0 ? "full" : "robust";
  // Every point is here, so points redraw over either axes at once; a density is counted
  // on the server over one extent, and the other arrives with the navigation the checkbox
  // starts (until then the old one is drawn, dimmed).
  const drawn = mode === "points" ? wanted : scatter.extent;
  const counting = drawn !== wanted;
  const shown = drawn === "full"
    ? { xDomain: scatter.xDomain, yDomain: scatter.yDomain, beyond: undefined }
    : { xDomain: robust.xDomain, yDomain: robust.yDomain, beyond: robust.beyond };
  const { density } = scatter;
  const { xDomain, yDomain } = shown;
  const rows =
    mode === "points"
      ? points.map((p) => ({ documentId: p.documentId, source: p.source, [`score_${a}`]: p.x, [`score_${b}`]: p.y, top: p.top }))
      : [
          ...(density
            ? density.counts.flatMap((count, i) => {
                if (count === 0) return [];
                const col = i % density.xBins;
                const row = Math.floor(i / density.xBins);
                const xw = (xDomain[1] - xDomain[0]) / density.xBins;
                const yw = (yDomain[1] - yDomain[0]) / density.yBins;
                return [{ kind: "bin", xFrom: xDomain[0] + col * xw, xTo: xDomain[0] + (col + 1) * xw, yFrom: yDomain[0] + row * yw, yTo: yDomain[0] + (row + 1) * yw, count }];
              })
            : []),
        ];
  const extentWords = shown.beyond
    ? `axes over the ${range} percentile range of each query's scores; ${formatCount(beyond)} document${beyond === 1 ? "" : "s"} beyond drawn on the dashed edge`
    : "axes over every document's scores";
  const label =
    `Scatter of ${formatCount(documentCount)} documents' scores: x for query ${a}, y for query ${b}` +
    (mode === "density" ? ", drawn as a 2-D histogram with log-coloured counts" : "") +
    `; ${extentWords}` +
    (scatter.pearson !== null ? `; Pearson r ${scatter.pearson.toFixed(3)}` : "");
  const figureRef = useRef<HTMLDivElement>(null);
  const legend = (["both", "a", "b"] as const).map((key) => ({
    label: key === "both" ? `in both top ${highlightK}` : `top ${highlightK} of ${key === "a" ? a : b} only`,
    color: HIGHLIGHT_COLORS[key],
    mark: "dot" as const,
  }));
  return (
    <div>
      <div ref={figureRef} aria-busy={counting} className={counting ? "opacity-50 transition-opacity" : undefined}>
        <DensityScatter
          xDomain={xDomain}
          yDomain={yDomain}
          beyond={shown.beyond}
          density={density}
          points={points}
          xLabel={`score for ${a}`}
          yLabel={`score for ${b}`}
          label={label}
        />
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        {mode === "density" && density ? <DensityLegend max={density.max} /> : <span>Each dot is one of the {formatCount(documentCount)} documents.</span>}
        {legend.map((entry) => (
          <span key={entry.label} className="inline-flex items-center gap-1">
            <span aria-hidden className="inline-block size-2.5 rounded-full" style={{ backgroundColor: entry.color }} />
            {entry.label}
          </span>
        ))}
      </div>
      {beyond > 0 ? (
        <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid="scatter-extent">
          <span>
            {counting
              ? "Counting the density over the new axes…"
              : full
              ? "Axes over every document's scores."
              : `Axes over the ${range} percentile range of each query's scores: ${formatCount(beyond)} outlying score${beyond === 1 ? "" : "s"} drawn on the dashed edge${mode === "points" ? " as hollow dots" : ""}.`}
          </span>
          <label htmlFor={fullId} className="inline-flex items-center gap-1">
            <input id={fullId} type="checkbox" checked={full} onChange={(e) => {
              setFull(e.target.checked);
              update({ extent: e.target.checked ? "full" : null });
            }} />
            Show the full extent
          </label>
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-zinc-500">
        <span>{mode === "points" ? "Export the points:" : "Export the bins:"}</span>
        <ExportButtons
          name={name}
          rows={rows}
          figure={{
            ref: figureRef,
            title: `Scores of ${formatCount(documentCount)} documents: query ${a} (x) against query ${b} (y)${shown.beyond ? `, axes over the ${range} percentile range` : ""}`,
            dataset,
            legend: shown.beyond ? [...legend, { label: `${formatCount(beyond)} beyond the axes, on the dashed edge`, color: HIGHLIGHT_COLORS.edge, mark: "dashed" as const }] : legend,
            colorBar: mode === "density" && density ? densityColorBar(density.max) : undefined,
          }}
        />
      </div>
    </div>
  );
}
