import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { DatasetProvenance, JsonValue, ProvenanceFile, ScoreSource } from "@/lib/domain/records";
import { IngestError } from "@/lib/ingest/ingest-error";
import { errorMessage } from "./jsonl";
import { describeValue } from "./validation";

/** What a score folder's reader returns: the kept queries and documents, S[q, d], provenance. */
export interface FolderScores<Q, D> {
  /** The queries the scores cover, in queries-file order (a subset when the run used indices). */
  queries: Q[];
  /** Likewise for documents. */
  documents: D[];
  /** One Float32Array per kept query, each over the kept documents (or a source of them). */
  scores: Float32Array[] | ScoreSource;
  provenance: DatasetProvenance;
  /** Self-influence over the kept documents, when the folder has it (Kronfluence's self_scores). */
  selfInfluence?: Float64Array;
}

export interface Identified {
  id: string;
}

export async function listFolder(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new IngestError(dir, `cannot read the folder (${errorMessage(error)})`);
  }
}

/** The names of the plain files in `dir`. */
export async function folderFiles(dir: string): Promise<string[]> {
  return (await listFolder(dir)).filter((e) => e.isFile()).map((e) => e.name);
}

/** A JSON file that must hold an object; IngestError naming the file otherwise. */
export async function readJsonObject(file: string): Promise<Record<string, JsonValue>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new IngestError(file, `cannot read the file (${errorMessage(error)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new IngestError(file, `not valid JSON (${errorMessage(error)})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new IngestError(file, `expected a JSON object, got ${describeValue(value)}`);
  }
  return value as Record<string, JsonValue>;
}

/** The file's entry in provenance: its path relative to `dir` and its size in bytes. */
export async function provenanceFile(dir: string, file: string, role: string): Promise<ProvenanceFile> {
  const { size } = await stat(file);
  return { path: path.relative(dir, file) || path.basename(file), bytes: size, role };
}

/** How one axis of a score file (rows or columns) maps onto the queries or documents file. */
export interface AxisPlan<T> {
  /** The items the scores cover, in the items file's order. */
  kept: T[];
  /** The item each file position holds, in file order (names pairs in refusals). */
  byPosition: T[];
  /** For each file position, its index in `kept`. */
  keptIndex: Int32Array;
}

/**
 * Maps `count` file positions onto `items` (the queries or documents file, in dataset
 * order). Without indices position i is item i and the counts must agree; with indices
 * (Kronfluence's *_dataset_metadata.json) position i is item indices[i], and the items
 * kept are those indexed, in the items file's order.
 */
export function planAxis<T>(
  file: string,
  indices: readonly unknown[] | null,
  items: readonly T[],
  count: number,
  what: { axis: string; items: string },
): AxisPlan<T> {
  if (indices === null) {
    if (count !== items.length) {
      throw new IngestError(file, `the scores have ${count} ${what.axis} but the ${what.items} file has ${items.length} ${what.items}`);
    }
    return { kept: [...items], byPosition: [...items], keptIndex: Int32Array.from({ length: count }, (_, i) => i) };
  }
  if (indices.length !== count) {
    throw new IngestError(file, `"indices" lists ${indices.length} entries but the scores have ${count} ${what.axis}`);
  }
  const seen = new Int32Array(items.length).fill(-1);
  indices.forEach((value, position) => {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value >= items.length) {
      throw new IngestError(
        file,
        `"indices"[${position}] is ${describeValue(value)}: expected an index into the ${items.length} ${what.items} of the ${what.items} file`,
      );
    }
    if (seen[value] !== -1) {
      throw new IngestError(file, `"indices" lists ${value} twice (positions ${seen[value]} and ${position})`);
    }
    seen[value] = position;
  });
  const keptOrder = [...(indices as number[])].sort((a, b) => a - b);
  const rank = new Map(keptOrder.map((value, i) => [value, i]));
  return {
    kept: keptOrder.map((i) => items[i]!),
    byPosition: (indices as number[]).map((i) => items[i]!),
    keptIndex: Int32Array.from(indices as number[], (i) => rank.get(i)!),
  };
}
