import { line, scaleLinear, scaleLog } from "d3";

export interface SparklineSeries {
  key: string;
  label: string;
  color: string;
  /** Top-k percentile (x, log scale) and % of positive influence (y). */
  points: readonly { percentile: number; mean: number }[];
}

const WIDTH = 150;
const HEIGHT = 84;
const MARGIN = { top: 4, right: 4, bottom: 16, left: 26 } as const;

/**
 * Coverage curves in miniature (top 0.2-20% of documents, log x; 0-100% of positive
 * influence): one line per set, for a card beside its numbers.
 */
export function CoverageSparkline({ series, label }: { series: readonly SparklineSeries[]; label: string }) {
  const x = scaleLog().domain([0.2, 20]).range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear().domain([0, 100]).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = line<{ percentile: number; mean: number }>().x((p) => x(p.percentile)).y((p) => y(p.mean));
  return (
    <svg width={WIDTH} height={HEIGHT} role="img" aria-label={label} className="text-zinc-400 dark:text-zinc-500">
      <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} stroke="currentColor" />
      <line x1={MARGIN.left} x2={MARGIN.left} y1={y(0)} y2={y(100)} stroke="currentColor" />
      {[0, 50, 100].map((v) => (
        <text key={v} x={MARGIN.left - 3} y={y(v)} dy="0.32em" textAnchor="end" fontSize={9} fill="currentColor">{v}%</text>
      ))}
      {[0.2, 1, 5, 20].map((v) => (
        <text key={v} x={x(v)} y={HEIGHT - 4} textAnchor="middle" fontSize={9} fill="currentColor">{v}%</text>
      ))}
      {series.map((s) => {
        const shown = s.points.filter((p) => p.percentile >= 0.2 && p.percentile <= 20);
        return <path key={s.key} d={path(shown) ?? ""} fill="none" stroke={s.color} strokeWidth={1.75} />;
      })}
    </svg>
  );
}
