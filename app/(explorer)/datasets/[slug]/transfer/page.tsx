import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { Notices } from "@/components/ui/notice";
import { findDataset } from "@/lib/data/datasets";
import { listQueries } from "@/lib/data/queries";
import { blockSummaries, correlationMatrix, jaccardKs, listGroups } from "@/lib/data/statistics";
import { formatCount } from "@/lib/format";
import { heatmapOrder } from "@/components/charts/heatmap-layout";
import { parseViewParams, transferViewParams, type SearchParams } from "@/lib/url-state";
import { BlockSummary } from "./_components/block-summary";
import { metricName, type TransferState } from "./_components/href";
import { MatrixTable } from "./_components/matrix-table";
import { MetricSwitch } from "./_components/metric-switch";
import { PairPanel } from "./_components/pair-panel";
import { TransferHeatmap, type HeatmapQuery } from "./_components/transfer-heatmap";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

/** Prompt characters sent to the browser for the tooltip. */
const PROMPT_CHARS = 280;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Transfer · ${(await params).slug}` };
}

export default async function TransferPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { values, notices } = parseViewParams(transferViewParams, await searchParams);
  const dataset = await findDataset(slug);
  if (!dataset) notFound();
  const [groups, ks, queries] = await Promise.all([listGroups(dataset.id), jaccardKs(dataset.id), listQueries(dataset.id)]);

  // Resolve the metric: Jaccard needs a stored k.
  let method = values.method;
  let k: number | null = null;
  if (method === "jaccard") {
    const fallback = ks.find((v) => v >= 500) ?? ks.at(-1) ?? null;
    if (fallback === null) {
      notices.push("No Jaccard matrix is stored for this dataset; showing Pearson r.");
      method = "pearson";
    } else if (values.k !== undefined && !ks.includes(values.k)) {
      notices.push(`Ignored k=${values.k}: Jaccard overlap is stored for k in {${ks.join(", ")}}; showing k=${fallback}.`);
      k = fallback;
    } else k = values.k ?? fallback;
  } else if (values.k !== undefined) {
    notices.push(`Ignored k=${values.k}: k applies to the Jaccard metric only.`);
  }
  const metric = metricName(method, k);

  const [matrix, blocks] = await Promise.all([correlationMatrix(dataset.id, method, k ?? 0), blockSummaries(dataset.id, method, k ?? 0)]);

  // The selected pair: both ids must name queries of this dataset.
  const byId = new Map(queries.map((q) => [q.id, q]));
  let a = values.a ? byId.get(values.a) ?? null : null;
  let b = values.b ? byId.get(values.b) ?? null : null;
  if (values.a && !a) notices.push(`Ignored a=${JSON.stringify(values.a)}: no such query in this dataset.`);
  if (values.b && !b) notices.push(`Ignored b=${JSON.stringify(values.b)}: no such query in this dataset.`);
  if ((a && !b) || (!a && b)) {
    if (values.a && values.b) notices.push("A pair needs two valid queries; no cell is selected.");
    else notices.push("A selected cell needs both a= and b=; no cell is selected.");
    a = null;
    b = null;
  }
  const state: TransferState = { method, k, a: a?.id ?? "", b: b?.id ?? "", top: values.top };

  const header = (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h2 className="text-xl font-semibold tracking-tight">Transfer</h2>
        <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Does influence transfer between queries? Each cell compares two queries&apos; scores over all{" "}
          {formatCount(dataset.documentCount)} documents. Bright blocks on the diagonal mean the same documents help every
          query of a task (as for reasoning in Ruis et al.); a pale block means each query draws on its own documents.
        </p>
      </div>
      <MetricSwitch slug={slug} state={state} jaccardKs={ks} />
    </div>
  );

  if (!matrix || matrix.queryIds.length === 0) {
    return (
      <div>
        <Notices notices={notices} />
        {header}
        <p className="mt-6 rounded border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">
          No {metric} matrix is stored for this dataset. Re-ingest it to compute the correlations.
        </p>
      </div>
    );
  }

  const { order, blocks: heatmapBlocks } = heatmapOrder(groups, queries.map((q) => q.id));
  const position = new Map(matrix.queryIds.map((id, i) => [id, i]));
  const groupOf = new Map(heatmapBlocks.flatMap((block) => order.slice(block.start, block.end).map((id) => [id, block.name] as const)));
  const size = order.length;
  const cells: (number | null)[] = new Array(size * size);
  order.forEach((rowId, i) => {
    const row = matrix.matrix[position.get(rowId) ?? -1];
    order.forEach((colId, j) => {
      const v = row?.[position.get(colId) ?? -1];
      // Four decimals are plenty for a colour and a three-decimal tooltip, and halve the payload.
      cells[i * size + j] = v === null || v === undefined ? null : Math.round(v * 1e4) / 1e4;
    });
  });
  const heatmapQueries: HeatmapQuery[] = order.map((id) => {
    const prompt = byId.get(id)?.prompt ?? "";
    return { id, group: groupOf.get(id) ?? "", prompt: prompt.length > PROMPT_CHARS ? `${prompt.slice(0, PROMPT_CHARS)}…` : prompt };
  });
  const selected = a && b ? { row: order.indexOf(a.id), col: order.indexOf(b.id) } : null;
  const selectedValue = selected ? cells[selected.row * size + selected.col] ?? null : null;
  const summaryGroups = groups.map((g) => ({ key: g.key, name: g.name, size: g.queryIds.length }));
  const stem = `${slug}-${method}${k ? `-k${k}` : ""}`;

  return (
    <div>
      <Notices notices={notices} />
      {header}
      <section aria-labelledby="heatmap-heading" className="mt-4">
        <h3 id="heatmap-heading" className="sr-only">Query by query heatmap</h3>
        <TransferHeatmap queries={heatmapQueries} values={cells} blocks={heatmapBlocks} metric={metric} selected={selected} />
        <MatrixTable name={`${stem}-matrix`} metric={metric} queries={heatmapQueries} values={cells} />
      </section>

      <section aria-labelledby="pair-heading" className="mt-8">
        <h3 id="pair-heading" className="text-lg font-semibold">
          {a && b ? `Selected pair: ${a.id} × ${b.id}` : "Selected pair"}
        </h3>
        {a && b ? (
          <Suspense
            key={`${a.id}|${b.id}|${values.top}`}
            fallback={<p role="status" className="mt-2 text-sm text-zinc-500">Reading both queries&apos; scores over {formatCount(dataset.documentCount)} documents…</p>}
          >
            <div className="mt-2">
              <PairPanel slug={slug} datasetId={dataset.id} a={a} b={b} state={state} metric={metric} value={selectedValue} />
            </div>
          </Suspense>
        ) : (
          <p className="mt-2 rounded border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700">
            Click a cell (or focus the heatmap, move with the arrow keys and press Enter) to compare two queries: a scatter of
            their scores over every document and the documents in both of their top lists.
          </p>
        )}
      </section>

      <section aria-labelledby="blocks-heading" className="mt-8">
        <h3 id="blocks-heading" className="text-lg font-semibold">Block summary</h3>
        <BlockSummary name={`${stem}-blocks`} metric={metric} groups={summaryGroups} rows={blocks} />
      </section>
    </div>
  );
}
