/**
 * Self-influence: Kronfluence's `self_scores.safetensors` (kronfluence/score/self.py,
 * self_scores_save_path; one value per train item, tensor "all_modules", or one per module
 * with compute_per_module_scores, summed here in float32 as the library sums them).
 * The self-normalised rankings divide by its square root, so every value must be finite
 * and positive: anything else is refused naming the document.
 */
import { IngestError } from "@/lib/ingest/ingest-error";
import { firstInvalidSelfInfluence } from "@/lib/stats/self-normalised";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Identified } from "./folder-files";
import { inspectSafetensors, readWholeTensor } from "./scores";

export const KRONFLUENCE_SELF_SCORES = "self_scores.safetensors";

/**
 * The self-influence values of `file`, one per train item in file order (not yet mapped
 * onto documents): a safetensors tensor [train] ("all_modules", or every module summed).
 */
export async function readSelfScoreVector(file: string): Promise<Float64Array> {
  const { tensors } = await inspectSafetensors(file);
  if (tensors.length === 0) throw new IngestError(file, "no tensors in the file");
  const all = tensors.find((t) => t.name === "all_modules");
  const chosen = all ? [all] : tensors;
  let sum: Float64Array | null = null;
  for (const t of chosen) {
    if (t.shape.length !== 1) {
      throw new IngestError(file, `expected self-influence as a 1-D [train] tensor, got shape [${t.shape.join(", ")}]`, `tensor ${t.name}`);
    }
    const { values } = await readWholeTensor(file, t.name);
    if (sum === null) sum = Float64Array.from(values);
    else if (values.length !== sum.length) {
      throw new IngestError(file, `shape mismatch between modules: tensor ${t.name} has ${values.length} values but ${chosen[0]!.name} has ${sum.length}`);
    } else for (let i = 0; i < sum.length; i++) sum[i] = Math.fround(sum[i]! + values[i]!);
  }
  return sum!;
}

/**
 * Checks self-influence values laid over `documents` (same order): the right count, and
 * every value finite and positive. Returns them.
 */
export function checkSelfInfluence(file: string, values: Float64Array, documents: readonly Identified[]): Float64Array {
  if (values.length !== documents.length) {
    throw new IngestError(file, `${values.length} self-influence values for ${documents.length} documents`);
  }
  const bad = firstInvalidSelfInfluence(values);
  if (bad >= 0) {
    throw new IngestError(
      file,
      `self-influence is ${values[bad]}; self-normalised scores (score / sqrt(self-influence)) need every value finite and positive`,
      `document ${documents[bad]!.id}`,
    );
  }
  return values;
}

/**
 * Self-influence over the dataset's documents from `--self-scores <file>` (or a folder
 * holding self_scores.safetensors): one value per document, in the documents file's order
 * of the documents the dataset keeps. Returns the file read and the values.
 */
export async function readSelfScores(file: string, documents: readonly Identified[]): Promise<{ file: string; values: Float64Array }> {
  const tensorFile = (await isDirectory(file)) ? path.join(file, KRONFLUENCE_SELF_SCORES) : file;
  return { file: tensorFile, values: checkSelfInfluence(tensorFile, await readSelfScoreVector(tensorFile), documents) };
}

async function isDirectory(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isDirectory(), () => false);
}
