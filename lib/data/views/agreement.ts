import "server-only";
import { listDatasets, type Dataset } from "@/lib/data/store/datasets";
import { documentAlignment, documentsByIndex } from "@/lib/data/store/documents";
import { listQueries } from "@/lib/data/store/queries";
import { listGroups, type GroupInfo } from "@/lib/data/store/statistics";
import { groupColorKey, groupLabel } from "@/lib/domain/groups";
import { DISAGREEMENT_TOP_K } from "@/lib/domain/ks";
import { oneLine } from "@/lib/format";
import { meanCurve, rankComparison, type RankPair } from "@/lib/stats/agreement";
import { meanStd } from "@/lib/stats/summary";
import { agreementViewParams, parseViewParams, type SearchParams } from "@/lib/url-state";
import { alignedScores, datasetAgreement, type PairAgreement } from "./agreement-stats";
import { datasetRetrieval, type DatasetRetrieval } from "./retrieval";

export type { PairAgreement } from "./agreement-stats";

/**
 * The agreement view (/agreement?a=&b=&q=): two datasets' per-query agreement (stored,
 * see ./agreement-stats), summarised by query group, and for one chosen query both
 * rankings side by side with the documents they disagree about most.
 */

/** Documents listed per method for the chosen query. */
export const LIST_TOP = 20;
/** Disagreements listed per direction. */
export const DISAGREEMENTS = 10;
/** Characters of a prompt shown in the table. */
const PROMPT_CHARS = 80;

export interface DatasetChoice {
  slug: string;
  name: string;
  method: string | null;
  model: string | null;
}

/** One query group's summary of the per-query statistics (dataset a's groups). */
export interface AgreementGroup {
  key: string;
  /** For reading: "factual", "slopes", "reasoning control". */
  label: string;
  /** components/palette.ts groupColor key. */
  colorKey: string;
  /** Shared queries of the group, in a's order. */
  queryIds: string[];
  meanPearson: number | null;
  meanSpearman: number | null;
  /** Mean Jaccard overlap per k of the agreement's ks (null where no query has a value). */
  jaccard: { k: number; mean: number | null; n: number }[];
}

/** A row of the per-query table. */
export interface AgreementTableRow {
  queryId: string;
  /** The query's own group: its task type, control group or set (label). */
  group: string;
  colorKey: string;
  prompt: string;
  pearson: number | null;
  spearman: number | null;
  /** One per k of the agreement's ks. */
  jaccard: (number | null)[];
}

/** A document of the chosen query, placed by both methods (ranks among the shared documents). */
export interface PlacedDocument {
  documentId: string;
  source: string;
  rankA: number;
  rankB: number;
  scoreA: number;
  scoreB: number;
}

export interface QueryComparison {
  queryId: string;
  prompt: string;
  /** A's top LIST_TOP documents, with B's rank; and B's. */
  topA: PlacedDocument[];
  topB: PlacedDocument[];
  /** Documents in A's top DISAGREEMENT_TOP_K that B ranks lowest; and the reverse. */
  lowInB: PlacedDocument[];
  lowInA: PlacedDocument[];
  disagreementTop: number;
  documentsShared: number;
}

export interface AgreementPage {
  notices: string[];
  datasets: DatasetChoice[];
  /** The URL's a and b when they name datasets (pickers show them), else "". */
  slugA: string;
  slugB: string;
  a: DatasetChoice | null;
  b: DatasetChoice | null;
  agreement: PairAgreement | null;
  groups: AgreementGroup[];
  rows: AgreementTableRow[];
  /** The chosen query's value in the URL when it is a shared query, else "". */
  queryId: string;
  query: QueryComparison | null;
  /** Each dataset's evaluation against its own ground truth (null for one without). */
  retrieval: { a: DatasetRetrieval | null; b: DatasetRetrieval | null };
  /** A comparable pair to suggest when none is chosen (two methods over one corpus). */
  suggestion: { a: string; b: string } | null;
}

const choice = (d: Pick<Dataset, "slug" | "name" | "method" | "model">): DatasetChoice => ({ slug: d.slug, name: d.name, method: d.method, model: d.model });
const orNull = (v: number) => (Number.isNaN(v) ? null : v);

/** The group a query's table row names: its task type, else its control group, else its set. */
function homeGroup(groups: readonly GroupInfo[], queryId: string): GroupInfo | undefined {
  const containing = groups.filter((g) => g.queryIds.includes(queryId));
  return containing.find((g) => g.kind === "type") ?? containing.find((g) => g.kind === "control") ?? containing[0];
}

/**
 * A pair of datasets likely to be comparable: two whose slugs share a prefix up to a dash
 * (demo-7b and demo-7b-trak), else the first two.
 */
function suggestPair(datasets: DatasetChoice[]): { a: string; b: string } | null {
  for (const x of datasets) {
    const y = datasets.find((d) => d.slug !== x.slug && d.slug.startsWith(`${x.slug}-`));
    if (y) return { a: x.slug, b: y.slug };
  }
  return datasets.length >= 2 ? { a: datasets[0]!.slug, b: datasets[1]!.slug } : null;
}

/**
 * One query's two rankings over the shared documents and its largest disagreements,
 * from the two score columns (read on request: one query, two columns).
 */
async function compareQuery(a: Dataset, b: Dataset, queryId: string, indexA: number, indexB: number, prompt: string): Promise<QueryComparison | null> {
  const alignment = await documentAlignment(a.id, b.id);
  const scores = await alignedScores(a, b, alignment, [{ ia: indexA, ib: indexB }]);
  if (!scores) return null;
  const { x, y } = scores[0]!;
  const compared = rankComparison(x, y, { top: LIST_TOP, disagreementTop: DISAGREEMENT_TOP_K, limit: DISAGREEMENTS });
  const all = [...compared.topA, ...compared.topB, ...compared.lowInB, ...compared.lowInA];
  // Aligned index -> a's document index (the same when both list the same documents).
  const docIndex = (i: number) => (alignment.pairs ? alignment.pairs.ia[i]! : i);
  const documents = await documentsByIndex(a.id, [...new Set(all.map((p) => docIndex(p.index)))]);
  const byIdx = new Map(documents.map((d) => [d.idx, d]));
  const place = (p: RankPair): PlacedDocument => {
    const doc = byIdx.get(docIndex(p.index));
    return {
      documentId: doc?.externalId ?? `#${docIndex(p.index)}`,
      source: doc?.source ?? "unknown",
      rankA: p.rankA,
      rankB: p.rankB,
      scoreA: x[p.index]!,
      scoreB: y[p.index]!,
    };
  };
  return {
    queryId,
    prompt,
    topA: compared.topA.map(place),
    topB: compared.topB.map(place),
    lowInB: compared.lowInB.map(place),
    lowInA: compared.lowInA.map(place),
    disagreementTop: Math.min(DISAGREEMENT_TOP_K, x.length),
    documentsShared: x.length,
  };
}

/**
 * The agreement page for a URL. Bad or unknown parameters fall back (no pair, no query)
 * with a notice saying why; an incomparable pair is a notice too, and the pickers stay.
 */
export async function agreementView(searchParams: SearchParams): Promise<AgreementPage> {
  const { values, notices } = parseViewParams(agreementViewParams, searchParams);
  const all = (await listDatasets()).map(choice);
  const page: AgreementPage = {
    notices, datasets: all, slugA: "", slugB: "", a: null, b: null, agreement: null,
    groups: [], rows: [], queryId: "", query: null, retrieval: { a: null, b: null }, suggestion: suggestPair(all),
  };
  for (const name of ["a", "b"] as const) {
    const slug = values[name];
    if (!slug) continue;
    const found = all.find((d) => d.slug === slug);
    if (found) {
      page[name] = found;
      page[name === "a" ? "slugA" : "slugB"] = slug;
    } else notices.push(`Ignored ${name}=${JSON.stringify(slug)}: no such dataset; choose one below.`);
  }
  if (!page.a || !page.b) {
    if (values.q) notices.push(`Ignored q=${JSON.stringify(values.q)}: choose two datasets first.`);
    return page;
  }

  const result = await datasetAgreement(page.a.slug, page.b.slug);
  if (!result.ok) {
    notices.push(`${result.error}.`);
    return page;
  }
  const { a, b, agreement } = result;
  page.agreement = agreement;

  const [groups, queriesA, queriesB, retrievalA, retrievalB] = await Promise.all([
    listGroups(a.id), listQueries(a.id), listQueries(b.id), datasetRetrieval(a), datasetRetrieval(b),
  ]);
  page.retrieval = { a: retrievalA, b: retrievalB };
  const byId = new Map(agreement.rows.map((r) => [r.queryId, r]));
  const promptOf = new Map(queriesA.map((q) => [q.id, q]));
  page.groups = groups.flatMap((g) => {
    const members = g.queryIds.filter((id) => byId.has(id));
    if (members.length === 0) return [];
    const rows = members.map((id) => byId.get(id)!);
    const mean = (values: (number | null)[]) => {
      const { mean, n } = meanStd(values.filter((v): v is number => v !== null));
      return n > 0 ? orNull(mean) : null;
    };
    return [{
      key: g.key,
      label: groupLabel(g),
      colorKey: groupColorKey(g, groups),
      queryIds: members,
      meanPearson: mean(rows.map((r) => r.pearson)),
      meanSpearman: mean(rows.map((r) => r.spearman)),
      jaccard: meanCurve(rows, agreement.ks).map((p) => ({ k: p.k, mean: orNull(p.mean), n: p.n })),
    }];
  });
  page.rows = agreement.rows.map((r) => {
    const home = homeGroup(groups, r.queryId);
    const prompt = oneLine(promptOf.get(r.queryId)?.prompt ?? "");
    return {
      queryId: r.queryId,
      group: home ? groupLabel(home) : "",
      colorKey: home ? groupColorKey(home, groups) : "",
      prompt: prompt.length > PROMPT_CHARS ? `${prompt.slice(0, PROMPT_CHARS - 1)}…` : prompt,
      pearson: r.pearson,
      spearman: r.spearman,
      jaccard: r.jaccard,
    };
  });

  if (values.q) {
    const qa = promptOf.get(values.q);
    const qb = queriesB.find((q) => q.id === values.q);
    if (!qa || !qb || !byId.has(values.q)) {
      notices.push(`Ignored q=${JSON.stringify(values.q)}: not a query both ${a.slug} and ${b.slug} have; choose one below.`);
    } else {
      page.queryId = qa.id;
      page.query = await compareQuery(a, b, qa.id, qa.index, qb.index, oneLine(qa.prompt));
    }
  }
  return page;
}

