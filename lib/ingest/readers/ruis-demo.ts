import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { DatasetInput, DocumentRecord, QueryRecord, QuerySet } from "@/lib/domain/records";
import { IngestError } from "@/lib/ingest/ingest-error";
import { decodeUtf8, errorMessage, parseJsonDocument } from "./jsonl";
import { describeZodError } from "./validation";

export interface ReadRuisDemoOptions {
  /** "dot": raw EK-FAC influence (default); "cos": the demo's per-document normalised score. */
  score?: "dot" | "cos";
}

const matrix = (cell: z.ZodNumber) => z.array(z.array(cell));
// Ranks are 0-based among the study's 5M documents; -1 is the "unknown" of globalRanks.
const rank = z.number().int().min(-1).max(2 ** 31 - 1);

/** The authors' column-oriented demo JSON; only the shape is checked here, lengths below. */
const ruisDemoSchema = z.object({
  model: z.string(),
  test_ids: z.array(z.number().int()),
  prompts: z.array(z.string()),
  completions: z.array(z.string()),
  training_ids: z.array(z.number().int()),
  training_sequences: z.array(z.string()),
  training_sources: z.array(z.string().min(1)),
  influences_dot: matrix(z.number()),
  influences_cos: matrix(z.number()),
  ranks: matrix(rank),
  ranks_normed: matrix(rank),
});

type RuisDemo = z.infer<typeof ruisDemoSchema>;

/**
 * The task in query index range 40-59, per model; the other ranges are the same for both
 * (0-39 factual, 60-79 slopes, 80-89 factual control, 90-99 reasoning control).
 */
const SECOND_TASK: ReadonlyMap<string, string> = new Map([
  ["7B", "arithmetic"],
  ["35B", "linear"],
]);

/** Queries the authors' index convention covers. */
const CONVENTION_QUERIES = 100;

/**
 * Reads the authors' demo JSON (Ruis et al., ICLR 2025; see shared/data/ruis-demo/README.md):
 * queries with sets and types from the authors' index ranges, the distinct documents
 * (a repeated training id keeps its first column, after checking the repeat carries
 * identical scores and ranks), scores as float32 and the global ranks among the study's
 * 5M documents. `meta.slug` is left empty for the caller to set.
 * Throws an IngestError naming the file, the entry and the problem for any inconsistency.
 */
export async function readRuisDemo(file: string, options: ReadRuisDemoOptions = {}): Promise<DatasetInput> {
  const scoreKind = options.score ?? "dot";
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new IngestError(file, `cannot read: ${errorMessage(error)}`);
  }
  if (bytes.length === 0) throw new IngestError(file, "file is empty");
  const parsed = ruisDemoSchema.safeParse(parseJsonDocument(file, decodeUtf8(file, bytes)), { reportInput: true });
  if (!parsed.success) throw new IngestError(file, describeZodError(parsed.error));
  const demo = parsed.data;
  checkLengths(file, demo);

  const task = SECOND_TASK.get(demo.model);
  if (task === undefined) {
    throw new IngestError(
      file,
      `unknown model ${JSON.stringify(demo.model)}: the authors' query index ranges are known for "7B" and "35B"`,
      "model",
    );
  }
  const queries = demo.test_ids.map((id, i): QueryRecord => {
    const { set, type, control } = queryGroup(i, task);
    return {
      id: String(id),
      prompt: demo.prompts[i] ?? "",
      completion: demo.completions[i] ?? "",
      set,
      type,
      control,
      answer: null,
      correct: null,
      nats: null,
    };
  });
  const seenQuery = new Map<string, number>();
  queries.forEach((q, i) => {
    const first = seenQuery.get(q.id);
    if (first !== undefined) {
      throw new IngestError(file, `duplicate query id ${q.id} (also test_ids[${first}])`, `test_ids[${i}]`);
    }
    seenQuery.set(q.id, i);
  });

  const keep = distinctColumns(file, demo);
  const documents = keep.map(
    (j): DocumentRecord => ({
      id: String(demo.training_ids[j]),
      source: demo.training_sources[j] ?? "",
      text: demo.training_sequences[j] ?? null,
      tokens: null,
    }),
  );

  const influences = scoreKind === "cos" ? demo.influences_cos : demo.influences_dot;
  const scores = influences.map((row, q) => {
    const out = new Float32Array(keep.length);
    keep.forEach((j, k) => {
      const value = row[j] ?? NaN;
      out[k] = value;
      // Finite in float64 but beyond float32's range would silently become Infinity.
      if (!Number.isFinite(out[k])) {
        throw new IngestError(
          file,
          `score ${value} in influences_${scoreKind}[${q}][${j}] is not a finite float32`,
          `query ${queries[q]?.id ?? q} / document ${documents[k]?.id ?? j}`,
        );
      }
    });
    return out;
  });
  const ranks = scoreKind === "cos" ? demo.ranks_normed : demo.ranks;
  const globalRanks = ranks.map((row) => Int32Array.from(keep, (j) => row[j] ?? -1));

  return {
    meta: {
      slug: "",
      name: `Ruis et al. demo (${demo.model})`,
      model: `Command R ${demo.model}`,
      method: "EK-FAC",
      description:
        `${queries.length} queries × ${documents.length} curated documents from the authors' public demo ` +
        `(EK-FAC influence, ${scoreKind === "cos" ? "normalised" : "dot product"}), ` +
        `with each document's global rank among the study's 5M pretraining documents.`,
      synthetic: false,
      origin: path.basename(file),
    },
    queries,
    documents,
    scores,
    globalRanks,
  };
}

/** Every per-query array has one entry per test id, every per-document one per training id. */
function checkLengths(file: string, demo: RuisDemo): void {
  const q = demo.test_ids.length;
  const d = demo.training_ids.length;
  const perQuery = { prompts: demo.prompts, completions: demo.completions };
  for (const [name, values] of Object.entries(perQuery)) {
    if (values.length !== q) {
      throw new IngestError(file, `${name} has ${values.length} entries but test_ids has ${q}`, name);
    }
  }
  const perDocument = { training_sequences: demo.training_sequences, training_sources: demo.training_sources };
  for (const [name, values] of Object.entries(perDocument)) {
    if (values.length !== d) {
      throw new IngestError(file, `${name} has ${values.length} entries but training_ids has ${d}`, name);
    }
  }
  const matrices = {
    influences_dot: demo.influences_dot,
    influences_cos: demo.influences_cos,
    ranks: demo.ranks,
    ranks_normed: demo.ranks_normed,
  };
  for (const [name, rows] of Object.entries(matrices)) {
    if (rows.length !== q) {
      throw new IngestError(file, `${name} has ${rows.length} rows but test_ids has ${q} queries`, name);
    }
    rows.forEach((row, i) => {
      if (row.length !== d) {
        throw new IngestError(file, `row has ${row.length} values but training_ids has ${d} documents`, `${name}[${i}]`);
      }
    });
  }
  if (q !== CONVENTION_QUERIES) {
    throw new IngestError(
      file,
      `found ${q} queries, but sets and types come from the authors' index ranges 0-39 factual, ` +
        `40-79 reasoning, 80-99 controls, which need exactly ${CONVENTION_QUERIES} queries`,
      "test_ids",
    );
  }
}

function queryGroup(index: number, task: string): { set: QuerySet; type: string; control: boolean } {
  if (index < 40) return { set: "factual", type: "factual", control: false };
  if (index < 60) return { set: "reasoning", type: task, control: false };
  if (index < 80) return { set: "reasoning", type: "slopes", control: false };
  if (index < 90) return { set: "factual", type: "factual", control: true };
  return { set: "reasoning", type: "reasoning", control: true };
}

/**
 * Column indices to keep: the first occurrence of each training id. A repeat is dropped
 * only if it carries the same scores and ranks as the kept column, since otherwise the
 * choice of column would silently change results.
 */
function distinctColumns(file: string, demo: RuisDemo): number[] {
  const firstColumn = new Map<number, number>();
  const keep: number[] = [];
  const matrices = [
    ["influences_dot", demo.influences_dot],
    ["influences_cos", demo.influences_cos],
    ["ranks", demo.ranks],
    ["ranks_normed", demo.ranks_normed],
  ] as const;
  demo.training_ids.forEach((id, j) => {
    const first = firstColumn.get(id);
    if (first === undefined) {
      firstColumn.set(id, j);
      keep.push(j);
      return;
    }
    for (const [name, rows] of matrices) {
      rows.forEach((row, q) => {
        if (row[first] !== row[j]) {
          throw new IngestError(
            file,
            `training_ids[${j}] repeats document ${id} of training_ids[${first}] but ${name}[${q}] differs ` +
              `(${row[first]} vs ${row[j]}); refusing to guess which column is right`,
            `document ${id}`,
          );
        }
      });
    }
  });
  return keep;
}
