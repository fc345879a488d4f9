/**
 * Kronfluence's scores folder, `{output_dir}/{analysis_name}/scores_{scores_name}/`, read as
 * the library writes it. From pomonam/kronfluence:
 *
 * - kronfluence/score/pairwise.py, pairwise_scores_save_path(): `pairwise_scores.safetensors`,
 *   or `pairwise_scores_data_partition{i}_module_partition{j}.safetensors` per partition.
 * - kronfluence/computer/score_computer.py, _aggregate_scores() (called with dim=1 for
 *   pairwise scores): for each data partition the module partitions' tensors are added
 *   key by key (`add_`, in the tensors' dtype), and the data partitions are concatenated
 *   along the train dimension; the combined file is written only once every partition
 *   exists. Without compute_per_module_scores (per_module_score in older releases) a file
 *   holds one tensor, "all_modules" (utils/constants.py ALL_MODULE_NAME), [queries, train];
 *   with it, one tensor per module, and score/pairwise.py sums modules with `add_` in the
 *   score dtype to make "all_modules".
 * - kronfluence/computer/computer.py: `{score,factor}_arguments.json` (Arguments.to_dict(),
 *   dtypes as strings) and `{query,train}_dataset_metadata.json` holding
 *   {"type", "dataset_size", "indices"}: the indices passed to compute_pairwise_scores, so
 *   column i of the scores is train dataset item indices[i] (rows likewise for queries).
 * - kronfluence/arguments.py: ScoreArguments.data_partitions / module_partitions
 *   (data_partition_size / module_partition_size before 1.0).
 */
import path from "node:path";
import type { DatasetProvenance, JsonValue, ProvenanceFile } from "@/lib/domain/records";
import { IngestError } from "@/lib/ingest/ingest-error";
import { folderFiles, planAxis, provenanceFile, readJsonObject, type AxisPlan, type FolderScores, type Identified } from "./folder-files";
import { ScoreFileWriter, type ScoreSource } from "@/lib/ingest/score-source";
import { inspectSafetensors, openScores, type TensorInfo } from "./scores";
import { checkSelfInfluence, KRONFLUENCE_SELF_SCORES, readSelfScoreVector } from "./self-scores";

export const KRONFLUENCE_COMBINED = "pairwise_scores.safetensors";
const PARTITION_FILE = /^pairwise_scores_data_partition(\d+)_module_partition(\d+)\.safetensors$/;
const ALL_MODULES = "all_modules";

export const partitionFileName = (data: number, module: number) =>
  `pairwise_scores_data_partition${data}_module_partition${module}.safetensors`;

export interface KronfluenceOptions {
  /** Picks one module's scores from per-module files instead of summing every module. */
  module?: string;
  chunkBytes?: number;
}

interface PlannedFile {
  file: string;
  /** The tensors added together from this file, in header order. */
  keys: string[];
  dtype: string;
  /** [queries, train] of every tensor used. */
  shape: [number, number];
}

/**
 * Reads a Kronfluence scores folder into S[q, d] over the queries and documents the run
 * covered (all of them, or those its dataset metadata indexes). Refuses an incomplete
 * partition set naming the missing files, shapes that disagree across partitions, a
 * module that is not there, and per-token (3-D) scores.
 */
export async function readKronfluenceScores<Q extends Identified, D extends Identified>(
  dir: string,
  queries: readonly Q[],
  documents: readonly D[],
  options: KronfluenceOptions = {},
): Promise<FolderScores<Q, D>> {
  const names = new Set(await folderFiles(dir));
  const sidecar = async (name: string) => (names.has(name) ? readJsonObject(path.join(dir, name)) : null);
  const scoreArguments = await sidecar("score_arguments.json");
  const factorArguments = await sidecar("factor_arguments.json");
  const queryMetadata = await sidecar("query_dataset_metadata.json");
  const trainMetadata = await sidecar("train_dataset_metadata.json");

  const grid = partitionGrid(dir, names, scoreArguments);
  const planned: ReturnType<typeof planFile>[][] = [];
  const safetensorsMetadata: Record<string, string>[] = [];
  for (const row of grid.files) {
    const plannedRow: ReturnType<typeof planFile>[] = [];
    for (const file of row) {
      const contents = await inspectSafetensors(file);
      if (contents.metadata) safetensorsMetadata.push(contents.metadata);
      plannedRow.push(planFile(file, contents.tensors, options.module));
    }
    planned.push(plannedRow);
  }
  if (options.module !== undefined) {
    planned.forEach((row, i) => {
      if (row.every((f) => f.keys.length === 0)) {
        const available = [...new Set(row.flatMap((f) => f.available))].map((n) => `"${n}"`).join(", ");
        throw new IngestError(
          row.length === 1 ? row[0]!.file : dir,
          `no tensor named "${options.module}"${row.length === 1 ? "" : ` in data partition ${i}`}; the file${row.length === 1 ? " has" : "s have"} ${available}`,
        );
      }
    });
  }
  const used = planned.map((row) => row.filter((f) => f.keys.length > 0));
  const queryCount = checkShapes(used);
  const columnCounts = used.map((row) => row[0]!.shape[1]);
  const trainCount = columnCounts.reduce((a, b) => a + b, 0);

  const rows = planAxis(
    queryMetadata ? path.join(dir, "query_dataset_metadata.json") : grid.scoresFile,
    indicesOf(path.join(dir, "query_dataset_metadata.json"), queryMetadata),
    queries,
    queryCount,
    { axis: "query rows", items: "queries" },
  );
  const columns = planAxis(
    trainMetadata ? path.join(dir, "train_dataset_metadata.json") : grid.scoresFile,
    indicesOf(path.join(dir, "train_dataset_metadata.json"), trainMetadata),
    documents,
    trainCount,
    { axis: "train columns", items: "documents" },
  );
  checkDatasetSize(path.join(dir, "query_dataset_metadata.json"), queryMetadata, queries.length, "queries");
  checkDatasetSize(path.join(dir, "train_dataset_metadata.json"), trainMetadata, documents.length, "documents");

  // One tensor of one file (the combined file, no modules to sum) over every query and
  // document in order: read a query at a time, in place (or through one converting pass).
  const single = used.length === 1 && used[0]!.length === 1 && used[0]![0]!.keys.length === 1 ? used[0]![0]! : null;
  const inOrder = (axis: { kept: readonly unknown[]; byPosition: readonly unknown[]; keptIndex: Int32Array }) =>
    axis.kept.length === axis.byPosition.length && axis.keptIndex.every((k, i) => k === i);
  const direct = single && inOrder(rows) && inOrder(columns)
    ? await openScores(single.file, rows.byPosition, columns.byPosition,
      { format: "safetensors", key: single.keys[0], orientation: "queries-documents", chunkBytes: options.chunkBytes })
    : null;
  const sidecars: Sidecars = { scoreArguments, factorArguments, queryMetadata, trainMetadata, safetensorsMetadata };
  const scores = direct ?? (await sumPartitions(dir, used, rows, columns, options));
  try {
    const { provenance, selfInfluence } = await describeRun(dir, names, grid, used, columns, trainCount, options, sidecars);
    return { queries: rows.kept, documents: columns.kept, scores, provenance, ...(selfInfluence ? { selfInfluence } : {}) };
  } catch (error) {
    await scores.close();
    throw error;
  }
}

/**
 * The data partitions side by side, each the sum of its module tensors, into a temporary
 * query-major file over the kept queries and documents: a query at a time, each tensor
 * read (or converted) through openScores, so memory holds a few query rows of one
 * partition, not the matrix.
 */
async function sumPartitions(
  dir: string,
  used: readonly PlannedFile[][],
  rows: AxisPlan<Identified>,
  columns: AxisPlan<Identified>,
  options: KronfluenceOptions,
): Promise<ScoreSource> {
  const out = await ScoreFileWriter.create(rows.kept.length, columns.kept.length);
  try {
    let firstColumn = 0;
    for (const row of used) {
      const width = row[0]!.shape[1];
      const partitionDocuments = columns.byPosition.slice(firstColumn, firstColumn + width);
      const parts: { source: ScoreSource; dtype: string }[] = [];
      try {
        // Every tensor is checked on opening, before any sum is.
        for (const { file, keys, dtype } of row) {
          for (const key of keys) {
            const source = await openScores(file, rows.byPosition, partitionDocuments, {
              format: "safetensors",
              key,
              orientation: "queries-documents",
              chunkBytes: options.chunkBytes,
            });
            parts.push({ source, dtype });
          }
        }
        const sumFile = row[0]!.file;
        for (let q = 0; q < rows.byPosition.length; q++) {
          const sum = await parts[0]!.source.row(q);
          for (const part of parts.slice(1)) addRounded(sum, await part.source.row(q), part.dtype);
          const target = rows.keptIndex[q]!;
          for (let c = 0; c < width; c++) {
            const value = sum[c]!;
            if (!Number.isFinite(value)) {
              throw new IngestError(
                row.length > 1 ? dir : sumFile,
                `the sum of the module partitions is ${value} in ${row[0]!.dtype}; every score must be finite`,
                `query ${rows.byPosition[q]!.id} / document ${partitionDocuments[c]!.id}`,
              );
            }
            out.set(target, columns.keptIndex[firstColumn + c]!, value);
          }
        }
      } finally {
        for (const part of parts) await part.source.close();
      }
      firstColumn += width;
    }
  } catch (error) {
    await out.discard();
    throw error;
  }
  return out.finish();
}

/** The run's provenance, settings and self-influence (everything but the scores). */
async function describeRun(
  dir: string,
  names: ReadonlySet<string>,
  grid: ReturnType<typeof partitionGrid>,
  used: readonly PlannedFile[][],
  columns: AxisPlan<Identified>,
  trainCount: number,
  options: KronfluenceOptions,
  sidecars: Sidecars,
) {
  const { scoreArguments, factorArguments, queryMetadata, trainMetadata, safetensorsMetadata } = sidecars;
  const files: ProvenanceFile[] = [];
  for (const [name, role] of [
    ["score_arguments.json", "score arguments"],
    ["factor_arguments.json", "factor arguments"],
    ["query_dataset_metadata.json", "query dataset metadata"],
    ["train_dataset_metadata.json", "train dataset metadata"],
  ] as const) {
    if (names.has(name)) files.push(await provenanceFile(dir, path.join(dir, name), role));
  }
  for (const row of used) for (const { file } of row) files.push(await provenanceFile(dir, file, "scores"));
  // Self-influence beside the pairwise scores: one value per train column, mapped as they are.
  let selfInfluence: Float64Array | undefined;
  if (names.has(KRONFLUENCE_SELF_SCORES)) {
    const file = path.join(dir, KRONFLUENCE_SELF_SCORES);
    const vector = await readSelfScoreVector(file);
    if (vector.length !== trainCount) {
      throw new IngestError(file, `${vector.length} self-influence values but the pairwise scores have ${trainCount} train columns`);
    }
    const mapped = new Float64Array(columns.kept.length);
    for (let c = 0; c < trainCount; c++) mapped[columns.keptIndex[c]!] = vector[c]!;
    selfInfluence = checkSelfInfluence(file, mapped, columns.kept);
    files.push(await provenanceFile(dir, file, "self-influence"));
  }
  const keys = [...new Set(used.flatMap((row) => row.flatMap((f) => f.keys)))];
  const settings: Record<string, JsonValue> = {
    layout: grid.partitioned ? "partitioned" : "combined",
    dataPartitions: grid.files.length,
    modulePartitions: grid.files[0]?.length ?? 0,
    tensors: keys,
    modulesSummed: keys.length > 1 || (grid.partitioned && (grid.files[0]?.length ?? 0) > 1),
    scoreDtype: used[0]![0]!.dtype,
  };
  if (options.module !== undefined) settings.module = options.module;
  if (scoreArguments) settings.scoreArguments = scoreArguments;
  else if (safetensorsMetadata[0]) settings.scoreArguments = safetensorsMetadata[0];
  if (factorArguments) settings.factorArguments = factorArguments;
  if (queryMetadata) settings.queryDatasetMetadata = summariseMetadata(queryMetadata);
  if (trainMetadata) settings.trainDatasetMetadata = summariseMetadata(trainMetadata);
  const provenance: DatasetProvenance = { format: "kronfluence", library: "kronfluence", libraryVersion: null, files, settings };
  return { provenance, selfInfluence };
}

interface Sidecars {
  scoreArguments: Record<string, JsonValue> | null;
  factorArguments: Record<string, JsonValue> | null;
  queryMetadata: Record<string, JsonValue> | null;
  trainMetadata: Record<string, JsonValue> | null;
  /** The score files' own metadata strings, in file order. */
  safetensorsMetadata: Record<string, string>[];
}

/** The score files as a grid [data partition][module partition]; the combined file is 1 × 1. */
function partitionGrid(dir: string, names: ReadonlySet<string>, scoreArguments: Record<string, JsonValue> | null) {
  if (names.has(KRONFLUENCE_COMBINED)) {
    const combined = path.join(dir, KRONFLUENCE_COMBINED);
    return { files: [[combined]], partitioned: false, scoresFile: combined };
  }
  const found: [number, number][] = [];
  for (const name of names) {
    const match = PARTITION_FILE.exec(name);
    if (match) found.push([Number(match[1]), Number(match[2])]);
  }
  if (found.length === 0) {
    throw new IngestError(
      dir,
      `no pairwise scores: expected ${KRONFLUENCE_COMBINED} or pairwise_scores_data_partition{i}_module_partition{j}.safetensors`,
    );
  }
  const declared = (current: string, legacy: string) => {
    const value = scoreArguments?.[current] ?? scoreArguments?.[legacy];
    return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null;
  };
  const declaredData = declared("data_partitions", "data_partition_size");
  const declaredModule = declared("module_partitions", "module_partition_size");
  const dataCount = declaredData ?? Math.max(...found.map(([i]) => i)) + 1;
  const moduleCount = declaredModule ?? Math.max(...found.map(([, j]) => j)) + 1;
  const source =
    declaredData !== null && declaredModule !== null
      ? `score_arguments.json declares ${dataCount} data × ${moduleCount} module partitions`
      : `the files found imply ${dataCount} data × ${moduleCount} module partitions`;
  const outside = found.filter(([i, j]) => i >= dataCount || j >= moduleCount);
  if (outside.length > 0) {
    throw new IngestError(dir, `${partitionFileName(...outside[0]!)} lies outside the partition set: ${source}`);
  }
  const have = new Set(found.map(([i, j]) => `${i},${j}`));
  const missing: string[] = [];
  for (let i = 0; i < dataCount; i++) {
    for (let j = 0; j < moduleCount; j++) if (!have.has(`${i},${j}`)) missing.push(partitionFileName(i, j));
  }
  if (missing.length > 0) {
    throw new IngestError(
      dir,
      `incomplete partition set: missing ${missing.join(", ")} (${source}; Kronfluence combines partitions only once every one exists)`,
    );
  }
  const files = Array.from({ length: dataCount }, (_, i) =>
    Array.from({ length: moduleCount }, (_, j) => path.join(dir, partitionFileName(i, j))),
  );
  return { files, partitioned: true, scoresFile: dir };
}

/** Which tensors of one file are added: the chosen module, else all_modules, else every module. */
function planFile(file: string, tensors: readonly TensorInfo[], module: string | undefined): PlannedFile & { available: string[] } {
  const available = tensors.map((t) => t.name);
  if (tensors.length === 0) throw new IngestError(file, "no tensors in the file");
  let chosen: TensorInfo[];
  if (module !== undefined) chosen = tensors.filter((t) => t.name === module);
  else {
    const all = tensors.find((t) => t.name === ALL_MODULES);
    chosen = all ? [all] : [...tensors];
  }
  for (const t of chosen) {
    if (t.shape.length === 3) {
      throw new IngestError(
        file,
        `per-token scores (shape [${t.shape.join(", ")}], compute_per_token_scores) go in --token-scores; --scores needs the pairwise [queries, train] matrix`,
        `tensor ${t.name}`,
      );
    }
    if (t.shape.length !== 2) {
      throw new IngestError(file, `expected a 2-D [queries, train] score matrix, got shape [${t.shape.join(", ")}]`, `tensor ${t.name}`);
    }
  }
  const first = chosen[0];
  for (const t of chosen) {
    if (first && (t.shape[0] !== first.shape[0] || t.shape[1] !== first.shape[1])) {
      throw new IngestError(
        file,
        `shape mismatch between modules: tensor ${t.name} is [${t.shape.join(", ")}] but ${first.name} is [${first.shape.join(", ")}]`,
      );
    }
    if (first && t.dtype !== first.dtype) {
      throw new IngestError(file, `dtype mismatch between modules: tensor ${t.name} is ${t.dtype} but ${first.name} is ${first.dtype}`);
    }
  }
  return {
    file,
    keys: chosen.map((t) => t.name),
    dtype: first?.dtype ?? "",
    shape: first ? [first.shape[0]!, first.shape[1]!] : [0, 0],
    available,
  };
}

/**
 * Module partitions of one data partition must agree on [queries, train]; data partitions
 * on the number of queries (their train counts are concatenated). Returns the query count.
 */
function checkShapes(used: readonly PlannedFile[][]): number {
  const first = used[0]![0]!;
  for (const row of used) {
    const head = row[0]!;
    for (const f of row) {
      if (f.shape[0] !== head.shape[0] || f.shape[1] !== head.shape[1]) {
        throw new IngestError(
          f.file,
          `shape mismatch across partitions: [${f.shape.join(", ")}] here but [${head.shape.join(", ")}] in ${path.basename(head.file)} (module partitions of a data partition must match)`,
        );
      }
      if (f.dtype !== head.dtype) {
        throw new IngestError(f.file, `dtype mismatch across partitions: ${f.dtype} here but ${head.dtype} in ${path.basename(head.file)}`);
      }
    }
    if (head.shape[0] !== first.shape[0]) {
      throw new IngestError(
        head.file,
        `shape mismatch across partitions: ${head.shape[0]} query rows here but ${first.shape[0]} in ${path.basename(first.file)} (data partitions split the train dimension only)`,
      );
    }
  }
  return first.shape[0];
}

function indicesOf(file: string, metadata: Record<string, JsonValue> | null): readonly unknown[] | null {
  const indices = metadata?.indices;
  if (indices === undefined || indices === null) return null;
  if (!Array.isArray(indices)) throw new IngestError(file, `"indices" must be null or a list of integers`);
  return indices;
}

function checkDatasetSize(file: string, metadata: Record<string, JsonValue> | null, count: number, items: string) {
  const size = metadata?.dataset_size;
  // Without indices the score shape is checked against the file; with them, the indices
  // point into the whole dataset, which the items file must then be.
  if (typeof size === "number" && Array.isArray(metadata?.indices) && size !== count) {
    throw new IngestError(file, `"dataset_size" is ${size} but the ${items} file has ${count} ${items}; indices point into the whole dataset`);
  }
}

/** The metadata without the indices themselves (millions of numbers); their count instead. */
function summariseMetadata(metadata: Record<string, JsonValue>): Record<string, JsonValue> {
  const { indices, ...rest } = metadata;
  return { ...rest, indexCount: Array.isArray(indices) ? indices.length : null };
}

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/**
 * `row += add` element by element, rounded to `dtype` after each addition as torch's
 * add_ does on BF16 or F16 tensors, so the result equals the file Kronfluence would have
 * combined; F32 and F64 inputs add in float32 (F64 was already rounded on reading).
 */
function addRounded(row: Float32Array, add: Float32Array, dtype: string): void {
  const round = dtype === "BF16" ? roundToBfloat16 : dtype === "F16" ? roundToFloat16 : null;
  if (round) for (let i = 0; i < row.length; i++) row[i] = round(row[i]! + add[i]!);
  else for (let i = 0; i < row.length; i++) row[i] = row[i]! + add[i]!;
}

/** Nearest bfloat16 (ties to even), from the float32 nearest `x`. */
export function roundToBfloat16(x: number): number {
  scratch[0] = x;
  const bits = scratchBits[0]!;
  if (Number.isNaN(scratch[0])) return NaN;
  scratchBits[0] = ((bits + 0x7fff + ((bits >>> 16) & 1)) & 0xffff0000) >>> 0;
  return scratch[0]!;
}

/** Nearest IEEE half-precision value (ties to even); beyond 65520 in magnitude, ±Infinity. */
export function roundToFloat16(x: number): number {
  const v = Math.fround(x);
  if (!Number.isFinite(v) || v === 0) return v;
  const magnitude = Math.abs(v);
  if (magnitude >= 65520) return v > 0 ? Infinity : -Infinity;
  // Spacing of half-precision values around v: 2^(e - 10) for normals, 2^-24 below 2^-14.
  scratch[0] = magnitude;
  const exponent = Math.max(((scratchBits[0]! >>> 23) & 0xff) - 127, -14);
  const quantum = 2 ** (exponent - 10);
  const scaled = v / quantum;
  let rounded = Math.round(scaled);
  if (Math.abs(scaled % 1) === 0.5) rounded = 2 * Math.round(scaled / 2);
  return rounded * quantum;
}
