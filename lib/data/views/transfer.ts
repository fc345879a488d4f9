import "server-only";
import { consistently, findDataset } from "@/lib/data/store/datasets";
import { listQueries, type QuerySummary } from "@/lib/data/store/queries";
import { blockSummaries, correlationMatrix, listGroups, storedJaccardKs } from "@/lib/data/store/statistics";
import { defaultJaccardK, fitsCorpus, JACCARD_KS, pairTopKs } from "@/lib/domain/ks";
import { heatmapOrder, orderedCells, type HeatmapBlock } from "@/components/charts/heatmap-layout";
import { parseViewParams, transferViewParams, type SearchParams } from "@/lib/url-state";
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
  const [groups, stored, queries] = await Promise.all([listGroups(dataset.id), storedJaccardKs(dataset.id), listQueries(dataset.id)]);
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
  if (!matrix || matrix.queryIds.length === 0) return { ...base, heatmap: null };

  const { order, blocks: heatmapBlocks } = heatmapOrder(groups, queries.map((q) => q.id));
  const groupOf = new Map(heatmapBlocks.flatMap((block) => order.slice(block.start, block.end).map((id) => [id, block.name] as const)));
  const size = order.length;
  // Four decimals are plenty for a colour and a three-decimal tooltip, and halve the payload.
  const cells = orderedCells(matrix, order, 4);
  const heatmapQueries: HeatmapQuery[] = order.map((id) => {
    const prompt = byId.get(id)?.prompt ?? "";
    return { id, group: groupOf.get(id) ?? "", prompt: prompt.length > PROMPT_CHARS ? `${prompt.slice(0, PROMPT_CHARS)}…` : prompt };
  });
  const selected = a && b ? { row: order.indexOf(a.id), col: order.indexOf(b.id) } : null;
  // Its scatter reads two whole score columns: a promise the page streams in.
  const pair: TransferPair | null =
    a && b && selected
      ? { a, b, value: cells[selected.row * size + selected.col] ?? null, scatter: pairScatter(dataset.id, a.index, b.index, sharedKs.includes(values.top) ? values.top : (sharedKs.at(-1) ?? values.top)) }
      : null;

  return {
    ...base,
    heatmap: {
      queries: heatmapQueries,
      /** Row-major values in heatmap order; null where undefined (a zero-variance query). */
      cells,
      blocks: heatmapBlocks satisfies HeatmapBlock[],
      selected,
    },
    /** Mean values within and between groups. */
    summary: { groups: groups.map((g) => ({ key: g.key, name: g.name, size: g.queryIds.length })), rows: blocks },
    pair,
  };
});

/** The selected cell: both queries, the heatmap's value there, and their scatter to await. */
export interface TransferPair {
  a: QuerySummary;
  b: QuerySummary;
  value: number | null;
  scatter: Promise<PairScatter | null>;
}
