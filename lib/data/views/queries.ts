import "server-only";
import { consistently, findDataset } from "@/lib/data/store/datasets";
import { listQueries, type QuerySummary } from "@/lib/data/store/queries";
import { parseViewParams, queriesViewParams, type SearchParams } from "@/lib/url-state";

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
  return {
    dataset,
    values,
    notices,
    /** Every query's task type, sorted (the type filter's options). */
    types,
    total: queries.length,
    shown: queries.filter((q) => matches(q, values)),
    hasCorrectness: queries.some((q) => q.correct !== null),
    hasAnswers: queries.some((q) => q.answerK !== null),
    answerK: queries.find((q) => q.answerK !== null)?.answerK ?? 500,
  };
});
