/**
 * A TRAK `save_dir`, read as MadryLab/trak writes it (trak/savers.py, MmapSaver):
 * init_experiment() records `{exp_name: {num_targets, scores_path, scores_finalized: 0}}`
 * in `experiments.json`; finalize_scores() (trak/traker.py) fills
 * `scores/{exp_name}.mmap`, an .npy file (numpy open_memmap) of shape
 * [train_set_size, num_targets], float16 when use_half_precision (the default) else
 * float32; save_scores() then sets scores_finalized to 1 and rewrites experiments.json.
 * (Older releases, 0.2.1 for one, set the flag in memory only, so their experiments.json
 * keeps 0; the README tells users to set it once they know finalize_scores ran.)
 * `metadata.json` holds the TRAKer's settings (JL dimension, JL matrix type, train set size).
 */
import { access } from "node:fs/promises";
import path from "node:path";
import type { DatasetProvenance, JsonValue } from "@/lib/domain/records";
import { IngestError } from "@/lib/ingest/ingest-error";
import { folderFiles, provenanceFile, readJsonObject, type FolderScores, type Identified } from "./folder-files";
import { inspectNpy, openScores } from "./scores";
import { describeValue } from "./validation";

export interface TrakOptions {
  /** The experiment to read; required when experiments.json lists several. */
  experiment?: string;
  chunkBytes?: number;
}

/**
 * Reads one finalized experiment of a TRAK save_dir into S[q, d]: targets are the
 * queries (in queries-file order), the train set the documents.
 */
export async function readTrakScores<Q extends Identified, D extends Identified>(
  dir: string,
  queries: readonly Q[],
  documents: readonly D[],
  options: TrakOptions = {},
): Promise<FolderScores<Q, D>> {
  const experimentsFile = path.join(dir, "experiments.json");
  const experiments = await readJsonObject(experimentsFile);
  const names = Object.keys(experiments);
  const list = names.map((n) => `"${n}"`).join(", ");
  let name = options.experiment;
  if (name === undefined) {
    if (names.length !== 1) {
      throw new IngestError(
        experimentsFile,
        names.length === 0 ? "no experiments recorded" : `several experiments (${list}); pick one with --experiment`,
      );
    }
    name = names[0]!;
  } else if (!Object.hasOwn(experiments, name)) {
    throw new IngestError(experimentsFile, `no experiment named "${name}"; the file lists ${list || "none"}`);
  }
  const entry = experiments[name];
  const record = `experiment ${name}`;
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    throw new IngestError(experimentsFile, `expected an object with num_targets and scores_finalized, got ${describeValue(entry)}`, record);
  }
  const finalized = entry.scores_finalized;
  if (finalized !== 1 && finalized !== true) {
    throw new IngestError(
      experimentsFile,
      `scores are not finalized (scores_finalized is ${describeValue(finalized ?? null)}); run traker.finalize_scores(exp_name="${name}") first`,
      record,
    );
  }
  const targets = entry.num_targets;
  if (typeof targets !== "number" || !Number.isInteger(targets)) {
    throw new IngestError(experimentsFile, `num_targets must be an integer, got ${describeValue(targets ?? null)}`, record);
  }
  if (targets !== queries.length) {
    throw new IngestError(experimentsFile, `num_targets is ${targets} but the queries file has ${queries.length} queries`, record);
  }

  const scoresFile = path.join(dir, "scores", `${name}.mmap`);
  try {
    await access(scoresFile);
  } catch {
    throw new IngestError(scoresFile, `missing: experiments.json lists experiment "${name}" but its scores file is not there`);
  }
  const { dtype } = await inspectNpy(scoresFile);
  // TRAK writes [documents, queries]: one transposing pass into a temporary file.
  const scores = await openScores(scoresFile, queries, documents, {
    format: "npy",
    orientation: "documents-queries",
    chunkBytes: options.chunkBytes,
  });

  const files = [await provenanceFile(dir, experimentsFile, "experiments")];
  const settings: Record<string, JsonValue> = { experiment: name, experimentEntry: entry, scoreDtype: dtype };
  if ((await folderFiles(dir)).includes("metadata.json")) {
    const metadataFile = path.join(dir, "metadata.json");
    settings.metadata = await readJsonObject(metadataFile);
    files.push(await provenanceFile(dir, metadataFile, "TRAKer metadata"));
  }
  files.push(await provenanceFile(dir, scoresFile, "scores"));
  const provenance: DatasetProvenance = { format: "trak", library: "trak", libraryVersion: null, files, settings };
  return { queries: [...queries], documents: [...documents], scores, provenance };
}
