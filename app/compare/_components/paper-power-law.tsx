import type { PaperModel } from "@/lib/data/views/compare-paper";
import { formatP, formatStat, stars } from "@/lib/format";

const alpha = (cell: { mean: number | null; std: number | null }) =>
  cell.mean === null ? "—" : `${formatStat(cell.mean, 3)}${cell.std === null ? "" : ` ± ${formatStat(cell.std, 3)}`}`;

/** The paper's power-law table with both models: α per set (all queries) and the Welch t-test between the sets. */
export function PaperPowerLaw({ models }: { models: PaperModel[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-[36rem] text-sm" aria-label="Power-law alpha per model and set">
        <thead className="text-left text-xs text-zinc-500">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">Model</th>
            <th scope="col" className="px-2 py-1 text-right font-medium">Reasoning α (n)</th>
            <th scope="col" className="px-2 py-1 text-right font-medium">Factual α (n)</th>
            <th scope="col" className="px-2 py-1 text-right font-medium">Welch t-test, reasoning vs factual</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
          {models.map((m) => {
            const row = (name: string) => m.powerLaw.rows.find((r) => r.key === `set:${name}`)?.cells.all ?? null;
            const [reasoning, factual] = [row("reasoning"), row("factual")];
            const t = m.powerLaw.test?.test ?? null;
            return (
              <tr key={m.slug}>
                <th scope="row" className="py-1 pr-3 text-left font-normal">{m.model ? `${m.name} (${m.model})` : m.name}</th>
                <td className="px-2 py-1 text-right tabular-nums">{reasoning ? `${alpha(reasoning)} (${reasoning.n})` : "—"}</td>
                <td className="px-2 py-1 text-right tabular-nums">{factual ? `${alpha(factual)} (${factual.n})` : "—"}</td>
                <td className="px-2 py-1 text-right tabular-nums">
                  {t ? `t = ${formatStat(t.t, 2)}, df = ${formatStat(t.df, 1)}, p = ${formatP(t.p)} ${stars(t.p) || "n.s."}` : "too few queries"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-1 text-xs text-zinc-500">α: mean ± std of the per-query power-law slopes (n queries with a fit). t &lt; 0: reasoning has the steeper slope.</p>
    </div>
  );
}
