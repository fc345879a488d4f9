import "server-only";
import { heatmapOrder, orderedCells, type HeatmapBlock } from "@/components/charts/heatmap-layout";
import { consistently, findDataset } from "@/lib/data/store/datasets";
import { listQueries } from "@/lib/data/store/queries";
import { correlationMatrix, listGroups, powerLaw, sourceEnrichment, type PowerLawTest } from "@/lib/data/store/statistics";
import { enrichmentKs } from "@/lib/domain/ks";
import { multiplierPanels, powerLawRows, toViewGroup, type MultiplierPanel, type PowerLawRow } from "./concentration";
import { distributionData } from "./distribution";

/**
 * The Compare view's paper layouts for two datasets (two models, as in Ruis et al.):
 * each model's query x query Pearson heatmap, its source multipliers for the factual
 * and the reasoning set, both sets' coverage curves and the power-law table. Only
 * precomputed rows are read (the heatmap is the stored matrix).
 */

/** The two query sets the paper contrasts, in its order. */
const SETS = ["set:factual", "set:reasoning"] as const;

export interface PaperModel {
  slug: string;
  name: string;
  model: string | null;
  documentCount: number;
  /** Pearson r in heatmap order (null where undefined); null when no matrix is stored. */
  heatmap: { queries: { id: string; group: string }[]; cells: (number | null)[]; blocks: HeatmapBlock[] } | null;
  /** Top-k source multipliers of the two sets (k up to a tenth of the corpus); empty panels for a small corpus. */
  multipliers: { ks: number[]; panels: MultiplierPanel[] };
  /** Coverage of positive influence (percent) per set, top 0.2 … 20%. */
  coverage: { key: string; name: string; colorKey: string; size: number; points: { percentile: number; meanCount: number; mean: number; std: number | null; n: number }[] }[];
  /** Power-law alpha per set and the stored Welch t-test between them (all queries). */
  powerLaw: { rows: PowerLawRow[]; test: PowerLawTest | null };
}

const paperModel = consistently(async function paperModel(slug: string): Promise<PaperModel | null> {
  const dataset = await findDataset(slug);
  if (!dataset) return null;
  const [groups, queries, matrix, enrichment, power, distribution] = await Promise.all([
    listGroups(dataset.id),
    listQueries(dataset.id),
    correlationMatrix(dataset.id, "pearson"),
    sourceEnrichment(dataset.id, "top"),
    powerLaw(dataset.id),
    distributionData(dataset.id, "positive", "percent"),
  ]);
  const sets = SETS.flatMap((key) => groups.find((g) => g.key === key) ?? []);
  const lookup = new Map(queries.map((q) => [q.id, q]));
  const views = sets.map((g) => toViewGroup(g, groups, lookup));

  let heatmap: PaperModel["heatmap"] = null;
  if (matrix && matrix.queryIds.length > 0) {
    const { order, blocks } = heatmapOrder(groups, queries.map((q) => q.id));
    const groupOf = new Map(blocks.flatMap((block) => order.slice(block.start, block.end).map((id) => [id, block.name] as const)));
    heatmap = { queries: order.map((id) => ({ id, group: groupOf.get(id) ?? "" })), cells: orderedCells(matrix, order), blocks };
  }

  const ks = enrichmentKs(enrichment.corpus.reduce((s, c) => s + c.count, 0));
  const tests = (power.tests ?? []) as PowerLawTest[];
  return {
    slug: dataset.slug,
    name: dataset.name,
    model: dataset.model,
    documentCount: dataset.documentCount,
    heatmap,
    multipliers: { ks, panels: ks.length ? multiplierPanels(views, enrichment.rows, enrichment.corpus.map((c) => c.source)) : [] },
    coverage: views.map((g) => ({
      key: g.key,
      name: g.name,
      colorKey: g.colorKey,
      size: g.size,
      points: distribution.points
        .filter((p) => p.group === g.key && p.percentile <= 20)
        .map(({ percentile, meanCount, mean, std, n }) => ({ percentile, meanCount, mean, std, n })),
    })),
    powerLaw: { rows: powerLawRows(sets, groups, queries), test: tests.find((t) => t.subset === "all") ?? null },
  };
});

/** Both models' paper layouts (null for a dataset that does not exist). */
export async function paperLayouts(slugs: readonly [string, string]): Promise<[PaperModel | null, PaperModel | null]> {
  const [a, b] = await Promise.all(slugs.map((slug) => paperModel(slug)));
  return [a ?? null, b ?? null];
}
