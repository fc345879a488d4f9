import { ExportButtons } from "@/components/ui/export-buttons";
import { SetBadge } from "@/components/ui/badge";
import { orderPowerLawRows, SUBSETS, type PowerLawRow, type PowerLawTest, type Subset } from "@/lib/data/views/concentration";
import { formatP, formatStat, stars } from "@/lib/format";

const SUBSET_LABEL: Record<Subset, string> = { all: "All queries", correct: "Correct", incorrect: "Incorrect" };

function Alpha({ mean, std }: { mean: number | null; std: number | null }) {
  if (mean === null) return <span className="text-zinc-400">—</span>;
  return (
    <>
      {formatStat(mean)}
      {std === null ? null : <span className="text-zinc-500"> ± {formatStat(std)}</span>}
    </>
  );
}

/**
 * Power-law alpha per group (mean ± sample std over its queries) for all, correctly and
 * incorrectly answered queries, with the Welch t-test between the two sets.
 */
export function PowerLawTable({ slug, rows, tests }: { slug: string; rows: PowerLawRow[]; tests: PowerLawTest[] }) {
  const ordered = orderPowerLawRows(rows);
  const testOf = (subset: Subset) => tests.find((t) => t.subset === subset);
  const test = (subset: Subset) => testOf(subset)?.test ?? null;
  const anyCorrectness = rows.some((r) => r.cells.correct.n + r.cells.incorrect.n > 0);
  const subsets = anyCorrectness ? SUBSETS : (["all"] as const);
  const exportRows = [
    ...ordered.flatMap((r) =>
      subsets.map((s) => ({ group: r.key, subset: s, n: r.cells[s].n, alphaMean: r.cells[s].mean, alphaStd: r.cells[s].std })),
    ),
    ...subsets.map((s) => {
      const t = test(s);
      const of = testOf(s);
      return {
        group: "welch t-test reasoning vs factual", subset: s, n: null, alphaMean: null, alphaStd: null, t: t?.t ?? null, df: t?.df ?? null, p: t?.p ?? null,
        nReasoning: of?.reasoning.n ?? null, nFactual: of?.factual.n ?? null, notShown: of?.problem ?? null,
      };
    }),
  ];
  return (
    <div>
      <div className="mb-2 flex justify-end">
        <ExportButtons name={`${slug}-power-law`} rows={exportRows} />
      </div>
      <div className="overflow-x-auto">
        <table className={`text-sm ${subsets.length > 1 ? "w-full min-w-[36rem]" : "min-w-[24rem]"}`} aria-label="Power-law alpha per group">
          <thead className="text-xs text-zinc-500">
            <tr>
              <th scope="col" rowSpan={2} className="py-1 pr-3 text-left align-bottom font-medium">
                Group
              </th>
              {subsets.map((s) => (
                <th key={s} scope="colgroup" colSpan={2} className="border-b border-zinc-200 px-3 py-1 text-center font-medium dark:border-zinc-800">
                  {SUBSET_LABEL[s]}
                </th>
              ))}
            </tr>
            <tr>
              {subsets.map((s) => [
                <th key={`${s}-n`} scope="col" className="px-2 py-1 text-right font-medium">
                  n
                </th>,
                <th key={`${s}-a`} scope="col" className="whitespace-nowrap px-2 py-1 text-right font-medium">
                  α mean ± std
                </th>,
              ])}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
            {ordered.map((r) => (
              <tr key={r.key}>
                <th scope="row" className="py-1 pr-3 text-left font-normal">
                  {r.kind === "set" ? <SetBadge set={r.name} /> : <span className="whitespace-nowrap pl-2">{r.name} <span className="text-xs text-zinc-500">({r.kind})</span></span>}
                </th>
                {subsets.map((s) => [
                  <td key={`${s}-n`} className="px-2 py-1 text-right tabular-nums">
                    {r.cells[s].n}
                  </td>,
                  <td key={`${s}-a`} className="whitespace-nowrap px-2 py-1 text-right tabular-nums">
                    <Alpha mean={r.cells[s].mean} std={r.cells[s].std} />
                  </td>,
                ])}
              </tr>
            ))}
            <tr className="border-t-2 border-zinc-300 dark:border-zinc-700">
              <th scope="row" className="py-1 pr-3 text-left font-medium">
                Welch t-test, reasoning vs factual
              </th>
              {subsets.map((s) => {
                const t = test(s);
                const of = testOf(s);
                return (
                  <td key={s} colSpan={2} className="px-2 py-1 text-right tabular-nums">
                    {t && of ? (
                      <>
                        <span className="whitespace-nowrap text-zinc-500">
                          n = {of.reasoning.n} vs {of.factual.n},
                        </span>{" "}
                        <span className="whitespace-nowrap">
                          t = {formatStat(t.t, 2)}, df = {formatStat(t.df, 1)},
                        </span>{" "}
                        <span className="whitespace-nowrap">p = {formatP(t.p)}</span>{" "}
                        <span className="font-semibold" aria-label={stars(t.p) ? `significance ${stars(t.p)}` : "not significant"}>
                          {stars(t.p) || "n.s."}
                        </span>
                      </>
                    ) : (
                      <span className="text-zinc-500">not shown: {of?.problem ?? "too few queries"}</span>
                    )}
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-zinc-500">
        t &lt; 0: reasoning has the steeper (more negative) slope. * p &lt; 0.05, ** p &lt; 0.01, *** p &lt; 0.001; n.s. not significant.
        {anyCorrectness ? "" : " This dataset records no correctness, so only all queries are shown."}
      </p>
    </div>
  );
}
