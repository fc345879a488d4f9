/**
 * The records of a dataset: the in-memory shape every input format is read into, that
 * the demo generator produces and that the database rows mirror. The writer turns one
 * `DatasetInput` into rows; nothing downstream knows which file format it came from.
 */

/** The two query sets the paper contrasts. */
export const QUERY_SETS = ["factual", "reasoning"] as const;
export type QuerySet = (typeof QUERY_SETS)[number];

export interface QueryRecord {
  /** Unique within the dataset. */
  id: string;
  prompt: string;
  completion: string;
  set: QuerySet;
  /** Task label ("factual", "arithmetic", "slopes", "linear", ...); defaults to `set`. */
  type: string;
  /** Control queries form their own groups ("factual_control", "reasoning_control"). */
  control: boolean;
  /** The answer string, for answer-occurrence analysis. */
  answer: string | null;
  /** Whether the model answered correctly. */
  correct: boolean | null;
  /** Negative log-likelihood of the completion, in nats (for per-nat normalisation). */
  nats: number | null;
  /** Labels from the queries file; each key groups the queries like `type` does (lib/domain/groups.ts). */
  labels?: Labels | null;
}

/** A record's labels (`{"kind": "procedure", "has_code": true}`): facets of documents, groups of queries. */
export type Labels = Readonly<Record<string, string | number | boolean>>;

export interface DocumentRecord {
  /** Unique within the dataset. */
  id: string;
  /** Pretraining source, e.g. "wiki", "code", "math_and_trivia". */
  source: string;
  text: string | null;
  tokens: number | null;
  /** Labels from the documents file (a classifier's or metadata's): filters, enrichment, export columns. */
  labels?: Labels | null;
  /**
   * The document's tokens as strings (a `tokens` array in documents.jsonl), for per-token
   * scores; `tokens` is then their count. Absent or null otherwise.
   */
  tokenStrings?: string[] | null;
}

/**
 * A score matrix read a query at a time, or a block of documents across every query, so
 * that ingest holds one query's column instead of the matrix (lib/ingest/score-source.ts).
 */
export interface ScoreSource {
  readonly queryCount: number;
  readonly documentCount: number;
  /** Query q's scores in document order (the caller may keep the array). */
  row(q: number): Promise<Float32Array>;
  /** Documents [start, start + length) of every query, one array per query. */
  block(start: number, length: number): Promise<Float32Array[]>;
  /** Releases the source's file, if any. */
  close(): Promise<void>;
}

/** Per-token scores of one (query, document) pair: one float per token of the document. */
export interface TokenScoreRecord {
  /** Indices into DatasetInput's queries and documents. */
  queryIndex: number;
  documentIndex: number;
  /** Length = the document's tokenStrings.length. */
  scores: Float32Array;
}

export interface DatasetMeta {
  /** URL slug: lower-case letters, digits and dashes. */
  slug: string;
  /** Human title; defaults to the slug. */
  name: string;
  /** e.g. "Command R 7B". */
  model: string | null;
  /** e.g. "EK-FAC", "TRAK". */
  method: string | null;
  description: string | null;
  /** True for generated demo data: the UI labels it as synthetic. */
  synthetic: boolean;
  /** Where the scores came from (file names), for provenance. */
  origin: string | null;
  /** What the run recorded and which files were read; stored as JSON with the dataset. */
  provenance?: DatasetProvenance | null;
}

/** A value JSON can hold: what provenance may contain. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One file read at ingest. */
export interface ProvenanceFile {
  /** Relative to the scores folder for folder layouts; the base name for single files. */
  path: string;
  bytes: number;
  /** What the file was read for: "queries", "documents", "scores", "score arguments", ... */
  role: string;
}

/**
 * Where a dataset's scores came from, captured by the reader at ingest: the layout, the
 * library and its version when the files say, the settings the run recorded (as the
 * library wrote them: damping, low-rank settings, dtypes, strategy, experiment, ...) and
 * every file read with its size.
 */
export interface DatasetProvenance {
  /** "kronfluence", "trak", "bergson" (folders); "safetensors", "npy", "csv", "jsonl", "ruis-demo", "demo". */
  format: string;
  /** "kronfluence", "trak", "bergson"; null when the format does not say. */
  library: string | null;
  /** Null unless the files record it. */
  libraryVersion: string | null;
  files: ProvenanceFile[];
  /** The run's recorded settings, keyed by the file or field they came from. */
  settings: { [key: string]: JsonValue };
}

export interface DatasetInput {
  meta: DatasetMeta;
  queries: QueryRecord[];
  documents: DocumentRecord[];
  /**
   * S[q, d]: one Float32Array per query (in `queries` order), each of length
   * `documents.length` (in `documents` order). Positive = document raises the
   * completion's likelihood. Every value is finite.
   */
  scores: Float32Array[];
  /**
   * Optional ranks of each document among a larger corpus (the authors' demo JSON
   * carries ranks among the study's 5M documents; 0 = most positive there), one
   * Int32Array per query in document order, -1 where unknown.
   */
  globalRanks: Int32Array[] | null;
  /**
   * Optional ground truth: per query (in `queries` order), the indices of the documents
   * known to be relevant to it (ingest --relevant); an empty list for a query without.
   */
  relevant?: Uint32Array[] | null;
  /**
   * Each document's self-influence (in `documents` order), every one finite and positive:
   * the self-normalised rankings divide by its square root. Absent or null when not given.
   */
  selfInfluence?: Float64Array | null;
  /** Per-token scores of selected pairs only (bounded by what was given). */
  tokenScores?: TokenScoreRecord[] | null;
}

/** What ingest takes: a DatasetInput whose scores may be a source read a query at a time (large score files). */
export interface IngestInput extends Omit<DatasetInput, "scores"> {
  scores: Float32Array[] | ScoreSource;
}

/**
 * A query's statistics, computed at ingest from its score row and stored with it (the
 * queries table): what the views show per query and aggregate per group.
 */
export interface QueryStatistics {
  /** Documents with a positive (negative) score, and the sum of those scores. */
  positiveCount: number;
  positiveTotal: number;
  negativeCount: number;
  negativeTotal: number;
  gini: number | null;
  /** Share of the positive total held by the top 1% of positive documents. */
  top1Share: number | null;
  /** Power-law exponent of score against rank over the top ranks, and its standard error. */
  alpha: number | null;
  alphaStderr: number | null;
  /** Ranks the power law was fitted over (1..alphaPoints); null without a fit. */
  alphaPoints: number | null;
  /**
   * The power law of score against global rank (ranks among a larger corpus, given with
   * the dataset), over the positive scores with a known global rank; null without.
   */
  alphaGlobal: number | null;
  alphaGlobalStderr: number | null;
  alphaGlobalPoints: number | null;
  /** 1-based top ranks within `answerK` whose text contains the answer; null without an answer. */
  answerRanks: number[] | null;
  /** How deep the answer was searched for (DESIGN.md: the top 500). */
  answerK: number | null;
}
