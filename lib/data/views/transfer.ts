import "server-only";
import { consistently, findDataset } from "@/lib/data/store/datasets";
import { listQueries, type QuerySummary } from "@/lib/data/store/queries";
import { blockSummaries, correlationMatrix, listGroups, storedJaccardKs } from "@/lib/data/store/statistics";
import { defaultJaccardK, fitsCorpus, JACCARD_KS, pairTopKs } from "@/lib/domain/ks";
import { heatmapOrder, orderedCells, packCells, type HeatmapBlock } from "@/components/charts/heatmap-layout";
import { parseViewParams, transferViewParams, type SearchParams } from "@/lib/url-state";
import { memoByDataset } from "@/lib/data/store/memo";
import type { CorrelationMethod } from "@/lib/domain/vocabulary";
import { pairScatter, type PairScatter } from "./transfer-pair";

export type { QuerySummary } from "@/lib/data/store/queries";
export type { PairScatter } from "./transfer-pair";

/** Prompt characters sent to the browser for the tooltip. */
const PROMPT_CHARS = 280;

/** A heatmap row (and column). */
export interface HeatmapQuery {
  id: string;
  /** Display name of its heatmap block ("slopes"). */
  group: string;
  /** The prompt, possibly shortened. */
  prompt: string;
}

/**
 * Everything the Transfer page renders for one dataset and URL: the metric (a Jaccard k
 * that is not stored falls back, with a notice), the query x query matrix in heatmap
 * order, its block summary, and the selected pair, whose scatter is a promise the page
 * streams in. Null when the dataset does not exist.
 */
export const transferView = consistently(async function transferView(slug: string, searchParams: SearchParams) {
  const dataset = await findDataset(slug);
  if (!dataset) return null;
  const { values, notices } = parseViewParams(transferViewParams, searchParams);
  const [stored, queries] = await Promise.all([storedJaccardKs(dataset.id), listQueries(dataset.id)]);
  // Datasets ingested before the tenth rule may hold a Jaccard k too large for their corpus.
  const ks = stored.filter((k) => fitsCorpus(k, dataset.documentCount));
  const sharedKs = pairTopKs(dataset.documentCount);

  // Resolve the metric: Jaccard needs a stored k.
  let method = values.method;
  let k: number | null = null;
  if (method === "jaccard") {
    const fallback = defaultJaccardK(ks);
    if (fallback === null) {
      notices.push(
        fitsCorpus(JACCARD_KS[0], dataset.documentCount)
          ? "No Jaccard matrix is stored for this dataset; showing Pearson r."
          : `Jaccard overlap of top-k sets needs k at most a tenth of the documents; with ${dataset.documentCount} documents not even k = ${JACCARD_KS[0]} fits. Showing Pearson r.`,
      );
      method = "pearson";
    } else if (values.k !== undefined && !ks.includes(values.k)) {
      notices.push(`Ignored k=${values.k}: Jaccard overlap is stored for k in {${ks.join(", ")}}; showing k=${fallback}.`);
      k = fallback;
    } else k = values.k ?? fallback;
  } else if (values.k !== undefined) {
    notices.push(`Ignored k=${values.k}: k applies to the Jaccard metric only.`);
  }

  const heatmap = await heatmapOf(dataset.id, method, k ?? 0);

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
  const base = {
    dataset,
    notices,
    /** The metric shown: Jaccard needs a stored k (method=jaccard only), else Pearson is shown. */
    metric: { method, k },
    /** Top-k sizes with a stored Jaccard matrix that fit the corpus (the metric switch). */
    jaccardKs: ks,
    /** Top-k sizes a pair's shared top documents are listed for (at most a tenth of the documents). */
    sharedKs,
    a: a?.id ?? "",
    b: b?.id ?? "",
    top: values.top,
    extent: values.extent,
  };
  if (!heatmap) return { ...base, heatmap: null };

  const { queries: heatmapQueries, cells, rowOf } = heatmap;
  const size = heatmapQueries.length;
  const selected = a && b ? { row: rowOf.get(a.id) ?? -1, col: rowOf.get(b.id) ?? -1 } : null;
  // Its scatter reads a byte a document of both queries: a promise the page streams in.
  const pair: TransferPair | null =
    a && b && selected
      ? { a, b, value: cells[selected.row * size + selected.col] ?? null, scatter: pairScatter(dataset.id, a.index, b.index, sharedKs.includes(values.top) ? values.top : (sharedKs.at(-1) ?? values.top), values.extent) }
      : null;

  return {
    ...base,
    heatmap: { queries: heatmapQueries, packedCells: heatmap.packedCells, blocks: heatmap.blocks, selected },
    summary: heatmap.summary,
    pair,
  };
});

/**
 * What the page shows of one stored matrix: the heatmap (queries, cells and blocks in
 * heatmap order) and the block summary; null when the matrix is not stored. The same for
 * every request of a dataset id, and costly enough per page view (10,000 cells reordered
 * and rounded) to build once per process.
 */
const heatmapOf = memoByDataset(async (datasetId: number, method: CorrelationMethod, k: number) => {
  const [matrix, blocks, groups, queries] = await Promise.all([
    correlationMatrix(datasetId, method, k),
    blockSummaries(datasetId, method, k),
    listGroups(datasetId),
    listQueries(datasetId),
  ]);
  if (!matrix || matrix.queryIds.length === 0) return null;
  const { order, blocks: heatmapBlocks } = heatmapOrder(groups, queries.map((q) => q.id));
  const groupOf = new Map(heatmapBlocks.flatMap((block) => order.slice(block.start, block.end).map((id) => [id, block.name] as const)));
  const prompts = new Map(queries.map((q) => [q.id, q.prompt]));
  const heatmapQueries: HeatmapQuery[] = order.map((id) => {
    const prompt = prompts.get(id) ?? "";
    return { id, group: groupOf.get(id) ?? "", prompt: prompt.length > PROMPT_CHARS ? `${prompt.slice(0, PROMPT_CHARS)}…` : prompt };
  });
  // Four decimals are plenty for a colour and a three-decimal tooltip.
  const cells = orderedCells(matrix, order, 4);
  return {
    queries: heatmapQueries,
    /** Row-major values in heatmap order; null where undefined (a zero-variance query). */
    cells,
    /** The same, as the browser gets them (packCells). */
    packedCells: packCells(cells),
    blocks: heatmapBlocks satisfies HeatmapBlock[],
    /** Each query's row (and column). */
    rowOf: new Map(order.map((id, i) => [id, i])),
    /** Mean values within and between groups. */
    summary: { groups: groups.map((g) => ({ key: g.key, name: g.name, size: g.queryIds.length })), rows: blocks },
  };
}, 16);

/** The selected cell: both queries, the heatmap's value there, and their scatter to await. */
export interface TransferPair {
  a: QuerySummary;
  b: QuerySummary;
  value: number | null;
  scatter: Promise<PairScatter | null>;
}
