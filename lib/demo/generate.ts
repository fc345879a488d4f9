import { randomNormal } from "d3";
import type { DatasetInput, DocumentRecord, Labels, QueryRecord } from "@/lib/domain/records";
import { FACTS } from "./facts";
import { PLANTED } from "./planted";
import { demoQueries, type DemoModel } from "./queries";
import { hashSeed, itemRandom, seededStream, shuffleInPlace, type Uniform } from "./random";
import { calibratedProfile, drawScores, topIndices, type FactorTask, type SourceProfile } from "./scores";
import { bySourceIndex, SOURCES, type SourceName } from "./sources";
import { Filler, mentionsAny, plainText, procedureText, referenceText, sourceText, type ProcedureTask } from "./texts";

export { PLANTED } from "./planted";
export type { DemoModel } from "./queries";

/** Slugs of the two demo datasets, one per model shape. */
export const DEMO_DATASETS = ["demo-7b", "demo-35b"] as const;

/** Options of {@link generateDemoDataset}. */
export interface DemoOptions {
  /** Number of documents (default 20,000; 1,000,000 takes seconds). */
  documents?: number;
  /** Integer seed (default 1); the same (model, documents, seed) gives the same dataset. */
  seed?: number;
}

/*
 * Named streams of the seed (see random.ts). The corpus streams depend on the seed
 * only, so both model shapes share one corpus; the score stream is last because it is
 * by far the longest (about 105 draws per document).
 */
const CORPUS_STREAM = 0;
const REFERENCE_STREAM = 1;
const SCORE_STREAM = 2;

/**
 * A deterministic synthetic dataset shaped like the paper's results for one model:
 * 100 queries in the paper's composition, documents from the eight pretraining sources
 * with short realistic texts, and a score matrix from a planted factor model whose
 * statistics (transfer, distribution, concentration, power law, answer occurrence)
 * match `PLANTED`.
 *
 * Documents are {@link DemoDocument}s: texts and token counts are computed on access,
 * which keeps a 1,000,000-document dataset at about the size of its score matrix.
 *
 * @throws RangeError when `documents` is not a positive integer or `seed` not an integer
 */
export function generateDemoDataset(model: DemoModel, options: DemoOptions = {}): DatasetInput {
  const documentCount = options.documents ?? PLANTED.documents;
  const seed = options.seed ?? PLANTED.seed;
  if (!Number.isInteger(documentCount) || documentCount < 1) {
    throw new RangeError(`documents must be a positive integer, got ${documentCount}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);

  const sources = corpusSources(documentCount, seed);
  const references = referenceDocuments(sources, seed);
  const queries = demoQueries(model, seed);
  const scores = modelScores(model, queries, sources, seed);
  if (model === "35b") shareRankingsWith7b(queries, scores, sources, seed);
  placeAnswerDocuments(model, queries, scores, references, seed);
  const texts = new CorpusTexts(sources, references, procedureDocuments(queries, scores, references), seed);
  keepAnswersOutOfTop(queries, scores, references, texts);
  const documents = demoDocuments(sources, texts);

  const share = PLANTED.answerOccurrence.share[model];
  const correlation = PLANTED.correlation[model];
  const shape = model === "7b" ? "7B" : "35B";
  const task = model === "7b" ? "arithmetic" : "linear";
  const taskCorrelation = model === "7b" ? PLANTED.correlation["7b"].arithmetic : PLANTED.correlation["35b"].linear;
  return {
    meta: {
      slug: model === "7b" ? DEMO_DATASETS[0] : DEMO_DATASETS[1],
      name: `Synthetic demo (${shape}-shaped)`,
      model: `synthetic ${shape}-shaped`,
      method: "synthetic EK-FAC-like",
      description:
        `Synthetic data, not real influence scores: ${documentCount.toLocaleString("en-US")} generated documents ` +
        `from eight pretraining sources and 100 queries shaped like the Command R ${shape} results of Ruis et al. ` +
        `(ICLR 2025). Planted: within-task Pearson r of ${correlation.slopes} for slopes, ${taskCorrelation} for ` +
        `${task} and ${correlation.factual} for factual queries (0 between tasks); power-law top tails ` +
        `(alpha about ${PLANTED.powerLawAlpha[model].factual} factual, ${PLANTED.powerLawAlpha[model].reasoning} reasoning); ` +
        `math_and_trivia, stackexchange, arXiv and code over-represented among the top documents for reasoning, ` +
        `wiki and math_and_trivia for factual queries, alike bottom tails; larger influence per nat for factual ` +
        `queries; answer documents in the top 500 for ${Math.round(share * 100)}% of correctly answered factual ` +
        `queries and never for reasoning queries.`,
      synthetic: true,
      origin: "lib/demo/generate.ts",
    },
    queries,
    documents,
    scores,
    globalRanks: null,
  };
}

/** One model shape's score matrix from the factor model (before answers are planted). */
function modelScores(model: DemoModel, queries: readonly QueryRecord[], sources: Uint8Array, seed: number): Float32Array[] {
  return drawScores(seededStream(seedOf(seed, model), SCORE_STREAM), sources, factorTasks(model, queries), queryScales(model, queries, seed));
}

/**
 * Makes demo-35b's queries that share a prompt with demo-7b agree with it moderately (see
 * PLANTED.crossModelCorrelation): per such query, a Gaussian copula mixes the normal
 * scores of 7B's ranking and 35B's own, z = a g7 + sqrt(1 - a^2) g35, and 35B's own score
 * values are given out in z's order. Each row keeps its values (so its distribution is
 * untouched); 7B's scores are regenerated here, which makes a 35B dataset cost about
 * twice a 7B one.
 */
function shareRankingsWith7b(queries: readonly QueryRecord[], scores: Float32Array[], sources: Uint8Array, seed: number): void {
  const queries7b = demoQueries("7b", seed);
  const index7b = new Map(queries7b.map((q, i) => [q.prompt, i]));
  const scores7b = modelScores("7b", queries7b, sources, seed);
  const n = sources.length;
  const normal = randomNormal.source(itemRandom(seed, "cross-model"))(0, 1);
  const normalScores = Float64Array.from({ length: n }, normal).sort();
  const a = PLANTED.crossModelCorrelation;
  const b = Math.sqrt(1 - a * a);
  const z = new Float64Array(n);
  queries.forEach((q, i) => {
    const j = index7b.get(q.prompt);
    const own = scores[i];
    const other = j === undefined ? undefined : scores7b[j];
    if (!own || !other) return;
    const ownAscending = ascendingOrder(own);
    const otherAscending = ascendingOrder(other);
    z.fill(0);
    for (let r = 0; r < n; r++) {
      const o = otherAscending[r]!;
      const w = ownAscending[r]!;
      z[o] = z[o]! + a * normalScores[r]!;
      z[w] = z[w]! + b * normalScores[r]!;
    }
    const byZ = Int32Array.from({ length: n }, (_, d) => d).sort((x, y) => z[x]! - z[y]! || x - y);
    const mixed = new Float32Array(n);
    for (let r = 0; r < n; r++) mixed[byZ[r]!] = own[ownAscending[r]!]!;
    scores[i] = mixed;
  });
}

/** Document indices by value ascending, ties in index order. */
function ascendingOrder(values: Float32Array): Int32Array {
  return Int32Array.from({ length: values.length }, (_, d) => d).sort((x, y) => values[x]! - values[y]! || x - y);
}

/** Model-specific seed for the scores; the corpus uses `seed` itself. */
function seedOf(seed: number, model: DemoModel): number {
  return hashSeed(seed, model);
}

/** Source index per document: exact shares (largest remainder), shuffled. */
function corpusSources(count: number, seed: number): Uint8Array {
  const shares = bySourceIndex(PLANTED.sourceShares);
  const exact = shares.map((share) => share * count);
  const counts = exact.map(Math.floor);
  let missing = count - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, s) => ({ s, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.s - b.s);
  for (const { s } of byRemainder) {
    if (missing <= 0) break;
    counts[s] = (counts[s] ?? 0) + 1;
    missing--;
  }
  const sources = new Uint8Array(count);
  let offset = 0;
  counts.forEach((n, s) => {
    sources.fill(s, offset, offset + n);
    offset += n;
  });
  shuffleInPlace(seededStream(seed, CORPUS_STREAM).uniform(), sources);
  return sources;
}

/**
 * Documents that carry a fact's reference paragraph: for each of the 40 facts, 1-3
 * distinct wiki or general_knowledge documents (fewer if a tiny corpus runs out).
 * Returns document index -> fact index.
 */
function referenceDocuments(sources: Uint8Array, seed: number): Map<number, number> {
  const wiki = SOURCES.indexOf("wiki");
  const general = SOURCES.indexOf("general_knowledge");
  const candidates: number[] = [];
  sources.forEach((s, d) => {
    if (s === wiki || s === general) candidates.push(d);
  });
  const random = seededStream(seed, REFERENCE_STREAM).uniform();
  const { min, max } = PLANTED.answerOccurrence.documentsPerFact;
  const references = new Map<number, number>();
  FACTS.forEach((_, fact) => {
    const count = min + Math.floor(random() * (max - min + 1));
    for (let i = 0; i < count && candidates.length > 0; i++) {
      // Swap-remove a random candidate so no document serves two facts.
      const j = Math.floor(random() * candidates.length);
      const chosen = candidates[j] ?? 0;
      candidates[j] = candidates[candidates.length - 1] ?? chosen;
      candidates.pop();
      references.set(chosen, fact);
    }
  });
  return references;
}

/** Text variants tried before a document falls back to its source's number-free text. */
const MAX_VARIANTS = 64;

/**
 * The corpus texts: each a pure function of (seed, document, variant), built on demand.
 * Variant 0 depends on the seed only, so both model shapes share it; a document moves
 * to a later variant only when it must stop mentioning an answer (see
 * keepAnswersOutOfTop), which happens for a few hundred documents per dataset.
 */
class CorpusTexts implements DemoCorpus {
  private readonly variants = new Map<number, number>();
  // Readers often take `text` and then `tokens` of the same document; remember the last
  // text, and every length seen (2 bytes a document), so tokens rarely rebuild a text.
  private cachedIndex = -1;
  private cachedText = "";
  private readonly lengths: Uint16Array;

  constructor(
    private readonly sources: Uint8Array,
    private readonly references: ReadonlyMap<number, number>,
    private readonly procedures: ReadonlyMap<number, ProcedureTask>,
    private readonly seed: number,
  ) {
    this.lengths = new Uint16Array(sources.length);
  }

  /** The published text of document `d`. */
  text(d: number): string {
    if (d !== this.cachedIndex) {
      this.cachedText = this.variant(d, this.variants.get(d) ?? 0);
      this.cachedIndex = d;
      this.lengths[d] = this.cachedText.length;
    }
    return this.cachedText;
  }

  /** The length of document `d`'s text in characters. */
  length(d: number): number {
    return this.lengths[d] || this.text(d).length;
  }

  /** Moves document `d` to its first variant that mentions none of `answers`. */
  avoid(d: number, answers: readonly string[]): void {
    // Reference paragraphs are fixed; by construction they mention only their own answer.
    if (this.references.has(d)) return;
    const mentions = mentionsAny(answers);
    let v = this.variants.get(d) ?? 0;
    while (v < MAX_VARIANTS && mentions(this.variant(d, v))) v++;
    if (v > 0) this.variants.set(d, v);
    this.cachedIndex = -1;
    this.lengths[d] = 0;
  }

  /**
   * Document `d`'s "kind" label, from how the generator made it: a fact's reference
   * paragraph is "fact", a worked procedure (a reasoning task's top documents) "procedure",
   * anything else "noise".
   */
  kind(d: number): DemoKind {
    if (this.references.has(d)) return "fact";
    return this.procedures.has(d) ? "procedure" : "noise";
  }

  private variant(d: number, v: number): string {
    const source = sourceName(this.sources[d] ?? 0);
    const fact = this.references.get(d);
    const reference = fact === undefined ? undefined : FACTS[fact]?.reference;
    if (reference) return referenceText(source, reference, new Filler(itemRandom(this.seed, "document", d)));
    if (v >= MAX_VARIANTS) return plainText(source);
    const random = v === 0 ? itemRandom(this.seed, "document", d) : itemRandom(this.seed, "document", d, v);
    const procedure = this.procedures.get(d);
    return procedure ? procedureText(source, procedure, new Filler(random)) : sourceText(source, new Filler(random));
  }
}

/** The demo's document label `kind`. */
export type DemoKind = "procedure" | "fact" | "noise";


const PROCEDURE_TASKS: ReadonlySet<string> = new Set<ProcedureTask>(["arithmetic", "slopes", "linear"]);

/**
 * The documents whose text is a procedure (PLANTED.procedures): the top documents of
 * every reasoning task query, each given the task of the query it ranks highest for
 * (ties: the first such query). Fact reference documents keep their paragraph.
 */
function procedureDocuments(
  queries: readonly QueryRecord[],
  scores: readonly Float32Array[],
  references: ReadonlyMap<number, number>,
): Map<number, ProcedureTask> {
  const best = new Map<number, { task: ProcedureTask; rank: number }>();
  queries.forEach((q, i) => {
    const row = scores[i];
    if (q.control || q.set !== "reasoning" || !PROCEDURE_TASKS.has(q.type) || !row) return;
    topIndices(row, PLANTED.procedures.top).forEach((d, rank) => {
      if (references.has(d)) return;
      const seen = best.get(d);
      if (!seen || rank < seen.rank) best.set(d, { task: q.type as ProcedureTask, rank });
    });
  });
  return new Map([...best].map(([d, { task }]) => [d, task]));
}

/** What a {@link DemoDocument} reads its text from: by document index. */
export interface DemoCorpus {
  text(index: number): string;
  /** Characters in `text(index)`. */
  length(index: number): number;
  /** The document's `kind` label. */
  kind(index: number): DemoKind;
}

/**
 * A demo document whose `text` and `tokens` are computed on access. Getters on the
 * prototype keep a 1,000,000-document corpus at about 90 MB instead of the ~300 MB its
 * texts would take (own accessor properties would take more still). Read the properties
 * or serialise with JSON (`toJSON` includes them); an object spread copies only `id` and
 * `source`.
 */
export class DemoDocument implements DocumentRecord {
  readonly #index: number;
  readonly #corpus: DemoCorpus;

  /** @param corpus the text functions, shared by all documents of a dataset */
  constructor(
    readonly id: string,
    readonly source: SourceName,
    index: number,
    corpus: DemoCorpus,
  ) {
    this.#index = index;
    this.#corpus = corpus;
  }

  /** 150 to 600 characters. */
  get text(): string {
    return this.#corpus.text(this.#index);
  }

  /** About one token per four characters. */
  get tokens(): number {
    return Math.max(1, Math.round(this.#corpus.length(this.#index) / 4));
  }

  /** A label the facets can use on first start: { kind: "procedure" | "fact" | "noise" }. */
  get labels(): Labels {
    return { kind: this.#corpus.kind(this.#index) };
  }

  /** A plain record with the computed fields, for JSON. */
  toJSON(): DocumentRecord {
    return { id: this.id, source: this.source, text: this.text, tokens: this.tokens, labels: this.labels };
  }
}

function demoDocuments(sources: Uint8Array, texts: CorpusTexts): DemoDocument[] {
  const width = Math.max(6, String(sources.length - 1).length);
  const documents = new Array<DemoDocument>(sources.length);
  for (let d = 0; d < sources.length; d++) {
    documents[d] = new DemoDocument(`doc-${String(d).padStart(width, "0")}`, sourceName(sources[d] ?? 0), d, texts);
  }
  return documents;
}

/**
 * Re-draws the text of every document in a query's top `topK` that mentions the query's
 * answer (other than the fact's own reference documents), so that answers occur in the
 * top only where placeAnswerDocuments put them. Numbers elsewhere stay as drawn: a
 * reasoning answer such as 28 may well appear in documents further down, as in real text.
 */
function keepAnswersOutOfTop(
  queries: readonly QueryRecord[],
  scores: readonly Float32Array[],
  references: ReadonlyMap<number, number>,
  texts: CorpusTexts,
): void {
  const answersOf = new Map<number, string[]>();
  queries.forEach((q, i) => {
    const row = scores[i];
    if (!q.answer || !row) return;
    for (const d of topIndices(row, PLANTED.answerOccurrence.topK)) {
      if (references.has(d)) continue;
      const answers = answersOf.get(d);
      if (answers) answers.push(q.answer);
      else answersOf.set(d, [q.answer]);
    }
  });
  for (const [d, answers] of answersOf) texts.avoid(d, answers);
}

function sourceName(index: number): SourceName {
  return SOURCES[index] ?? "webdata";
}

/** Profiles are pure functions of PLANTED and the model; computing them once saves the root search. */
const profiles = new Map<DemoModel, { factual: SourceProfile; reasoning: SourceProfile }>();

function sourceProfiles(model: DemoModel) {
  let found = profiles.get(model);
  if (!found) {
    const shares = bySourceIndex(PLANTED.sourceShares);
    const { quantile, top, bottom } = PLANTED.enrichment;
    const make = (set: "factual" | "reasoning") =>
      calibratedProfile(shares, bySourceIndex(top[set]), bySourceIndex(bottom), quantile, PLANTED.tailIndex[model][set]);
    found = { factual: make("factual"), reasoning: make("reasoning") };
    profiles.set(model, found);
  }
  return found;
}

/** The factor model's tasks: one per query group, with its planted correlation. */
function factorTasks(model: DemoModel, queries: readonly QueryRecord[]): FactorTask[] {
  const planted: Readonly<Record<string, number>> = PLANTED.correlation[model];
  const byGroup = new Map<string, number[]>();
  queries.forEach((q, i) => {
    const group = q.control ? `${q.set}_control` : q.type;
    const members = byGroup.get(group) ?? [];
    members.push(i);
    byGroup.set(group, members);
  });
  const { factual, reasoning } = sourceProfiles(model);
  return [...byGroup].map(([group, members]) => {
    const correlation = planted[group];
    if (correlation === undefined) throw new RangeError(`no planted correlation for ${group}`);
    const first = queries[members[0] ?? 0];
    return { members, correlation, profile: first?.set === "factual" ? factual : reasoning };
  });
}

/** c_q = nats * median * exp(sigma * N(0, 1)), per set (see PLANTED.influencePerNat). */
function queryScales(model: DemoModel, queries: readonly QueryRecord[], seed: number): number[] {
  const normal = randomNormal.source(itemRandom(seed, model, "scales"))(0, 1);
  return queries.map((q) => {
    const { median, sigma } = PLANTED.influencePerNat[q.set];
    return (q.nats ?? 1) * median * Math.exp(sigma * normal());
  });
}

/**
 * Plants answer occurrence: for the chosen share of correctly answered factual queries,
 * each reference document of the fact takes the score at a rank between 1 and maxRank
 * (log-uniform, so most sit well inside the top 500); for every other factual query,
 * a reference document that happens to be in the top `topK` is moved below it.
 */
function placeAnswerDocuments(
  model: DemoModel,
  queries: readonly QueryRecord[],
  scores: Float32Array[],
  references: Map<number, number>,
  seed: number,
): void {
  const random = itemRandom(seed, model, "answers");
  const factual = queries.flatMap((q, i) => (q.set === "factual" && !q.control ? [i] : []));
  const correct = factual.filter((i) => queries[i]?.correct === true);
  const order = Int32Array.from(correct);
  shuffleInPlace(random, order);
  const planted = new Set(order.subarray(0, Math.round(PLANTED.answerOccurrence.share[model] * correct.length)));

  const documentsOf = new Map<number, number[]>();
  for (const [d, fact] of references) documentsOf.set(fact, [...(documentsOf.get(fact) ?? []), d]);

  for (const q of factual) {
    const fact = FACTS.findIndex((f) => f.answer === queries[q]?.answer);
    const row = scores[q];
    const docs = documentsOf.get(fact) ?? [];
    if (!row || docs.length === 0) continue;
    const k = Math.min(PLANTED.answerOccurrence.topK, row.length);
    const top = Array.from(topIndices(row, k), (d) => row[d] ?? 0);
    if (planted.has(q)) {
      const ranks = distinctRanks(random, docs.length, Math.min(PLANTED.answerOccurrence.maxRank, k));
      docs.forEach((d, i) => {
        row[d] = scoreJustAbove(top, (ranks[i] ?? 1) - 1) ?? row[d] ?? 0;
      });
    } else if (row.length > k) {
      const threshold = top[k - 1] ?? 0;
      for (const d of docs) {
        // Strictly below the k-th score: somewhere in the middle of the ranking.
        if ((row[d] ?? 0) >= threshold) row[d] = threshold - (Math.abs(threshold) + 1e-30) * (0.5 + random());
      }
    }
  }
}

/**
 * A float32 score strictly between the scores at ranks i and i - 1 (0-based, descending;
 * above the top one for i = 0), so a planted document takes rank i + 1 without tying the
 * document already there: exactly equal scores are rare in a real method's output. When
 * the two are adjacent float32 values, the next gap down is used (rank i + 2, ...).
 */
function scoreJustAbove(topDescending: readonly number[], i: number): number | undefined {
  for (let r = i; r < topDescending.length; r++) {
    const below = topDescending[r]!;
    const above = r > 0 ? topDescending[r - 1]! : below + Math.abs(below) * 1e-3;
    const between = Math.fround(below + (above - below) / 2);
    if (between > below && between < above) return between;
  }
  return undefined;
}

/** `count` distinct ranks in [1, maxRank], log-uniform (fewer if maxRank < count). */
function distinctRanks(random: Uniform, count: number, maxRank: number): number[] {
  const ranks = new Set<number>();
  const wanted = Math.min(count, maxRank);
  while (ranks.size < wanted) ranks.add(Math.min(maxRank, Math.floor(Math.exp(random() * Math.log(maxRank + 1)))));
  return [...ranks];
}
