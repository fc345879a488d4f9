/**
 * The eight pretraining sources of the paper's document sample, in the order the
 * generator indexes them (alphabetical, as the paper's figures list them).
 */
export const SOURCES = [
  "arxiv_markdown",
  "code",
  "general_knowledge",
  "math_and_trivia",
  "multilingual",
  "stackexchange",
  "webdata",
  "wiki",
] as const;

/** One of the eight source names. */
export type SourceName = (typeof SOURCES)[number];

/** A value per source, e.g. corpus shares or enrichment multipliers. */
export type PerSource<T = number> = Readonly<Record<SourceName, T>>;

/** The values of a per-source record in `SOURCES` order. */
export function bySourceIndex(record: PerSource): number[] {
  return SOURCES.map((source) => record[source]);
}
