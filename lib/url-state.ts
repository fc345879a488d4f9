import { z } from "zod";
import { GROUP_MODES } from "./domain/groups";
import { PAIR_TOP_KS } from "./domain/ks";
import { CORRELATION_METHODS, COVERAGE_TAILS, COVERAGE_UNITS, RANKING_ORDERS, RANKING_TAILS } from "./domain/vocabulary";

/**
 * One whitelist schema per view for its URL parameters. A bad value falls back to
 * the default and produces a notice the page shows, so a mistyped link still opens.
 */

type Shape = Record<string, z.ZodType>;
type Values<S extends Shape> = { [K in keyof S]: z.output<S[K]> };
export type SearchParams = Record<string, string | string[] | undefined>;

// Text from a URL is shown and searched for: control characters (a NUL) are never meant.
// eslint-disable-next-line no-control-regex
const text = (max = 200) => z.string().max(max).regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters").default("");
const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** /datasets/[slug]/queries/[id] */
export const queryViewParams = {
  order: z.enum(RANKING_ORDERS).default("top"),
  /** The selected rank (1-based): the ranked list scrolls to it; 1 = the top of the list. */
  rank: positiveInt(1),
  /** Only documents of this source ("" = all). */
  source: text(100),
  /** Search within the documents' text. */
  search: text(),
  /** Only documents with this label, "key=value" ("" = all). */
  label: text(300),
} satisfies Shape;

/** Columns the queries table sorts by (lib/data/views/queries.ts sortQueries says how each compares). */
export const QUERY_SORT_KEYS = ["id", "set", "type", "correct", "nats", "alpha", "alphaGlobal", "top1Share", "gini", "answer"] as const;
export type QuerySortKey = (typeof QUERY_SORT_KEYS)[number];
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/**
 * What a power law is fitted against: a query's ranks among the dataset's documents
 * (local), or the ranks among a larger corpus the dataset carries (global, the authors'
 * files: ranks among the study's 5M documents).
 */
export const RANK_BASES = ["global", "local"] as const;
export type RankBasis = (typeof RANK_BASES)[number];

/** /datasets/[slug]/queries */
export const queriesViewParams = {
  set: z.enum(["all", "factual", "reasoning"]).default("all"),
  type: text(100),
  control: z.enum(["all", "yes", "no"]).default("all"),
  correct: z.enum(["all", "yes", "no", "unknown"]).default("all"),
  search: text(),
  /** The column the table is sorted by ("" = the dataset's query order). */
  sort: z.enum(["", ...QUERY_SORT_KEYS]).default(""),
  dir: z.enum(SORT_DIRECTIONS).default("asc"),
} satisfies Shape;

/** /datasets/[slug]/documents/[id] */
export const documentViewParams = {
  /** x scale of the score strip plot: symmetric log (scores span decades) or linear. */
  scale: z.enum(["symlog", "linear"]).default("symlog"),
  /** The query whose per-token scores shade the text ("" = the first query that has them). */
  tokens: text(200),
} satisfies Shape;

/** /datasets/[slug]/distribution */
export const distributionViewParams = {
  unit: z.enum(COVERAGE_UNITS).default("percent"),
  tail: z.enum(COVERAGE_TAILS).default("positive"),
  x: z.enum(["percentile", "count"]).default("percentile"),
  /** Which groups: the two sets, or every task type and control group. */
  groups: z.enum(GROUP_MODES).default("sets"),
  /** Largest percentile on the x axis: 5 (the paper's figure) or every stored percentile up to 100. */
  upto: z.enum(["5", "100"]).default("5"),
} satisfies Shape;

/**
 * The pair scatter's axes: each query's 0.1–99.9 percentile range (outliers on the edge,
 * so one cannot squeeze the cloud) or every document's full extent.
 */
export const SCATTER_EXTENTS = ["robust", "full"] as const;
export type ScatterExtent = (typeof SCATTER_EXTENTS)[number];

/** /datasets/[slug]/transfer */
export const transferViewParams = {
  method: z.enum(CORRELATION_METHODS).default("pearson"),
  /** Top-k size of the Jaccard matrix (method=jaccard only; must be a stored k). */
  k: z.coerce.number().int().min(1).optional(),
  /** The selected cell: row and column query ids ("" = none). */
  a: text(),
  b: text(),
  /** Top-k size for the selected pair's shared top documents. */
  top: z.coerce.number().pipe(z.literal([...PAIR_TOP_KS])).default(PAIR_TOP_KS[0]),
  /** The selected pair's scatter axes. */
  extent: z.enum(SCATTER_EXTENTS).default("robust"),
} satisfies Shape;

/** /datasets/[slug]/concentration */
export const concentrationViewParams = {
  /** Which end of each query's ranking the source multipliers count. */
  tail: z.enum(RANKING_TAILS).default("top"),
  /** Panels per set (factual, reasoning) or per task type and control group. */
  groups: z.enum(GROUP_MODES).default("sets"),
  /** Group key for the task-wide documents ("" = the first reasoning type). */
  task: text(100),
  /** Ranks the power law is fitted over ("" = global where the dataset has them, else local). */
  ranks: z.enum(["", ...RANK_BASES]).default(""),
} satisfies Shape;

/** /compare: two selections, "slug", "slug/group/<group key>" or "slug/query/<query id>". */
export const compareViewParams = {
  a: text(),
  b: text(),
} satisfies Shape;

/** /agreement: two datasets (slugs) and, optionally, one shared query to inspect. */
export const agreementViewParams = {
  a: text(100),
  b: text(100),
  /** A query both datasets have ("" = none chosen). */
  q: text(),
} satisfies Shape;

/** Parses each parameter on its own; invalid ones take their default and are reported. */
export function parseViewParams<S extends Shape>(shape: S, searchParams: SearchParams): { values: Values<S>; notices: string[] } {
  const values: Record<string, unknown> = {};
  const notices: string[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    const raw = searchParams[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    const parsed = schema.safeParse(value === "" ? undefined : value);
    if (parsed.success) values[name] = parsed.data;
    else {
      values[name] = schema.parse(undefined);
      notices.push(`Ignored ${name}=${JSON.stringify(value)}: ${parsed.error.issues[0]?.message ?? "invalid"}; showing the default.`);
    }
  }
  return { values: values as Values<S>, notices };
}

/**
 * A compare side as written in the URL (compareViewParams a and b): "slug" (a whole
 * dataset), "slug/group/<group key>" or "slug/query/<query id>".
 */
export type CompareSelection =
  | { slug: string; kind: "dataset" }
  | { slug: string; kind: "group"; key: string }
  | { slug: string; kind: "query"; id: string };

/** Parses a selection; null when it has no recognisable shape (the page says why). */
export function parseSelection(raw: string): CompareSelection | null {
  const value = raw.trim();
  if (!value) return null;
  const first = value.indexOf("/");
  if (first < 0) return { slug: value, kind: "dataset" };
  const slug = value.slice(0, first);
  const rest = value.slice(first + 1);
  const second = rest.indexOf("/");
  if (!slug || second < 0) return null;
  const kind = rest.slice(0, second);
  // Query ids may themselves hold slashes: everything after the kind is the id.
  const id = rest.slice(second + 1);
  if (!id) return null;
  if (kind === "group") return { slug, kind, key: id };
  if (kind === "query") return { slug, kind, id };
  return null;
}

/** The URL form of a selection (inverse of parseSelection). */
export function formatSelection(selection: CompareSelection): string {
  switch (selection.kind) {
    case "dataset":
      return selection.slug;
    case "group":
      return `${selection.slug}/group/${selection.key}`;
    case "query":
      return `${selection.slug}/query/${selection.id}`;
  }
}

/**
 * The parameter a saved view's short link (/v/<slug>) adds to the view it opens, so the
 * page shows the view's title and note above it. No view reads it; saving strips it.
 */
export const SAVED_VIEW_PARAM = "saved";

/** A saved view's short-link slug: 8 characters of [a-z0-9]. */
export const SAVED_VIEW_SLUG = /^[a-z0-9]{8}$/;

/** A stored view path with the saved-view parameter added (before any #fragment). */
export function withSavedViewParam(path: string, slug: string): string {
  const hashAt = path.indexOf("#");
  const [base, hash] = hashAt < 0 ? [path, ""] : [path.slice(0, hashAt), path.slice(hashAt)];
  // Appended, not rebuilt: the stored query string stays byte for byte as saved.
  const separator = !base.includes("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
  return `${base}${separator}${SAVED_VIEW_PARAM}=${encodeURIComponent(slug)}${hash}`;
}

/** A path and query string without the saved-view parameter (what "Save view" stores). */
export function withoutSavedViewParam(pathname: string, search: string): string {
  const params = new URLSearchParams(search);
  if (!params.has(SAVED_VIEW_PARAM)) return pathname + search;
  params.delete(SAVED_VIEW_PARAM);
  const rest = params.toString();
  return rest ? `${pathname}?${rest}` : pathname;
}
