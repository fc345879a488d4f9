"use client";

import { useRef } from "react";
import { densityColorBar, DensityLegend, DensityScatter } from "@/components/charts/density-scatter";
import { HIGHLIGHT_COLORS } from "@/components/palette";
import { ExportButtons } from "@/components/ui/export-buttons";
import type { PairScatter } from "@/lib/data/views/transfer";
import { formatCount } from "@/lib/format";

/** The selected pair's scatter with its legend and exports (client: canvas and measuring). */
export function PairScatterChart({ name, dataset, scatter, a, b }: { name: string; dataset: string; scatter: PairScatter; a: string; b: string }) {
  const { density, points, xDomain, yDomain, mode, documentCount, highlightK } = scatter;
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
  const label =
    `Scatter of ${formatCount(documentCount)} documents' scores: x for query ${a}, y for query ${b}` +
    (mode === "density" ? ", drawn as a 2-D histogram with log-coloured counts" : "") +
    (scatter.pearson !== null ? `; Pearson r ${scatter.pearson.toFixed(3)}` : "");
  const figureRef = useRef<HTMLDivElement>(null);
  return (
    <div>
      <div ref={figureRef}>
      <DensityScatter
        xDomain={xDomain}
        yDomain={yDomain}
        density={density}
        points={points}
        xLabel={`score for ${a}`}
        yLabel={`score for ${b}`}
        label={label}
      />
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        {mode === "density" && density ? <DensityLegend max={density.max} /> : <span>Each dot is one of the {formatCount(documentCount)} documents.</span>}
        {(["both", "a", "b"] as const).map((key) => (
          <span key={key} className="inline-flex items-center gap-1">
            <span aria-hidden className="inline-block size-2.5 rounded-full" style={{ backgroundColor: HIGHLIGHT_COLORS[key] }} />
            {key === "both" ? `in both top ${highlightK}` : `top ${highlightK} of ${key === "a" ? a : b} only`}
          </span>
        ))}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-zinc-500">
        <span>{mode === "points" ? "Export the points:" : "Export the bins:"}</span>
        <ExportButtons
          name={name}
          rows={rows}
          figure={{
            ref: figureRef,
            title: `Scores of ${formatCount(documentCount)} documents: query ${a} (x) against query ${b} (y)`,
            dataset,
            legend: (["both", "a", "b"] as const).map((key) => ({
              label: key === "both" ? `in both top ${highlightK}` : `top ${highlightK} of ${key === "a" ? a : b} only`,
              color: HIGHLIGHT_COLORS[key],
              mark: "dot" as const,
            })),
            colorBar: mode === "density" && density ? densityColorBar(density.max) : undefined,
          }}
        />
      </div>
    </div>
  );
}
