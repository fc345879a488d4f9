/**
 * Score folders laid out exactly as the attribution libraries write them, built from their
 * source (cited per builder) with the byte encoders of score-files.ts, so the folder
 * readers are tested against files they did not produce.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { encode, npy, safetensors, type Dtype } from "./score-files";

/** Writes `files` (relative path -> content) under `dir`, creating sub-folders; returns `dir`. */
export async function writeFolder(dir: string, files: Record<string, string | Uint8Array>): Promise<string> {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Kronfluence's save_json: json.dump(obj, f, indent=4, ensure_ascii=False). */
const pythonJson = (value: unknown) => JSON.stringify(value, null, 4);

/** ScoreArguments.to_dict() of kronfluence/arguments.py (1.0 field names), dtypes as str(torch.dtype). */
export function kronfluenceScoreArguments(overrides: Record<string, unknown> = {}): string {
  return pythonJson({
    damping_factor: 1e-8,
    amp_dtype: null,
    offload_activations_to_cpu: false,
    data_partitions: 1,
    module_partitions: 1,
    compute_per_module_scores: false,
    compute_per_token_scores: false,
    query_gradient_accumulation_steps: 1,
    query_gradient_low_rank: null,
    use_full_svd: false,
    aggregate_query_gradients: false,
    aggregate_train_gradients: false,
    use_measurement_for_self_influence: false,
    query_gradient_svd_dtype: "torch.float32",
    per_sample_gradient_dtype: "torch.float32",
    precondition_dtype: "torch.float32",
    score_dtype: "torch.float32",
    ...overrides,
  });
}

/** FactorArguments.to_dict() of kronfluence/arguments.py. */
export function kronfluenceFactorArguments(overrides: Record<string, unknown> = {}): string {
  return pythonJson({
    strategy: "ekfac",
    use_empirical_fisher: false,
    amp_dtype: null,
    amp_scale: 65536.0,
    has_shared_parameters: false,
    covariance_max_examples: 100000,
    covariance_data_partitions: 1,
    covariance_module_partitions: 1,
    activation_covariance_dtype: "torch.float32",
    gradient_covariance_dtype: "torch.float32",
    eigendecomposition_dtype: "torch.float64",
    lambda_max_examples: 100000,
    lambda_data_partitions: 1,
    lambda_module_partitions: 1,
    use_iterative_lambda_aggregation: false,
    offload_activations_to_cpu: false,
    per_sample_gradient_dtype: "torch.float32",
    lambda_dtype: "torch.float32",
    ...overrides,
  });
}

/** computer.py _save_dataset_metadata: {"type", "dataset_size", "indices"}. */
export const kronfluenceDatasetMetadata = (size: number, indices: number[] | null = null, type = "Dataset") =>
  pythonJson({ type, dataset_size: size, indices });

/** A Kronfluence score file: tensors by name, [queries, train] values row-major; metadata as save_pairwise_scores writes it. */
export function kronfluenceScores(
  tensors: Record<string, { shape: number[]; values: readonly number[] }>,
  dtype: Dtype = "F32",
  metadata: Record<string, string> = { damping_factor: "1e-08", score_dtype: "torch.float32" },
): Uint8Array {
  return safetensors(
    Object.fromEntries(
      Object.entries(tensors).map(([name, t]) => [name, { dtype, shape: t.shape, data: encode(t.values, dtype) }]),
    ),
    metadata,
  );
}

/** Columns [from, to) of a row-major matrix given as rows. */
export const columnSlice = (rows: readonly (readonly number[])[], from: number, to: number) =>
  rows.flatMap((row) => row.slice(from, to));

/**
 * TRAK's experiments.json as trak/savers.py MmapSaver writes it: init_experiment() adds
 * {num_targets, scores_path, scores_finalized: 0}; save_scores() sets 1.
 */
export function trakExperiments(saveDir: string, experiments: Record<string, { targets: number; finalized: boolean }>): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(experiments).map(([name, e]) => [
        name,
        { num_targets: e.targets, scores_path: path.join(saveDir, "scores", `${name}.mmap`), scores_finalized: e.finalized ? 1 : 0 },
      ]),
    ),
  );
}

/** scores/<experiment>.mmap: numpy open_memmap, [train, targets], float16 (use_half_precision) or float32. */
export function trakScores(trainByTargets: readonly (readonly number[])[], halfPrecision = true): Uint8Array {
  const rows = trainByTargets.length;
  const cols = trainByTargets[0]?.length ?? 0;
  const dtype = halfPrecision ? "F16" : "F32";
  return npy(halfPrecision ? "<f2" : "<f4", [rows, cols], false, encode(trainByTargets.flat(), dtype));
}

const BERGSON_SIZES = { float32: 4, float16: 2, bfloat16: 2 } as const;
const BERGSON_DTYPES: Record<keyof typeof BERGSON_SIZES, Dtype> = { float32: "F32", float16: "F16", bfloat16: "BF16" };

/**
 * Bergson's scores.bin and info.json, as bergson/score/score_writer.py
 * MemmapSequenceScoreWriter lays them out: per item, per query a (score, written) pair
 * padded to the next power of two, the record padded to 8 bytes; written[d][q] false
 * leaves the pair as np.memmap's w+ mode made it (zero bytes).
 */
export function bergsonScores(
  itemsByQueries: readonly (readonly number[])[],
  format: keyof typeof BERGSON_SIZES,
  written?: (d: number, q: number) => boolean,
): { info: string; bin: Uint8Array; itemsize: number } {
  const numItems = itemsByQueries.length;
  const numScores = itemsByQueries[0]?.length ?? 0;
  const scoreSize = BERGSON_SIZES[format];
  const pairSize = scoreSize + 1;
  const aligned = 2 ** Math.ceil(Math.log2(pairSize));
  const names: string[] = [];
  const formats: string[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < numScores; i++) {
    names.push(`score_${i}`, `written_${i}`);
    formats.push(format, "bool");
    offsets.push(i * aligned, i * aligned + scoreSize);
  }
  const itemsize = Math.ceil((numScores * aligned) / 8) * 8;
  const bin = new Uint8Array(numItems * itemsize);
  itemsByQueries.forEach((row, d) =>
    row.forEach((value, q) => {
      if (written && !written(d, q)) return;
      bin.set(encode([value], BERGSON_DTYPES[format]), d * itemsize + q * aligned);
      bin[d * itemsize + q * aligned + scoreSize] = 1;
    }),
  );
  const info = JSON.stringify({ num_items: numItems, num_scores: numScores, dtype: { names, formats, offsets, itemsize } }, null, 2);
  return { info, bin, itemsize };
}
