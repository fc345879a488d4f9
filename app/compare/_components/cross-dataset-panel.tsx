import { ExportButtons } from "@/components/ui/export-buttons";
import type { CompareSide, CrossDataset } from "@/lib/data/views/compare";
import { formatCount, formatStat } from "@/lib/format";

/**
 * Two queries with the same prompt in two datasets: Pearson r of their scores over the
 * documents both datasets hold, and how their magnitudes compare at the top.
 * Stored once per pair (the first request reads both queries' full score columns): the
 * compare view's promise, awaited here under a Suspense boundary.
 */
export async function CrossDatasetPanel({ a, b, cross }: { a: CompareSide; b: CompareSide; cross: Promise<CrossDataset | null> }) {
  const result = await cross;
  if (!result) {
    return (
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        The two datasets share no document ids, so the scores cannot be paired document by document.
      </p>
    );
  }
  const rows = [
    { statistic: "Pearson r across datasets", value: result.pearson, detail: `over ${formatCount(result.sharedDocuments)} shared documents` },
    { statistic: "Median |A| / |B| at equal rank", value: result.rankRatio, detail: `ranks 1–${formatCount(result.n)}: A's k-th largest score over B's` },
    { statistic: "Median |A| / |B| of the same document", value: result.documentRatio, detail: `over A's top ${formatCount(result.n)} documents` },
  ];
  return (
    <div className="mt-2">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Same prompt in {a.dataset.name} (A, {a.query!.id}) and {b.dataset.name} (B, {b.query!.id}).
      </p>
      <dl className="mt-3 grid gap-3 sm:grid-cols-3" aria-label="Cross-dataset statistics">
        {rows.map((r) => (
          <div key={r.statistic} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <dt className="text-sm text-zinc-600 dark:text-zinc-400">{r.statistic}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{formatStat(r.value, 3)}</dd>
            <dd className="text-xs text-zinc-500 dark:text-zinc-400">{r.detail}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-2 flex justify-end">
        <ExportButtons name="compare-cross-dataset" rows={rows.map((r) => ({ ...r, sharedDocuments: result.sharedDocuments, n: result.n }))} />
      </div>
    </div>
  );
}
