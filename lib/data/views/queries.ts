import "server-only";
import { consistently, findDataset } from "@/lib/data/store/datasets";
import { listQueries, type QuerySummary } from "@/lib/data/store/queries";
import { percentileFits, TOP_SHARE_PERCENTILE } from "@/lib/domain/ks";
import { parseViewParams, queriesViewParams, type QuerySortKey, type SearchParams, type SortDirection } from "@/lib/url-state";

import { queryFit } from "./power-law-fits";

export type { QuerySummary } from "@/lib/data/store/queries";

type Filters = ReturnType<typeof parseViewParams<typeof queriesViewParams>>["values"];

function matches(q: QuerySummary, f: Filters): boolean {
  if (f.set !== "all" && q.set !== f.set) return false;
  if (f.type && q.type !== f.type) return false;
  if (f.control === "yes" && !q.control) return false;
  if (f.control === "no" && q.control) return false;
  if (f.correct === "yes" && q.correct !== true) return false;
  if (f.correct === "no" && q.correct !== false) return false;
  if (f.correct === "unknown" && q.correct !== null) return false;
  const needle = f.search.trim().toLowerCase();
  if (needle) {
    const haystack = [q.id, q.prompt, q.completion, q.answer ?? ""].join("\n").toLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  return true;
}

/** Columns whose shown value is not the stored one (the small-data rules hide some), by column. */
export type ShownValues = Partial<Record<QuerySortKey, (q: QuerySummary) => number | null>>;

/** A query's value in a sortable column; null sorts last in either direction. */
function sortValue(q: QuerySummary, key: QuerySortKey, shown: ShownValues): string | number | null {
  const override = shown[key];
  if (override) return override(q);
  switch (key) {
    case "id":
    case "set":
    case "type":
      return q[key];
    case "correct":
      return q.correct === null ? null : Number(q.correct);
    case "answer":
      // Best first when ascending: the answer's first rank, then "not in the top k".
      if (q.answerK === null) return null;
      return q.answerRanks?.length ? q.answerRanks[0]! : Number.POSITIVE_INFINITY;
    default:
      return q[key] ?? null;
  }
}

const collator = new Intl.Collator("en", { numeric: true });

/**
 * Queries sorted by a column: numbers numerically, text in natural order ("q2" before
 * "q10"); missing values last whichever the direction; equal values keep the dataset's
 * order (a stable sort), so a second click reverses only what differs.
 *
 * @param key the column ("" = the dataset's order, unchanged)
 * @param shown the values a column shows where they differ from the stored ones
 */
export function sortQueries(queries: readonly QuerySummary[], key: QuerySortKey | "", dir: SortDirection, shown: ShownValues = {}): QuerySummary[] {
  if (key === "") return [...queries];
  const sign = dir === "asc" ? 1 : -1;
  return queries
    .map((q) => ({ q, value: sortValue(q, key, shown) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
      if (typeof a.value === "string" || typeof b.value === "string") return sign * collator.compare(String(a.value), String(b.value));
      return a.value === b.value ? 0 : sign * (a.value < b.value ? -1 : 1);
    })
    .map(({ q }) => q);
}

/**
 * The Queries page: a dataset's queries and those matching the URL's filters (a task
 * type the dataset lacks is ignored, with a notice). Null when the dataset does not exist.
 */
export const queriesView = consistently(async function queriesView(slug: string, searchParams: SearchParams) {
  const dataset = await findDataset(slug);
  if (!dataset) return null;
  const { values, notices } = parseViewParams(queriesViewParams, searchParams);
  const queries = await listQueries(dataset.id);
  const types = [...new Set(queries.map((q) => q.type))].sort();
  if (values.type && !types.includes(values.type)) {
    notices.push(`Ignored type=${JSON.stringify(values.type)}: no such task type in this dataset; showing all types.`);
    values.type = "";
  }
  // What the table shows: fits and shares the small-data rules allow, null otherwise.
  const D = dataset.documentCount;
  const fits = new Map(queries.map((q) => [q.id, { local: queryFit(q, "local", D), global: queryFit(q, "global", D) }]));
  const shown: ShownValues = {
    alpha: (q) => fits.get(q.id)!.local.alpha,
    alphaGlobal: (q) => fits.get(q.id)!.global.alpha,
    top1Share: (q) => (percentileFits(TOP_SHARE_PERCENTILE, q.positiveCount) ? q.top1Share : null),
  };
  return {
    dataset,
    values,
    notices,
    /** Per query id: its power-law fits over local and global ranks as shown. */
    fits,
    /** The top-1% share as shown (null when the top 1% is under ten documents). */
    top1Share: (q: QuerySummary) => shown.top1Share!(q),
    /** Every query's task type, sorted (the type filter's options). */
    types,
    total: queries.length,
    /** The queries matching the filters, in the URL's sort order. */
    shown: sortQueries(queries.filter((q) => matches(q, values)), values.sort, values.dir, shown),
    hasCorrectness: queries.some((q) => q.correct !== null),
    hasAnswers: queries.some((q) => q.answerK !== null),
    answerK: queries.find((q) => q.answerK !== null)?.answerK ?? 500,
  };
});
