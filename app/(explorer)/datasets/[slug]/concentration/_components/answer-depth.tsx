"use client";

import { line, scaleLinear, scaleLog } from "d3";
import Link from "next/link";
import { useMemo, useRef, type RefObject } from "react";
import { AxisLeft } from "@/components/charts/axis";
import { ChartFrame } from "@/components/charts/chart-frame";
import { groupColor } from "@/components/palette";
import { SetBadge } from "@/components/ui/badge";
import { ExportButtons } from "@/components/ui/export-buttons";
import type { AnswerDepthQuery, AnswerDepthSeries } from "@/lib/data/views/concentration";
import { formatCount } from "@/lib/format";

const MARGIN = { top: 12, right: 16, bottom: 44, left: 52 } as const;
const HEIGHT = 280;
/** Incorrectly answered queries draw dashed, in their set's colour. */
const DASH = { all: undefined, correct: undefined, incorrect: "6 4" } as const;

function DepthChart({ width, series, ks, svgRef }: { width: number; series: readonly AnswerDepthSeries[]; ks: readonly number[]; svgRef: RefObject<SVGSVGElement | null> }) {
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const { x, y } = useMemo(() => {
    const lo = ks[0] ?? 1;
    const hi = ks.at(-1) ?? 10;
    return {
      x: scaleLog().domain(lo === hi ? [lo / 2, hi * 2] : [lo, hi]).range([0, innerWidth]),
      y: scaleLinear().domain([0, 100]).range([innerHeight, 0]),
    };
  }, [ks, innerWidth, innerHeight]);
  const path = line<{ k: number; percent: number }>().x((p) => x(p.k)).y((p) => y(p.percent));
  // Label the decades only; the points between them are still drawn.
  const labelled = ks.filter((k) => Math.log10(k) % 1 === 0 || k === ks.at(-1));
  if (width <= 0) return null;
  return (
    <svg ref={svgRef} width={width} height={HEIGHT} role="img" className="text-zinc-700 dark:text-zinc-300"
      aria-label={`Percent of queries with a document containing the answer within the top k, k on a log scale from ${formatCount(ks[0] ?? 1)} to ${formatCount(ks.at(-1) ?? 1)}; one line per set and correctness (${series.map((s) => s.label).join(", ")})`}>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        <AxisLeft scale={y} offset={0} ticks={5} />
        <text transform={`translate(${-MARGIN.left + 12},${innerHeight / 2}) rotate(-90)`} textAnchor="middle" fill="currentColor" fontSize={12}>
          % of queries
        </text>
        <g transform={`translate(0,${innerHeight})`} className="text-zinc-500" fontSize={11}>
          <line x1={0} x2={innerWidth} stroke="currentColor" />
          {labelled.map((k) => (
            <g key={k} transform={`translate(${x(k)},0)`}>
              <line y2={5} stroke="currentColor" />
              <text y={16} textAnchor="middle" fill="currentColor">{formatCount(k)}</text>
            </g>
          ))}
          <text x={innerWidth / 2} y={34} textAnchor="middle" fill="currentColor" fontSize={12}>answer document within the top k (log scale)</text>
        </g>
        {series.map((s) => (
          <g key={s.key} color={groupColor(s.set)}>
            <path d={path(s.points) ?? undefined} fill="none" stroke="currentColor" strokeWidth={2} strokeDasharray={DASH[s.subset]} />
            {s.points.map((p) => (
              <circle key={p.k} cx={x(p.k)} cy={y(p.percent)} r={3} fill="currentColor">
                <title>{`${s.label}, k = ${formatCount(p.k)}: ${p.percent.toFixed(0)}% of ${s.queries} queries`}</title>
              </circle>
            ))}
          </g>
        ))}
      </g>
    </svg>
  );
}

/**
 * Answers at any depth: the share of queries with a document containing the answer
 * within the top k (k on a log axis, up to the whole corpus) per set and correctness,
 * and per query the best rank of such a document.
 */
export function AnswerDepth({ slug, series, ks, queries }: { slug: string; series: AnswerDepthSeries[]; ks: number[]; queries: AnswerDepthQuery[] }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const curveRows = useMemo(() => series.flatMap((s) => s.points.map((p) => ({ series: s.label, queries: s.queries, k: p.k, percent: p.percent }))), [series]);
  const sorted = useMemo(() => [...queries].sort((a, b) => (a.bestRank ?? Infinity) - (b.bestRank ?? Infinity)), [queries]);
  return (
    <div>
      <ChartFrame height={HEIGHT}>{({ width }) => <DepthChart width={width} series={series} ks={ks} svgRef={svgRef} />}</ChartFrame>
      <div className="mt-1 flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <ul className="flex flex-wrap gap-3" aria-label="Answer depth series">
          {series.map((s) => (
            <li key={s.key}>
              <svg width={18} height={6} aria-hidden className="mr-1 inline-block align-middle" color={groupColor(s.set)}>
                <line x1={0} x2={18} y1={3} y2={3} stroke="currentColor" strokeWidth={2} strokeDasharray={DASH[s.subset]} />
              </svg>
              {s.label} ({s.queries})
            </li>
          ))}
        </ul>
        <ExportButtons
          name={`${slug}-answer-depth`}
          rows={curveRows}
          figure={{
            ref: svgRef,
            title: "Share of queries with an answer document within the top k",
            dataset: slug,
            legend: series.map((s) => ({ label: `${s.label} (${s.queries})`, color: groupColor(s.set), mark: DASH[s.subset] ? "dashed" : "line" })),
          }}
        />
      </div>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm text-zinc-600 dark:text-zinc-400">Best rank of an answer document, per query</summary>
        <div className="mt-2 flex justify-end">
          <ExportButtons name={`${slug}-answer-best-ranks`} rows={sorted.map((q) => ({ queryId: q.queryId, set: q.set, type: q.type, correct: q.correct, answer: q.answer, answerDocuments: q.documents, bestRank: q.bestRank }))} />
        </div>
        <table className="mt-1 w-full text-sm" aria-label="Best rank of an answer document per query">
          <thead className="text-left text-xs text-zinc-500">
            <tr>
              <th className="py-1 pr-3 font-medium">Query</th>
              <th className="py-1 pr-3 font-medium">Set</th>
              <th className="py-1 pr-3 font-medium">Correct</th>
              <th className="py-1 pr-3 font-medium">Answer</th>
              <th className="py-1 pr-3 text-right font-medium">Answer documents</th>
              <th className="py-1 text-right font-medium">Best rank</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
            {sorted.map((q) => (
              <tr key={q.queryId}>
                <td className="py-0.5 pr-3"><Link className="font-medium hover:underline" href={`/datasets/${slug}/queries/${encodeURIComponent(q.queryId)}`}>{q.queryId}</Link></td>
                <td className="py-0.5 pr-3"><SetBadge set={q.set} /></td>
                <td className="py-0.5 pr-3">{q.correct === null ? "—" : q.correct ? "yes" : "no"}</td>
                <td className="py-0.5 pr-3">{q.answer}</td>
                <td className="py-0.5 pr-3 text-right tabular-nums">{formatCount(q.documents)}</td>
                <td className="py-0.5 text-right tabular-nums" data-cell="best-rank">
                  {q.bestRank === null ? "none" : (
                    <Link className="underline" href={`/datasets/${slug}/queries/${encodeURIComponent(q.queryId)}?rank=${q.bestRank}`}>{formatCount(q.bestRank)}</Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
