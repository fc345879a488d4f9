import { ExportButtons } from "@/components/ui/export-buttons";
import type { CompareSide } from "@/lib/data/views/compare";
import { formatCount, formatStat } from "@/lib/format";

interface Metric {
  metric: string;
  a: number | null;
  b: number | null;
  /** How the value reads in a cell. */
  format: (value: number) => string;
  /** Extra words under a side's value (scope, spread). */
  detail?: (side: CompareSide) => string | null;
  /** How B − A reads: a difference of percentages is in percentage points. */
  formatDifference?: (value: number) => string;
}

const pct = (v: number) => `${formatStat(v, 1)}%`;
/** A difference of two percentages: percentage points, not percent. */
const pp = (v: number) => `${formatStat(v, 1)} pp`;

function metrics(a: CompareSide | null, b: CompareSide | null): Metric[] {
  const both = (pick: (s: CompareSide) => number | null) => ({ a: a ? pick(a) : null, b: b ? pick(b) : null });
  return [
    { metric: "Queries", ...both((s) => s.headline.queries), format: formatCount },
    { metric: "Documents", ...both((s) => s.headline.documents), format: formatCount },
    {
      metric: "Mean within-group Pearson r",
      ...both((s) => s.headline.meanR),
      format: (v) => formatStat(v, 3),
      detail: (s) => `${s.headline.meanRScope}, ${formatCount(s.headline.meanRPairs)} pairs`,
    },
    { metric: "Top-1% coverage", ...both((s) => s.headline.top1), format: pct, formatDifference: pp, detail: () => "of positive influence" },
    { metric: "Top-5% coverage", ...both((s) => s.headline.top5), format: pct, formatDifference: pp, detail: () => "of positive influence" },
    {
      metric: "Mean power-law alpha",
      ...both((s) => s.headline.alpha),
      format: (v) => formatStat(v, 3),
      detail: (s) => (s.headline.alphaSpread === null ? null : `${s.headline.alphaSpreadKind} ${formatStat(s.headline.alphaSpread, 3)}`),
    },
    {
      metric: "Answer occurrence",
      ...both((s) => (s.headline.answerQueries ? (100 * s.headline.answerHits) / s.headline.answerQueries : null)),
      format: pct,
      formatDifference: pp,
      detail: (s) =>
        s.headline.answerQueries
          ? `${s.headline.answerHits} of ${s.headline.answerQueries} with an answer in their top ${s.headline.answerK ?? 500}`
          : "no queries with answers",
    },
  ];
}

function Cell({ value, format, detail }: { value: number | null; format: (v: number) => string; detail: string | null }) {
  return (
    <td className="px-3 py-1.5 text-right align-top tabular-nums">
      <span className="font-medium">{value === null ? "—" : format(value)}</span>
      {detail ? <span className="block text-xs text-zinc-500 dark:text-zinc-400">{detail}</span> : null}
    </td>
  );
}

/** The headline numbers of both sides in one table, with B − A, so the rows line up. */
export function HeadlineTable({ a, b }: { a: CompareSide | null; b: CompareSide | null }) {
  const rows = metrics(a, b);
  const exportRows = rows.map((m) => ({ metric: m.metric, a: m.a, b: m.b, difference: m.a !== null && m.b !== null ? m.b - m.a : null, differenceUnit: m.formatDifference === pp ? "pp" : "" }));
  return (
    <div className="mt-2">
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Headline numbers of A and B</caption>
          <thead>
            <tr className="border-b border-zinc-200 text-left dark:border-zinc-800">
              <th scope="col" className="py-1.5 pr-3 font-medium">Metric</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">A: {a?.label ?? "—"}</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">B: {b?.label ?? "—"}</th>
              <th scope="col" className="py-1.5 pl-3 text-right font-medium">B − A</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => {
              const diff = m.a !== null && m.b !== null ? m.b - m.a : null;
              return (
                <tr key={m.metric} className="border-b border-zinc-100 dark:border-zinc-900">
                  <th scope="row" className="py-1.5 pr-3 text-left align-top font-normal text-zinc-700 dark:text-zinc-300">{m.metric}</th>
                  <Cell value={m.a} format={m.format} detail={a && m.detail ? m.detail(a) : null} />
                  <Cell value={m.b} format={m.format} detail={b && m.detail ? m.detail(b) : null} />
                  <td className="py-1.5 pl-3 text-right align-top tabular-nums text-zinc-600 dark:text-zinc-400">
                    {diff === null ? "—" : `${diff > 0 ? "+" : diff < 0 ? "−" : ""}${(m.formatDifference ?? m.format)(Math.abs(diff))}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="mt-2 flex justify-end">
        <ExportButtons name="compare-headline" rows={exportRows} />
      </div>
    </div>
  );
}
