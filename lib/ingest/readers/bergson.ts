/**
 * A Bergson scores folder, read as EleutherAI/bergson writes it
 * (bergson/score/score_writer.py, MemmapSequenceScoreWriter): `scores.bin` is a numpy
 * memmap of `num_items` records (one per training item, in dataset order), each holding
 * for every query i a field `score_{i}` (the score dtype: float32, float16 or bfloat16 via
 * ml_dtypes) and a bool `written_{i}`; each (score, written) pair is padded to the next
 * power of two (`aligned_pair_size`) and the record to a multiple of 8 bytes. `info.json`
 * describes it: {"num_items", "num_scores", "dtype": {"names", "formats", "offsets",
 * "itemsize"}}. The file starts zero-filled, so a pair whose written flag is still false
 * was never scored. The memmap uses the host's byte order: little-endian on every
 * platform Bergson runs on (CUDA hosts). bergson/score/score.py writes
 * `index_config.json` and `score_config.json` next to them.
 */
import { open } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { DatasetProvenance, JsonValue } from "@/lib/domain/records";
import { IngestError } from "@/lib/ingest/ingest-error";
import { ScoreFileWriter } from "@/lib/ingest/score-source";
import { CHUNK_BYTES, errorMessage } from "./jsonl";
import { folderFiles, provenanceFile, readJsonObject, type FolderScores, type Identified } from "./folder-files";
import { float16Table } from "./scores";
import { describeValue, describeZodError } from "./validation";

export interface BergsonOptions {
  chunkBytes?: number;
}

const SCORE_SIZES: Readonly<Record<string, number>> = { float16: 2, bfloat16: 2, float32: 4, float64: 8 };

const infoSchema = z.object({
  num_items: z.number().int().nonnegative(),
  num_scores: z.number().int().nonnegative(),
  dtype: z.object({
    names: z.array(z.string()),
    formats: z.array(z.string()),
    offsets: z.array(z.number().int().nonnegative()),
    itemsize: z.number().int().positive(),
  }),
});

/**
 * Reads a Bergson scores folder into S[q, d] (a source over a query-major temporary file);
 * queries are the score fields, documents the records.
 */
export async function readBergsonScores<Q extends Identified, D extends Identified>(
  dir: string,
  queries: readonly Q[],
  documents: readonly D[],
  options: BergsonOptions = {},
): Promise<FolderScores<Q, D>> {
  const infoFile = path.join(dir, "info.json");
  const scoresFile = path.join(dir, "scores.bin");
  const raw = await readJsonObject(infoFile);
  if (raw.attribute_tokens === true) {
    throw new IngestError(infoFile, "per-token scores (token_scores.bin, attribute_tokens) are not supported; score whole sequences");
  }
  const parsed = infoSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new IngestError(infoFile, describeZodError(parsed.error));
  const info = parsed.data;
  const layout = fieldLayout(infoFile, info);

  if (info.num_scores !== queries.length) {
    throw new IngestError(infoFile, `num_scores is ${info.num_scores} but the queries file has ${queries.length} queries`);
  }
  if (info.num_items !== documents.length) {
    throw new IngestError(infoFile, `num_items is ${info.num_items} but the documents file has ${documents.length} documents`);
  }

  let handle;
  try {
    handle = await open(scoresFile, "r");
  } catch (error) {
    throw new IngestError(scoresFile, `cannot open the file (${errorMessage(error)})`);
  }
  // Records are document-major: each score goes to its place in a query-major temporary file.
  const scores = await ScoreFileWriter.create(queries.length, documents.length);
  let missing = 0;
  let firstMissing: { q: number; d: number } | null = null;
  try {
    const { size } = await handle.stat();
    const expected = info.num_items * info.dtype.itemsize;
    if (size !== expected) {
      throw new IngestError(
        scoresFile,
        `info.json is inconsistent with the file size: ${info.num_items} items × ${info.dtype.itemsize} bytes = ${expected} bytes, but the file has ${size}`,
      );
    }
    const itemsize = info.dtype.itemsize;
    const perChunk = Math.max(1, Math.floor((options.chunkBytes ?? CHUNK_BYTES) / itemsize));
    const buffer = new Uint8Array(Math.min(perChunk, Math.max(1, info.num_items)) * itemsize);
    const view = new DataView(buffer.buffer);
    const half = layout.scoreFormat === "float16" ? float16Table() : null;
    const bits = new Float32Array(1);
    const bitsView = new Uint32Array(bits.buffer);
    for (let start = 0; start < info.num_items; start += perChunk) {
      const count = Math.min(perChunk, info.num_items - start);
      const length = count * itemsize;
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, start * itemsize + filled);
        if (bytesRead === 0) throw new IngestError(scoresFile, "file is truncated: it ended while reading (was it changed during ingest?)");
        filled += bytesRead;
      }
      for (let r = 0; r < count; r++) {
        const base = r * itemsize;
        const d = start + r;
        for (let q = 0; q < layout.fields.length; q++) {
          const field = layout.fields[q]!;
          if (buffer[base + field.written] === 0) {
            missing++;
            firstMissing ??= { q, d };
            continue;
          }
          const at = base + field.score;
          let value: number;
          switch (layout.scoreFormat) {
            case "float32":
              value = view.getFloat32(at, true);
              break;
            case "float64":
              value = Math.fround(view.getFloat64(at, true));
              break;
            case "float16":
              value = half![view.getUint16(at, true)]!;
              break;
            default:
              // bfloat16 is the top half of a float32: shifting the bits up is exact.
              bitsView[0] = view.getUint16(at, true) << 16;
              value = bits[0]!;
          }
          if (!Number.isFinite(value)) {
            throw new IngestError(
              scoresFile,
              `score is ${describeValue(value)}; every score must be a finite float32`,
              `query ${queries[q]!.id} / document ${documents[d]!.id}`,
            );
          }
          scores.set(q, d, value);
        }
      }
    }
    if (firstMissing) {
      const total = queries.length * documents.length;
      throw new IngestError(
        scoresFile,
        `pair missing: ${missing} of ${total} (query, document) pairs were never written (written_${firstMissing.q} is false); every pair must be scored (missing is an error, not zero)`,
        `query ${queries[firstMissing.q]!.id} / document ${documents[firstMissing.d]!.id}`,
      );
    }
  } catch (error) {
    await scores.discard();
    throw error;
  } finally {
    await handle.close();
  }
  const source = scores.finish();
  try {
    return { queries: [...queries], documents: [...documents], scores: source, provenance: await describeRun(dir, infoFile, scoresFile, info, layout) };
  } catch (error) {
    await source.close();
    throw error;
  }
}

/** The run's provenance: the layout, the configs beside the scores, the files read. */
async function describeRun(dir: string, infoFile: string, scoresFile: string, info: z.infer<typeof infoSchema>, layout: { scoreFormat: string }) {

  const files = [await provenanceFile(dir, infoFile, "score layout")];
  const settings: Record<string, JsonValue> = {
    scoreDtype: layout.scoreFormat,
    numItems: info.num_items,
    numScores: info.num_scores,
    itemsize: info.dtype.itemsize,
  };
  const present = await folderFiles(dir);
  for (const [name, key, role] of [
    ["index_config.json", "indexConfig", "index config"],
    ["score_config.json", "scoreConfig", "score config"],
  ] as const) {
    if (!present.includes(name)) continue;
    settings[key] = await readJsonObject(path.join(dir, name));
    files.push(await provenanceFile(dir, path.join(dir, name), role));
  }
  files.push(await provenanceFile(dir, scoresFile, "scores"));
  const provenance: DatasetProvenance = { format: "bergson", library: "bergson", libraryVersion: null, files, settings };
  return provenance;
}

/**
 * Byte offsets of each query's score and written flag within a record, checked against
 * the layout Bergson builds: fields score_{i} and written_{i} for i < num_scores, one score
 * format for all, bool flags, everything inside itemsize.
 */
function fieldLayout(infoFile: string, info: z.infer<typeof infoSchema>) {
  const { names, formats, offsets, itemsize } = info.dtype;
  if (names.length !== formats.length || names.length !== offsets.length) {
    throw new IngestError(
      infoFile,
      `dtype lists ${names.length} names, ${formats.length} formats and ${offsets.length} offsets; they must pair up`,
    );
  }
  const index = new Map(names.map((name, i) => [name, i]));
  if (names.length !== 2 * info.num_scores) {
    throw new IngestError(infoFile, `dtype has ${names.length} fields but num_scores ${info.num_scores} needs ${2 * info.num_scores} (score_i and written_i)`);
  }
  let scoreFormat: string | null = null;
  const fields: { score: number; written: number }[] = [];
  for (let i = 0; i < info.num_scores; i++) {
    const s = index.get(`score_${i}`);
    const w = index.get(`written_${i}`);
    if (s === undefined || w === undefined) {
      throw new IngestError(infoFile, `dtype has no field ${s === undefined ? `score_${i}` : `written_${i}`}`);
    }
    const format = formats[s]!;
    const size = SCORE_SIZES[format];
    if (size === undefined) {
      throw new IngestError(infoFile, `unsupported score format "${format}" for score_${i}: expected float32, float16, bfloat16 or float64`);
    }
    if (scoreFormat !== null && format !== scoreFormat) {
      throw new IngestError(infoFile, `score_${i} is ${format} but score_0 is ${scoreFormat}; one format is expected`);
    }
    scoreFormat = format;
    if (formats[w] !== "bool") throw new IngestError(infoFile, `written_${i} must be "bool", got "${formats[w]}"`);
    const score = offsets[s]!;
    const written = offsets[w]!;
    if (score + size > itemsize || written + 1 > itemsize) {
      throw new IngestError(infoFile, `field score_${i} or written_${i} extends past itemsize ${itemsize}`);
    }
    fields.push({ score, written });
  }
  return { scoreFormat: scoreFormat ?? "float32", fields };
}
