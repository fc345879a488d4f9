import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { Notices } from "@/components/ui/notice";
import { transferView } from "@/lib/data/views/transfer";
import { formatCount } from "@/lib/format";
import type { SearchParams } from "@/lib/url-state";
import { BlockSummary } from "./_components/block-summary";
import { metricName, type TransferState } from "./_components/href";
import { MatrixTable } from "./_components/matrix-table";
import { MetricSwitch } from "./_components/metric-switch";
import { PairPanel } from "./_components/pair-panel";
import { TransferHeatmap } from "./_components/transfer-heatmap";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Transfer · ${(await params).slug}` };
}

export default async function TransferPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const view = await transferView(slug, await searchParams);
  if (!view) notFound();
  const { dataset, notices } = view;
  const { method, k } = view.metric;
  const metric = metricName(method, k);
  const state: TransferState = { method, k, a: view.a, b: view.b, top: view.top, extent: view.extent };

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
      <MetricSwitch slug={slug} state={state} jaccardKs={view.jaccardKs} />
    </div>
  );

  if (!view.heatmap) {
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

  const { heatmap, pair } = view;
  const stem = `${slug}-${method}${k ? `-k${k}` : ""}`;

  return (
    <div>
      <Notices notices={notices} />
      {header}
      <section aria-labelledby="heatmap-heading" className="mt-4">
        <h3 id="heatmap-heading" className="sr-only">Query by query heatmap</h3>
        <TransferHeatmap queries={heatmap.queries} cells={heatmap.packedCells} blocks={heatmap.blocks} metric={metric} selected={heatmap.selected} dataset={slug} />
        <MatrixTable name={`${stem}-matrix`} metric={metric} queries={heatmap.queries} cells={heatmap.packedCells} />
      </section>

      <section aria-labelledby="pair-heading" className="mt-8">
        <h3 id="pair-heading" className="text-lg font-semibold">
          {pair ? `Selected pair: ${pair.a.id} × ${pair.b.id}` : "Selected pair"}
        </h3>
        {pair ? (
          <Suspense
            key={`${pair.a.id}|${pair.b.id}|${view.top}`}
            fallback={<p role="status" className="mt-2 text-sm text-zinc-500">Reading both queries&apos; scores over {formatCount(dataset.documentCount)} documents…</p>}
          >
            <div className="mt-2">
              <PairPanel slug={slug} pair={pair} state={state} metric={metric} sharedKs={view.sharedKs} />
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
        <BlockSummary name={`${stem}-blocks`} metric={metric} groups={view.summary.groups} rows={view.summary.rows} />
      </section>
    </div>
  );
}
