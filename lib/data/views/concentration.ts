import "server-only";
import { consistently, findDataset } from "@/lib/data/store/datasets";
import { listQueries, type QuerySummary } from "@/lib/data/store/queries";
import { answerDocumentSummary, documentLabelCounts, labelEnrichment, listGroups, sourceEnrichment, taskDocuments, type GroupInfo } from "@/lib/data/store/statistics";
import { answerHits } from "@/lib/domain/answers";
import { groupColorKey, groupSet, selectGroups } from "@/lib/domain/groups";
import { enrichmentKs } from "@/lib/domain/ks";
import type { QuerySet } from "@/lib/domain/records";
import { oneLine, snippet } from "@/lib/format";
import { meanStd } from "@/lib/stats/summary";
import { concentrationViewParams, parseViewParams, type SearchParams } from "@/lib/url-state";
import { chooseRankBasis, setTests, shownAlphas } from "./power-law-fits";

export type { ShownPowerLawTest as PowerLawTest } from "./power-law-fits";

/**
 * What the Concentration view reads: source multipliers per group, power-law alpha per
 * group and subset, answer occurrence per group, and the documents most influential
 * across a task. The shaping functions are pure (exported for tests); `concentrationView`
 * does the reads and resolves the URL.
 */

/** A group as the view shows it: its key, name, size, set and colour key. */
export interface ViewGroup {
  key: string;
  kind: string;
  name: string;
  size: number;
  /** The set all its members belong to (null when mixed). */
  set: QuerySet | null;
  /** The palette's key for the group (lib/domain/groups.ts groupColorKey). */
  colorKey: string;
}

export interface MultiplierPoint {
  k: number;
  /** Documents of the source among the group's pooled top-k. */
  count: number;
  /** (count / (k × group size)) / (corpus share); 0 when no document of the source is there. */
  multiplier: number;
}

export interface MultiplierSeries {
  source: string;
  points: MultiplierPoint[];
}

export interface MultiplierPanel extends ViewGroup {
  series: MultiplierSeries[];
}

export interface CorpusSource {
  source: string;
  count: number;
  /** Percent of the corpus. */
  share: number;
}

export interface PowerLawCell {
  n: number;
  mean: number | null;
  std: number | null;
}

export type Subset = "all" | "correct" | "incorrect";
export const SUBSETS: readonly Subset[] = ["all", "correct", "incorrect"];

export interface PowerLawRow extends ViewGroup {
  cells: Record<Subset, PowerLawCell>;
}

export interface AnswerOccurrence extends ViewGroup {
  subset: Subset;
  /** Queries of the group (and subset) that have an answer. */
  withAnswer: number;
  /** Of those, queries whose answer text is in at least one of their top-k documents. */
  hits: number;
  /** 100 × hits / withAnswer; null without answers. */
  percent: number | null;
}

export interface TaskDocumentRow {
  rank: number;
  documentId: string;
  source: string;
  snippet: string | null;
  meanScore: number;
  positiveMembers: number;
  groupSize: number;
}

const byId = (queries: readonly QuerySummary[]) => new Map(queries.map((q) => [q.id, q]));

/** A group as the view shows it; `all` is every group of the dataset (for the colour key). */
export function toViewGroup(group: GroupInfo, all: readonly GroupInfo[], queries: ReadonlyMap<string, QuerySummary>): ViewGroup {
  const set = groupSet(group.queryIds.flatMap((id) => queries.get(id)?.set ?? []));
  return { key: group.key, kind: group.kind, name: group.name, size: group.queryIds.length, set, colorKey: groupColorKey(group, all) };
}

/** Multiplier series per group and source, k ascending; every corpus source gets a series. */
export function multiplierPanels(
  groups: readonly ViewGroup[],
  rows: readonly { group: string; source: string; k: number; count: number; multiplier: number }[],
  sources: readonly string[],
): MultiplierPanel[] {
  return groups.map((group) => {
    const own = rows.filter((r) => r.group === group.key);
    return {
      ...group,
      series: sources.map((source) => ({
        source,
        points: own
          .filter((r) => r.source === source)
          .map(({ k, count, multiplier }) => ({ k, count, multiplier }))
          .sort((a, b) => a.k - b.k),
      })),
    };
  });
}

const keepSubset: Record<Subset, (q: QuerySummary) => boolean> = {
  all: () => true,
  correct: (q) => q.correct === true,
  incorrect: (q) => q.correct === false,
};

/**
 * Mean and sample std of alpha per group and correctness subset (queries without a fit
 * skipped).
 *
 * @param alphaOf a query's α as shown (the fit over the chosen ranks, null where the small-data rules hide it)
 */
export function powerLawRows(
  groups: readonly GroupInfo[],
  all: readonly GroupInfo[],
  queries: readonly QuerySummary[],
  alphaOf: (q: QuerySummary) => number | null = (q) => q.alpha,
): PowerLawRow[] {
  const lookup = byId(queries);
  return groups.map((group) => {
    const members = group.queryIds.flatMap((id) => lookup.get(id) ?? []);
    const cell = (subset: Subset): PowerLawCell => {
      const alphas = members.filter(keepSubset[subset]).flatMap((q) => {
        const alpha = alphaOf(q);
        return alpha === null ? [] : [alpha];
      });
      const { mean, std, n } = meanStd(alphas);
      return { n, mean: Number.isNaN(mean) ? null : mean, std: Number.isNaN(std) ? null : std };
    };
    return { ...toViewGroup(group, all, lookup), cells: { all: cell("all"), correct: cell("correct"), incorrect: cell("incorrect") } };
  });
}

/**
 * Per group and subset: of the queries with an answer, how many have it in the text of
 * at least one of their top-k documents. Correct/incorrect rows appear only where some
 * member's correctness is known.
 */
export function answerOccurrence(groups: readonly GroupInfo[], all: readonly GroupInfo[], queries: readonly QuerySummary[]): AnswerOccurrence[] {
  const lookup = byId(queries);
  return groups.flatMap((group) => {
    const members = group.queryIds.flatMap((id) => lookup.get(id) ?? []).filter((q) => q.answerRanks !== null);
    if (members.length === 0) return [];
    const known = members.some((q) => q.correct !== null);
    const subsets: Subset[] = known ? ["all", "correct", "incorrect"] : ["all"];
    return subsets.map((subset) => {
      const { withAnswer, hits } = answerHits(members.filter(keepSubset[subset]));
      return {
        ...toViewGroup(group, all, lookup),
        subset,
        withAnswer,
        hits,
        percent: withAnswer === 0 ? null : (100 * hits) / withAnswer,
      };
    });
  });
}

/** One query's answer over the whole corpus: the best top rank of a document containing it. */
export interface AnswerDepthQuery {
  queryId: string;
  set: QuerySet;
  type: string;
  correct: boolean | null;
  answer: string;
  /** Documents of the corpus whose text contains the answer. */
  documents: number;
  /** Best (smallest) top rank among them; null when no document contains it. */
  bestRank: number | null;
}

/** The share of a set's queries (of one correctness) with an answer document within the top k, for each k. */
export interface AnswerDepthSeries {
  key: string;
  label: string;
  set: QuerySet;
  subset: Subset;
  /** Queries in the series (with an answer). */
  queries: number;
  points: { k: number; percent: number }[];
}

/** k along a log axis: 1, 2, 5, 10, 20, 50, ... up to the corpus size, and the corpus size itself. */
export function answerDepthKs(documentCount: number): number[] {
  const ks: number[] = [];
  for (let decade = 1; decade <= documentCount; decade *= 10) {
    for (const m of [1, 2, 5]) if (m * decade <= documentCount) ks.push(m * decade);
  }
  if (ks.at(-1) !== documentCount && documentCount > 0) ks.push(documentCount);
  return ks;
}

/**
 * Answers at any depth, per set (non-control queries) and correctness: of the queries
 * with an answer, the percentage with a document containing it within the top k. A
 * correct/incorrect split appears where some query's correctness is known.
 */
export function answerDepthSeries(rows: readonly AnswerDepthQuery[], controls: ReadonlySet<string>, ks: readonly number[]): AnswerDepthSeries[] {
  const known = rows.some((r) => r.correct !== null);
  const subsets: Subset[] = known ? ["correct", "incorrect"] : ["all"];
  return (["factual", "reasoning"] as const).flatMap((set) =>
    subsets.flatMap((subset) => {
      const members = rows.filter((r) => r.set === set && !controls.has(r.queryId) && (subset === "all" || r.correct === (subset === "correct")));
      if (members.length === 0) return [];
      return [{
        key: `${set}-${subset}`,
        label: subset === "all" ? set : `${set}, ${subset}`,
        set,
        subset,
        queries: members.length,
        points: ks.map((k) => ({ k, percent: (100 * members.filter((m) => m.bestRank !== null && m.bestRank <= k).length) / members.length })),
      }];
    }));
}

/** One label key's enrichment table. */
export interface LabelTable {
  key: string;
  rows: { group: ViewGroup; value: string; corpusCount: number; share: number; points: { k: number; count: number; multiplier: number }[] }[];
}

/** Label enrichment per key, then group (in the order shown), then value. */
export function labelTables(
  groups: readonly ViewGroup[],
  corpus: readonly { key: string; value: string; count: number }[],
  rows: readonly { group: string; key: string; value: string; k: number; count: number; multiplier: number }[],
  documentCount: number,
): LabelTable[] {
  const keys = [...new Set(corpus.map((c) => c.key))];
  return keys.map((key) => ({
    key,
    rows: groups.flatMap((group) =>
      corpus.filter((c) => c.key === key).map((c) => ({
        group,
        value: c.value,
        corpusCount: c.count,
        share: (100 * c.count) / documentCount,
        points: rows.filter((r) => r.group === group.key && r.key === key && r.value === c.value).map(({ k, count, multiplier }) => ({ k, count, multiplier })),
      }))),
  }));
}

/** The default task for the task-wide documents: the first reasoning type, else the first type, else the first group. */
export function defaultTask(groups: readonly ViewGroup[]): string | null {
  const types = groups.filter((g) => g.kind === "type");
  return (types.find((g) => g.set === "reasoning") ?? types[0] ?? groups[0])?.key ?? null;
}

/** Characters of a task document's text the table shows (on one line). */
const SNIPPET = 180;

/**
 * Everything the Concentration page renders for one dataset, tail, grouping and task
 * (a task that is not a group of the dataset falls back to the default, with a notice).
 * Null when the dataset does not exist.
 */
export const concentrationView = consistently(async function concentrationView(slug: string, searchParams: SearchParams) {
  const dataset = await findDataset(slug);
  if (!dataset) return null;
  const { values: options, notices } = parseViewParams(concentrationViewParams, searchParams);
  const datasetId = dataset.id;
  const [groups, queries, enrichment, documents, answerDocuments] = await Promise.all([
    listGroups(datasetId),
    listQueries(datasetId),
    sourceEnrichment(datasetId, options.tail),
    taskDocuments(datasetId, "top", 20),
    answerDocumentSummary(datasetId),
  ]);
  const [labelCorpus, labelRows] = await Promise.all([documentLabelCounts(datasetId), labelEnrichment(datasetId, options.tail)]);
  const { basis, notice: basisNotice } = chooseRankBasis(dataset.hasGlobalRanks, options.ranks);
  if (basisNotice) notices.push(basisNotice);
  const alphas = shownAlphas(queries, basis, dataset.documentCount);
  const fitted = queries.filter((q) => (basis === "global" ? q.alphaGlobal : q.alpha) !== null).length;
  const shownFits = [...alphas.values()].filter((a) => a !== null).length;
  const lookup = byId(queries);
  const allGroups = groups.map((g) => toViewGroup(g, groups, lookup));
  const shown = selectGroups(groups, options.groups);
  const shownView = shown.map((g) => toViewGroup(g, groups, lookup));
  const corpusTotal = enrichment.corpus.reduce((sum, c) => sum + c.count, 0);
  const corpus: CorpusSource[] = enrichment.corpus.map((c) => ({ ...c, share: corpusTotal ? (100 * c.count) / corpusTotal : 0 }));

  const taskKey = groups.some((g) => g.key === options.task) ? options.task : defaultTask(allGroups);
  const taskGroup = allGroups.find((g) => g.key === taskKey) ?? null;
  const taskRows: TaskDocumentRow[] = documents
    .filter((d) => d.group === taskKey)
    .map((d) => ({
      rank: d.rank, documentId: d.documentId, source: d.source, snippet: d.text ? snippet(oneLine(d.text), SNIPPET) : null,
      meanScore: d.meanScore, positiveMembers: d.positiveMembers, groupSize: taskGroup?.size ?? 0,
    }));
  const answerDepth: AnswerDepthQuery[] = answerDocuments.flatMap((a) => {
    const q = queries[a.queryIndex];
    return q && q.answer !== null ? [{ queryId: q.id, set: q.set, type: q.type, correct: q.correct, answer: q.answer, documents: a.count, bestRank: a.bestRank }] : [];
  });
  const depthKs = answerDepthKs(dataset.documentCount);
  const answerKs = [...new Set(queries.flatMap((q) => (q.answerK === null ? [] : [q.answerK])))];

  // The power-law table always leads with the two sets (as the paper's table), then the rest shown.
  const powerGroups = options.groups === "sets" ? groups.filter((g) => g.kind === "set") : [...groups.filter((g) => g.kind === "set"), ...shown.filter((g) => g.kind !== "set")];

  const taskInvalid = options.task !== "" && taskKey !== options.task;
  if (taskInvalid) notices.push(`Ignored task=${JSON.stringify(options.task)}: not a group of this dataset; showing ${taskGroup?.name ?? "the default"}.`);

  return {
    dataset,
    values: options,
    notices,
    documentCount: corpusTotal,
    corpus,
    ks: enrichmentKs(corpusTotal),
    panels: multiplierPanels(shownView, enrichment.rows, corpus.map((c) => c.source)),
    powerLaw: {
      rows: powerLawRows(powerGroups, groups, queries, (q) => alphas.get(q.id) ?? null),
      tests: setTests(queries, alphas),
      /** The ranks fitted over, and whether the other basis can be asked for. */
      basis,
      hasGlobalRanks: dataset.hasGlobalRanks,
      /** Queries with a fit, and how many of those the small-data rules show. */
      fitted,
      shown: shownFits,
    },
    answers: answerOccurrence(shown, groups, queries),
    answerK: answerKs.length ? Math.max(...answerKs) : null,
    /** Answers at any depth: per query the best rank of an answer document, and the share within k per set and correctness. */
    answerDepth: {
      ks: depthKs,
      queries: answerDepth,
      series: answerDepthSeries(answerDepth, new Set(queries.filter((q) => q.control).map((q) => q.id)), depthKs),
    },
    /**
     * Document labels against their corpus share, for the groups shown and the tail: per
     * label key, per group and value, the multiplier at each k (the source enrichment's
     * definition with the label value as the source).
     */
    labels: labelTables(shownView, labelCorpus, labelRows, dataset.documentCount),
    tasks: allGroups,
    task: taskGroup,
    taskDocuments: taskRows,
  };
});

/** The paper's row order: reasoning before factual, then the other groups as listed. */
export function orderPowerLawRows<R extends { kind: string; name: string }>(rows: readonly R[]): R[] {
  const rank = (r: R) => (r.kind === "set" ? (r.name === "reasoning" ? 0 : r.name === "factual" ? 1 : 2) : 3);
  return [...rows].sort((a, b) => rank(a) - rank(b));
}
