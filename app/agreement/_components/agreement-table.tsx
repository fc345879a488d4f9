"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { groupColor } from "@/components/palette";
import { ExportButtons } from "@/components/ui/export-buttons";
import type { AgreementTableRow } from "@/lib/data/views/agreement";
import { formatCount, formatStat } from "@/lib/format";

type SortKey = "query" | "group" | "pearson" | "spearman" | `j${number}`;

/**
 * Every shared query's agreement: Pearson, Spearman and Jaccard at each k. Column
 * headers sort (numbers descending first, undefined values last); a query id opens its
 * two rankings (q= in the URL).
 */
export function AgreementTable({ rows, ks, hrefFor, name }: {
  rows: readonly AgreementTableRow[];
  ks: readonly number[];
  /** The page's URL with q set to the query. */
  hrefFor: Record<string, string>;
  name: string;
}) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: "query", descending: false });
  const value = (row: AgreementTableRow, key: SortKey): number | string | null => {
    if (key === "query") return null;
    if (key === "group") return row.group;
    if (key === "pearson") return row.pearson;
    if (key === "spearman") return row.spearman;
    return row.jaccard[Number(key.slice(1))] ?? null;
  };
  const sorted = useMemo(() => {
    if (sort.key === "query") return sort.descending ? [...rows].reverse() : rows;
    const out = [...rows].sort((p, q) => {
      const x = value(p, sort.key);
      const y = value(q, sort.key);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const order = typeof x === "string" ? x.localeCompare(String(y)) : x - Number(y);
      return sort.descending ? -order : order;
    });
    return out;
  }, [rows, sort]);
  const exportRows = useMemo(
    () => rows.map((r) => ({
      queryId: r.queryId, group: r.group, pearson: r.pearson, spearman: r.spearman,
      ...Object.fromEntries(ks.map((k, i) => [`jaccard@${k}`, r.jaccard[i] ?? null])),
    })),
    [rows, ks],
  );
  const header = (key: SortKey, label: string, numeric: boolean) => {
    const active = sort.key === key;
    return (
      <th key={key} scope="col" aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}
        className={`px-2 py-1 font-medium ${numeric ? "text-right" : "text-left"}`}>
        <button type="button" className="hover:underline"
          onClick={() => setSort(active ? { key, descending: !sort.descending } : { key, descending: numeric })}>
          {label}{active ? (sort.descending ? " ↓" : " ↑") : ""}
        </button>
      </th>
    );
  };
  return (
    <div>
      <div className="max-h-[32rem] overflow-auto rounded border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-sm tabular-nums" aria-label="Agreement per query">
          <thead className="sticky top-0 bg-white dark:bg-zinc-950">
            <tr className="border-b border-zinc-200 dark:border-zinc-800">
              {header("query", "query", false)}
              {header("group", "group", false)}
              {header("pearson", "Pearson r", true)}
              {header("spearman", "Spearman ρ", true)}
              {ks.map((k, i) => header(`j${i}`, `Jaccard@${formatCount(k)}`, true))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.queryId} className="border-b border-zinc-100 last:border-0 dark:border-zinc-900">
                <td className="px-2 py-1">
                  <Link href={hrefFor[r.queryId]!} className="text-blue-700 underline dark:text-blue-400" title={r.prompt}>{r.queryId}</Link>
                </td>
                <td className="px-2 py-1">
                  <span aria-hidden className="mr-1 inline-block size-2 rounded-full" style={{ backgroundColor: groupColor(r.colorKey) }} />
                  {r.group}
                </td>
                <td className="px-2 py-1 text-right">{formatStat(r.pearson)}</td>
                <td className="px-2 py-1 text-right">{formatStat(r.spearman)}</td>
                {ks.map((k, i) => <td key={k} className="px-2 py-1 text-right">{formatStat(r.jaccard[i])}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-1 flex justify-end">
        <ExportButtons name={name} rows={exportRows} />
      </div>
    </div>
  );
}
