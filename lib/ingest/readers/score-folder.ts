/**
 * `--scores <directory>`: a folder laid out as an attribution library writes it. Finds
 * which library wrote it and hands it to that library's reader.
 */
import { IngestError } from "@/lib/ingest/ingest-error";
import { readBergsonScores } from "./bergson";
import { listFolder, type FolderScores, type Identified } from "./folder-files";
import { readKronfluenceScores } from "./kronfluence";
import { readTrakScores } from "./trak";

/** The layouts `--scores <directory>` recognises, by the library that wrote them. */
export type FolderLayout = "kronfluence" | "trak" | "bergson";

export interface ScoreFolderOptions {
  /** Kronfluence: one module's per-module scores instead of their sum. */
  module?: string;
  /** TRAK: which experiment of experiments.json (required when there are several). */
  experiment?: string;
  /** Read size in bytes; tests shrink it to cross chunk boundaries. */
  chunkBytes?: number;
}

const KRONFLUENCE_FILE = /^(pairwise_scores(_data_partition\d+_module_partition\d+)?\.safetensors|score_arguments\.json)$/;

/**
 * Names the library whose output `dir` holds, from the files it writes: Kronfluence's
 * pairwise_scores*.safetensors or score_arguments.json, TRAK's experiments.json, Bergson's
 * info.json with scores.bin (or token_scores.bin, refused by its reader).
 */
export async function detectFolderLayout(dir: string): Promise<FolderLayout> {
  const entries = await listFolder(dir);
  const names = new Set(entries.map((e) => e.name));
  if (entries.some((e) => e.isFile() && KRONFLUENCE_FILE.test(e.name))) return "kronfluence";
  if (names.has("experiments.json")) return "trak";
  if (names.has("info.json") && (names.has("scores.bin") || names.has("token_scores.bin"))) return "bergson";
  const runs = entries.filter((e) => e.isDirectory() && e.name.startsWith("scores_")).map((e) => e.name).sort();
  if (runs.length > 0) {
    throw new IngestError(
      dir,
      `this looks like a Kronfluence analysis folder; point --scores at one of its scores folders (${runs.join(", ")})`,
    );
  }
  throw new IngestError(
    dir,
    "not a recognised score folder: expected Kronfluence's pairwise_scores*.safetensors, TRAK's experiments.json or Bergson's info.json with scores.bin",
  );
}

/**
 * Reads the score folder `dir` over the given queries and documents (in their files'
 * order), whichever library wrote it. Options that do not apply to the layout found are
 * refused rather than ignored.
 */
export async function readScoreFolder<Q extends Identified, D extends Identified>(
  dir: string,
  queries: readonly Q[],
  documents: readonly D[],
  options: ScoreFolderOptions = {},
): Promise<FolderScores<Q, D>> {
  const layout = await detectFolderLayout(dir);
  if (options.module !== undefined && layout !== "kronfluence") {
    throw new IngestError(dir, `--module applies to Kronfluence scores folders; this is a ${layout} folder`);
  }
  if (options.experiment !== undefined && layout !== "trak") {
    throw new IngestError(dir, `--experiment applies to TRAK save_dirs; this is a ${layout} folder`);
  }
  switch (layout) {
    case "kronfluence":
      return readKronfluenceScores(dir, queries, documents, options);
    case "trak":
      return readTrakScores(dir, queries, documents, options);
    case "bergson":
      return readBergsonScores(dir, queries, documents, options);
  }
}
