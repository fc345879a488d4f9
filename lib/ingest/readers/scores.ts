import path from "node:path";
import type { FileHandle } from "node:fs/promises";
import { z } from "zod";
import { IngestError } from "@/lib/ingest/ingest-error";
import {
  CHUNK_BYTES,
  decodeUtf8,
  errorMessage,
  isBlank,
  openForReading,
  parseJsonLine,
  readLineBatches,
} from "./jsonl";
import { describeValue, describeZodError } from "./validation";
import { fileScores, memoryScores, ScoreFileWriter, temporaryFile, writeAt, type ScoreSource, type WriterPaging } from "@/lib/ingest/score-source";

export type ScoreFormat = "safetensors" | "npy" | "csv" | "jsonl";

/** Which axis of a dense matrix is which: rows × columns. */
export type ScoreOrientation = "queries-documents" | "documents-queries";

export interface ReadScoresOptions {
  /** Overrides the format inferred from the file extension. */
  format?: ScoreFormat;
  /** safetensors tensor name; default "all_modules" (Kronfluence), or the only tensor. */
  key?: string;
  /** Dense matrices only; inferred from the shape when the counts make it unambiguous. */
  orientation?: ScoreOrientation;
  /** Read size in bytes (default 16 MB); tests shrink it to cross chunk boundaries. */
  chunkBytes?: number;
  /** Long formats' temporary file pages (ScoreFileWriter); tests shrink them. */
  paging?: WriterPaging;
}

/** File extensions per format; `.mmap` is TRAK's `scores/<experiment>.mmap`, an .npy file. */
export const SCORE_FORMAT_EXTENSIONS: Readonly<Record<ScoreFormat, readonly string[]>> = {
  safetensors: [".safetensors"],
  npy: [".npy", ".mmap"],
  csv: [".csv"],
  jsonl: [".jsonl", ".ndjson"],
};

interface Identified {
  id: string;
}

/**
 * Reads a score matrix S[q, d] from a dense (.safetensors, .npy) or long (CSV or JSONL
 * rows of query_id, document_id, score) file.
 *
 * Returns one Float32Array per query, in `queries` order, each of length
 * `documents.length` in `documents` order. Every value is a finite float32. Files are
 * read in chunks straight into these rows, so peak memory stays near the matrix size.
 * Throws an IngestError naming the file, the record and the problem for any bad input.
 */
export async function readScores(
  file: string,
  queries: readonly Identified[],
  documents: readonly Identified[],
  options: ReadScoresOptions = {},
): Promise<Float32Array[]> {
  const format = options.format ?? inferScoreFormat(file);
  const ids = { queries, documents };
  switch (format) {
    case "safetensors":
    case "npy": {
      const handle = await openForReading(file);
      try {
        const source = await denseSource(file, handle, format, options);
        const rows = ids.queries.map(() => new Float32Array(ids.documents.length));
        await readDense(file, handle, source, ids, options, { rows });
        return rows;
      } finally {
        await handle.close();
      }
    }
    case "csv":
    case "jsonl": {
      const rows = ids.queries.map(() => new Float32Array(ids.documents.length));
      const pairs = new PairCollector(file, ids, { set: (q, d, value) => void (rows[q]![d] = value) });
      await (format === "csv" ? readLongCsv : readLongJsonl)(file, options, pairs);
      return rows;
    }
  }
  // Reachable when a caller passes an unchecked string (a command-line flag, say).
  throw new IngestError(file, `unknown score format "${String(format)}": known formats are ${knownFormats()}`);
}

/**
 * Opens a score matrix for reading a query at a time (lib/ingest/score-source.ts), with
 * readScores' checks and messages. A dense file is read once through: little-endian
 * float32 [queries, documents] (Kronfluence's layout) is then read in place; any other
 * dtype, byte order or layout ([documents, queries] as TRAK writes it, fortran order) is
 * converted in that pass into a temporary query-major float32 file, removed on close
 * (or when the process ends, however it ends). Long CSV/JSONL files are read once through,
 * each score written to its place in such a temporary file (ScoreFileWriter).
 */
export async function openScores(
  file: string,
  queries: readonly Identified[],
  documents: readonly Identified[],
  options: ReadScoresOptions = {},
): Promise<ScoreSource> {
  const format = options.format ?? inferScoreFormat(file);
  const ids = { queries, documents };
  const Q = queries.length;
  const D = documents.length;
  if (format === "csv" || format === "jsonl") {
    const writer = await ScoreFileWriter.create(Q, D, options.paging);
    try {
      await (format === "csv" ? readLongCsv : readLongJsonl)(file, options, new PairCollector(file, ids, writer));
    } catch (error) {
      await writer.discard();
      throw error;
    }
    return writer.finish();
  }
  if (format !== "safetensors" && format !== "npy") return memoryScores(await readScores(file, queries, documents, options), D);
  const handle = await openForReading(file);
  let kept = false;
  try {
    const source = await denseSource(file, handle, format, options);
    if (denseLayout(file, source, ids, options).inPlace) {
      await readDense(file, handle, source, ids, options, { put: null });
      kept = true;
      return fileScores(handle, file, source.dataOffset, Q, D);
    }
    const temporary = await temporaryFile("scores");
    try {
      const bytes = (values: Float32Array) => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
      await readDense(file, handle, source, ids, options, {
        put: (q, d, values) => writeAt(temporary.handle, bytes(values), (q * D + d) * 4),
      });
    } catch (error) {
      await temporary.handle.close();
      throw error;
    }
    return fileScores(temporary.handle, temporary.file, 0, Q, D);
  } finally {
    if (!kept) await handle.close();
  }
}

/** The score format a file name implies, or an IngestError listing the known ones. */
export function inferScoreFormat(file: string): ScoreFormat {
  const extension = path.extname(file).toLowerCase();
  for (const [format, extensions] of Object.entries(SCORE_FORMAT_EXTENSIONS)) {
    if (extensions.includes(extension)) return format as ScoreFormat;
  }
  throw new IngestError(
    file,
    `unknown score format "${extension || "(no extension)"}": known formats are ${knownFormats()}; name one with --format`,
  );
}

function knownFormats(): string {
  return Object.entries(SCORE_FORMAT_EXTENSIONS)
    .map(([format, extensions]) => `${format} (${extensions.join(", ")})`)
    .join(", ");
}

interface Ids {
  queries: readonly Identified[];
  documents: readonly Identified[];
}

// ---------------------------------------------------------------------------------------
// Dense matrices

type FloatDtype = "f16" | "bf16" | "f32" | "f64";

const ITEM_SIZE: Readonly<Record<FloatDtype, number>> = { f16: 2, bf16: 2, f32: 4, f64: 8 };

/** Values per transposition block (128 KB of float32): small enough to stay in cache. */
const TRANSPOSE_BLOCK_VALUES = 32_768;

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Where a dense matrix sits in its file and how its bytes are laid out. */
interface DenseSource {
  dtype: FloatDtype;
  /** Byte order of the values in the file. */
  littleEndian: boolean;
  /** Byte position of the first value. */
  dataOffset: number;
  /** Shape as the header gives it. */
  shape: readonly [number, number];
  /** Column-major (numpy's fortran_order): element [i, j] sits at j * shape[0] + i. */
  fortranOrder: boolean;
  /** Names the tensor in messages ("tensor all_modules"); undefined for .npy. */
  record?: string;
}

const SAFETENSORS_DTYPES: ReadonlyMap<string, FloatDtype> = new Map([
  ["F16", "f16"],
  ["BF16", "bf16"],
  ["F32", "f32"],
  ["F64", "f64"],
]);

/** The safetensors format caps headers at 100 MB; a bigger value means a corrupt file. */
const SAFETENSORS_MAX_HEADER = 100_000_000;

const safetensorsTensorSchema = z.object({
  dtype: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  data_offsets: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
});

/** Where the score matrix sits in a safetensors or .npy file, from its header. */
async function denseSource(file: string, handle: FileHandle, format: "safetensors" | "npy", options: ReadScoresOptions) {
  if (format === "npy") return npySource(file, handle);
  const { header, dataStart, size } = await safetensorsHeader(file, handle);
  const tensorNames = Object.keys(header).filter((name) => name !== "__metadata__");
  const key = chooseTensor(file, tensorNames, options.key);
  return tensorSource(file, header, key, dataStart, size);
}

/** A tensor's name, dtype (as the header spells it: "F32", "BF16", ...) and shape. */
export interface TensorInfo {
  name: string;
  dtype: string;
  shape: number[];
}

/** What a safetensors header says: its tensors in file order, the metadata strings, the file size. */
export interface SafetensorsContents {
  tensors: TensorInfo[];
  metadata: Record<string, string> | null;
  bytes: number;
}

/**
 * Reads a safetensors file's header only (a few KB, whatever the tensors' size), checking
 * each tensor's entry as `readScores` would, so a folder reader can plan before reading.
 */
export async function inspectSafetensors(file: string): Promise<SafetensorsContents> {
  const handle = await openForReading(file);
  try {
    const { header, dataStart, size } = await safetensorsHeader(file, handle);
    const tensors: TensorInfo[] = [];
    for (const name of Object.keys(header)) {
      if (name === "__metadata__") continue;
      tensorSource(file, header, name, dataStart, size, { anyRank: true });
      const { dtype, shape } = safetensorsTensorSchema.parse(header[name]);
      tensors.push({ name, dtype, shape });
    }
    const raw = header.__metadata__;
    const metadata =
      typeof raw === "object" && raw !== null && !Array.isArray(raw)
        ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]))
        : null;
    return { tensors, metadata, bytes: size };
  } finally {
    await handle.close();
  }
}

/**
 * One tensor of a safetensors file read whole, any rank, as float32 (row-major): for the
 * small tensors beside a score matrix (self-influence [train], per-token scores of a few
 * pairs). Values are returned as stored; the caller checks them with its own context.
 */
export async function readWholeTensor(file: string, name: string): Promise<{ shape: number[]; dtype: string; values: Float32Array }> {
  const handle = await openForReading(file);
  try {
    const { header, dataStart, size } = await safetensorsHeader(file, handle);
    const source = tensorSource(file, header, name, dataStart, size, { anyRank: true });
    const { dtype, shape } = safetensorsTensorSchema.parse(header[name]);
    const n = source.shape[0];
    const bytes = await readExactly(file, handle, n * ITEM_SIZE[source.dtype], source.dataOffset);
    // A fresh, aligned copy: readExactly's buffer may sit at any offset.
    const buffer = bytes.slice().buffer;
    let values: Float32Array;
    switch (source.dtype) {
      case "f32":
        values = new Float32Array(buffer);
        break;
      case "f64":
        values = Float32Array.from(new Float64Array(buffer));
        break;
      case "f16": {
        const table = float16Table();
        values = Float32Array.from(new Uint16Array(buffer), (h) => table[h] ?? Number.NaN);
        break;
      }
      case "bf16": {
        // bfloat16 is the top half of a float32: shifting the bits up is exact.
        const bits = Uint32Array.from(new Uint16Array(buffer), (h) => h << 16);
        values = new Float32Array(bits.buffer);
        break;
      }
    }
    return { shape, dtype, values };
  } finally {
    await handle.close();
  }
}

async function safetensorsHeader(file: string, handle: FileHandle) {
  const size = await fileSize(file, handle);
  if (size < 8) {
    throw new IngestError(file, `bad header: ${size} bytes is too short for a safetensors file (8-byte header length first)`);
  }
  const prefix = await readExactly(file, handle, 8, 0);
  const headerLength = new DataView(prefix.buffer).getBigUint64(0, true);
  if (headerLength > BigInt(Math.min(SAFETENSORS_MAX_HEADER, size - 8))) {
    throw new IngestError(
      file,
      `bad header: header length ${headerLength} exceeds the ${size - 8} bytes after it (truncated, or not a safetensors file)`,
    );
  }
  const dataStart = 8 + Number(headerLength);
  const headerBytes = await readExactly(file, handle, Number(headerLength), 8);
  return { header: parseSafetensorsHeader(file, headerBytes), dataStart, size };
}

/** Checks one tensor's header entry against the file; `anyRank` skips the 2-D check (inspection). */
function tensorSource(
  file: string,
  header: Record<string, unknown>,
  key: string,
  dataStart: number,
  size: number,
  { anyRank = false } = {},
): DenseSource {
  const record = `tensor ${key}`;
  const parsed = safetensorsTensorSchema.safeParse(header[key], { reportInput: true });
  if (!parsed.success) throw new IngestError(file, `bad header: ${describeZodError(parsed.error)}`, record);
  const { dtype: dtypeName, shape, data_offsets: offsets } = parsed.data;
  const dtype = SAFETENSORS_DTYPES.get(dtypeName);
  if (!dtype) {
    throw new IngestError(file, `unsupported dtype ${dtypeName}: expected F32, F16, BF16 or F64`, record);
  }
  const matrixShape: [number, number] = anyRank ? [shape.reduce((a, b) => a * b, 1), 1] : twoDimensional(file, shape, record);
  const [begin, end] = offsets;
  const needed = matrixShape[0] * matrixShape[1] * ITEM_SIZE[dtype];
  if (end < begin || end - begin !== needed) {
    throw new IngestError(
      file,
      `bad header: data_offsets [${begin}, ${end}] span ${end - begin} bytes but ${dtypeName} shape [${shape.join(", ")}] needs ${needed}`,
      record,
    );
  }
  if (dataStart + end > size) {
    throw new IngestError(
      file,
      `file is truncated: the header places the tensor's data up to byte ${dataStart + end} but the file has ${size} bytes`,
      record,
    );
  }
  return { dtype, littleEndian: true, dataOffset: dataStart + begin, shape: matrixShape, fortranOrder: false, record };
}

function parseSafetensorsHeader(file: string, bytes: Uint8Array): Record<string, unknown> {
  const text = decodeUtf8(file, bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new IngestError(file, `bad header: not valid JSON (${errorMessage(error)})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new IngestError(file, "bad header: expected a JSON object of tensors");
  }
  return value as Record<string, unknown>;
}

function chooseTensor(file: string, names: readonly string[], requested: string | undefined): string {
  const list = names.length > 0 ? names.map((name) => `"${name}"`).join(", ") : "none";
  if (requested !== undefined) {
    if (names.includes(requested)) return requested;
    throw new IngestError(file, `no tensor named "${requested}"; the file has ${list}`);
  }
  if (names.includes("all_modules")) return "all_modules";
  const only = names.length === 1 ? names[0] : undefined;
  if (only !== undefined) return only;
  throw new IngestError(
    file,
    `no tensor "all_modules" and ${names.length === 0 ? "no tensors at all" : `several tensors (${list})`}; name one with --key`,
  );
}

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** An .npy file's dtype ("float16", "float32", "float64"), shape and size, from its header alone. */
export async function inspectNpy(file: string): Promise<{ dtype: string; shape: [number, number]; bytes: number }> {
  const handle = await openForReading(file);
  try {
    const source = await npySource(file, handle);
    return { dtype: NPY_DTYPE_NAMES[source.dtype], shape: [...source.shape], bytes: (await handle.stat()).size };
  } finally {
    await handle.close();
  }
}

async function npySource(file: string, handle: FileHandle): Promise<DenseSource> {
  const size = await fileSize(file, handle);
  if (size < 10) throw new IngestError(file, `bad header: ${size} bytes is too short for an .npy file`);
  const prefix = await readExactly(file, handle, Math.min(12, size), 0);
  if (!NPY_MAGIC.every((byte, i) => prefix[i] === byte)) {
    throw new IngestError(file, 'bad header: not an .npy file (it does not start with "\\x93NUMPY")');
  }
  const major = prefix[6];
  const minor = prefix[7];
  const view = new DataView(prefix.buffer);
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if ((major === 2 || major === 3) && size >= 12) {
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw new IngestError(file, `bad header: unsupported .npy format version ${major}.${minor} (known: 1.0, 2.0, 3.0)`);
  }
  if (headerStart + headerLength > size) {
    throw new IngestError(
      file,
      `bad header: header length ${headerLength} exceeds the ${size - headerStart} bytes after it (truncated file)`,
    );
  }
  const header = decodeUtf8(file, await readExactly(file, handle, headerLength, headerStart));
  const { dtype, littleEndian, fortranOrder, shape } = parseNpyHeader(file, header);
  const dataOffset = headerStart + headerLength;
  const dataBytes = shape[0] * shape[1] * ITEM_SIZE[dtype];
  if (dataOffset + dataBytes !== size) {
    const values = `${shape[0]} × ${shape[1]} ${NPY_DTYPE_NAMES[dtype]} values (${dataBytes} bytes)`;
    throw new IngestError(
      file,
      dataOffset + dataBytes > size
        ? `file is truncated: the header promises ${values} but only ${size - dataOffset} bytes follow it`
        : `size does not match the header: ${values} should end the file, but ${size - dataOffset - dataBytes} more bytes follow`,
    );
  }
  return { dtype, littleEndian, dataOffset, shape, fortranOrder };
}

const NPY_DTYPE_NAMES: Readonly<Record<FloatDtype, string>> = {
  f16: "float16",
  bf16: "bfloat16",
  f32: "float32",
  f64: "float64",
};

/** Parses numpy's header, a Python dict literal: {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), } */
function parseNpyHeader(file: string, header: string) {
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(header)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new IngestError(file, `bad header: expected 'descr', 'fortran_order' and 'shape' in ${JSON.stringify(header.trim())}`);
  }
  const dtypeMatch = /^([<>|=]?)f([248])$/.exec(descr);
  if (!dtypeMatch) {
    throw new IngestError(file, `unsupported dtype '${descr}': expected float16, float32 or float64 ('<f2', '<f4', '<f8')`);
  }
  const dtype: FloatDtype = dtypeMatch[2] === "2" ? "f16" : dtypeMatch[2] === "4" ? "f32" : "f64";
  // '|' (not applicable) and '=' (native) both mean the writer's machine order; numpy only
  // writes them for such files on its host, and every common host is little-endian.
  const littleEndian = dtypeMatch[1] === ">" ? false : dtypeMatch[1] === "<" ? true : HOST_LITTLE_ENDIAN;
  const dims = shapeText
    .split(",")
    .map((part) => part.trim().replace(/L$/, ""))
    .filter((part) => part.length > 0);
  if (!dims.every((dim) => /^\d+$/.test(dim))) {
    throw new IngestError(file, `bad header: shape (${shapeText}) is not a tuple of integers`);
  }
  const shape = twoDimensional(file, dims.map(Number), undefined);
  return { dtype, littleEndian, fortranOrder: fortran === "True", shape };
}

function twoDimensional(file: string, shape: readonly number[], record: string | undefined): [number, number] {
  const [rows, cols] = shape;
  if (shape.length !== 2 || rows === undefined || cols === undefined) {
    throw new IngestError(file, `expected a 2-D score matrix, got shape [${shape.join(", ")}]`, record);
  }
  return [rows, cols];
}

/**
 * Decides which axis holds queries: the flag wins when it fits the shape; otherwise the
 * counts decide, and a square matrix with as many queries as documents needs the flag.
 */
function resolveOrientation(
  file: string,
  shape: readonly [number, number],
  ids: Ids,
  flag: ScoreOrientation | undefined,
  record: string | undefined,
): ScoreOrientation {
  const q = ids.queries.length;
  const d = ids.documents.length;
  const [a, b] = shape;
  const fitsQd = a === q && b === d;
  const fitsDq = a === d && b === q;
  const counts = `${q} queries × ${d} documents`;
  if (flag === "queries-documents" && !fitsQd) {
    throw new IngestError(file, `shape [${a}, ${b}] does not match ${counts} (orientation queries-documents expects [${q}, ${d}])`, record);
  }
  if (flag === "documents-queries" && !fitsDq) {
    throw new IngestError(file, `shape [${a}, ${b}] does not match ${counts} (orientation documents-queries expects [${d}, ${q}])`, record);
  }
  if (flag) return flag;
  if (fitsQd && fitsDq) {
    throw new IngestError(
      file,
      `shape [${a}, ${b}] fits both orientations with ${counts}; pass --orientation queries-documents or documents-queries`,
      record,
    );
  }
  if (fitsQd) return "queries-documents";
  if (fitsDq) return "documents-queries";
  throw new IngestError(file, `shape [${a}, ${b}] does not match ${counts}`, record);
}

/** How a dense matrix's bytes map to queries and documents. */
function denseLayout(file: string, source: DenseSource, ids: Ids, options: ReadScoresOptions) {
  const orientation = resolveOrientation(file, source.shape, ids, options.orientation, source.record);
  const [a, b] = source.shape;
  const rowsAreQueries = (orientation === "queries-documents") !== source.fortranOrder;
  const swap = source.littleEndian !== HOST_LITTLE_ENDIAN;
  return {
    rows: source.fortranOrder ? b : a,
    cols: source.fortranOrder ? a : b,
    rowsAreQueries,
    swap,
    /** Float32 query rows in machine order: readable in place, a row at a time. */
    inPlace: source.dtype === "f32" && !swap && rowsAreQueries,
  };
}

/**
 * Where readDense puts the values: into rows in memory, or as runs of one query's scores
 * from a document on (`put`; null only checks the values).
 */
type DenseTarget = { rows: Float32Array[] } | { put: ((q: number, d: number, values: Float32Array) => void | Promise<void>) | null };

/**
 * Reads a dense matrix through once, checking every value, into `target`. The file's
 * row-major layout has `rows` physical rows of `cols` values; when they are query rows,
 * chunks are passed on in runs; when they are document rows (TRAK, or fortran order),
 * each chunk holds whole document rows and is transposed into one run per query.
 */
async function readDense(
  file: string,
  handle: FileHandle,
  source: DenseSource,
  ids: Ids,
  options: ReadScoresOptions,
  target: DenseTarget,
): Promise<void> {
  const { rows, cols, rowsAreQueries, swap, inPlace } = denseLayout(file, source, ids, options);
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const documentCount = ids.documents.length;
  const itemSize = ITEM_SIZE[source.dtype];
  const put = "rows" in target ? (q: number, d: number, values: Float32Array) => target.rows[q]?.set(values, d) : target.put;

  // Names the (query, document) pair of the value at a flat position in the file.
  const pairAt = (index: number) => {
    const r = Math.floor(index / cols);
    const c = index - r * cols;
    return rowsAreQueries ? { q: r, d: c } : { q: c, d: r };
  };
  const refuse = (index: number, value: number, original: number | null) => {
    const { q, d } = pairAt(index);
    throw nonFiniteError(file, ids, q, d, value, original);
  };

  if (inPlace && "rows" in target) {
    // Fast path (Kronfluence's layout): read each query row straight into its array.
    for (let q = 0; q < target.rows.length; q++) {
      const row = target.rows[q] ?? new Float32Array(0);
      const bytes = new Uint8Array(row.buffer, row.byteOffset, row.byteLength);
      await readInto(file, handle, bytes, source.dataOffset + q * documentCount * 4);
      const bad = firstNonFinite(row, documentCount);
      if (bad >= 0) refuse(q * documentCount + bad, row[bad] ?? NaN, null);
    }
    return;
  }

  const total = rows * cols;
  if (total === 0) return;
  // A scattered chunk must hold whole document rows so each query column is one stride.
  const perChunk = rowsAreQueries
    ? Math.max(1, Math.floor(chunkBytes / itemSize))
    : Math.max(1, Math.floor(chunkBytes / (itemSize * cols))) * cols;
  const chunkElements = Math.max(1, Math.min(perChunk, total));
  const buffer = new ArrayBuffer(chunkElements * itemSize);
  const bytes = new Uint8Array(buffer);
  const converted = source.dtype === "f32" ? new Float32Array(buffer) : new Float32Array(chunkElements);
  const convertedBits = new Uint32Array(converted.buffer, converted.byteOffset, converted.length);
  // A chunk of document rows as one run per query, query after query.
  const transposed = rowsAreQueries || put === null ? converted : new Float32Array(chunkElements);

  for (let start = 0; start < total; start += chunkElements) {
    const n = Math.min(chunkElements, total - start);
    const chunk = bytes.subarray(0, n * itemSize);
    await readInto(file, handle, chunk, source.dataOffset + start * itemSize);
    if (swap) swapBytes(chunk, itemSize);

    // Convert to float32 and check every value before it lands in a row.
    switch (source.dtype) {
      case "f32": {
        const bad = firstNonFinite(converted, n);
        if (bad >= 0) refuse(start + bad, converted[bad] ?? NaN, null);
        break;
      }
      case "f64": {
        const wide = new Float64Array(buffer, 0, n);
        for (let i = 0; i < n; i++) converted[i] = wide[i] ?? NaN;
        const bad = firstNonFinite(converted, n);
        if (bad >= 0) refuse(start + bad, converted[bad] ?? NaN, wide[bad] ?? NaN);
        break;
      }
      case "f16": {
        const half = new Uint16Array(buffer, 0, n);
        const table = float16Table();
        for (let i = 0; i < n; i++) converted[i] = table[half[i] ?? 0] ?? NaN;
        const bad = firstNonFinite(converted, n);
        if (bad >= 0) refuse(start + bad, converted[bad] ?? NaN, null);
        break;
      }
      case "bf16": {
        // bfloat16 is the top half of a float32: shifting the bits up is exact.
        const half = new Uint16Array(buffer, 0, n);
        for (let i = 0; i < n; i++) convertedBits[i] = (half[i] ?? 0) << 16;
        const bad = firstNonFinite(converted, n);
        if (bad >= 0) refuse(start + bad, converted[bad] ?? NaN, null);
        break;
      }
    }

    if (put === null) continue;
    if (rowsAreQueries) {
      let offset = 0;
      while (offset < n) {
        const index = start + offset;
        const q = Math.floor(index / cols);
        const d = index - q * cols;
        const run = Math.min(cols - d, n - offset);
        await put(q, d, converted.subarray(offset, offset + run));
        offset += run;
      }
    } else {
      // Transpose in blocks of documents small enough to stay in cache while every query
      // column is picked out of them; a whole 16 MB chunk per column would stream it from
      // memory once per query.
      const firstDocument = start / cols;
      const documentRows = n / cols;
      const blockRows = Math.max(16, Math.floor(TRANSPOSE_BLOCK_VALUES / cols));
      for (let block = 0; block < documentRows; block += blockRows) {
        const blockEnd = Math.min(block + blockRows, documentRows);
        for (let q = 0; q < cols; q++) {
          let k = block * cols + q;
          const run = transposed.subarray(q * documentRows, (q + 1) * documentRows);
          for (let i = block; i < blockEnd; i++, k += cols) run[i] = converted[k] ?? NaN;
        }
      }
      for (let q = 0; q < cols; q++) await put(q, firstDocument, transposed.subarray(q * documentRows, (q + 1) * documentRows));
    }
  }
}

function nonFiniteError(file: string, ids: Ids, q: number, d: number, value: number, original: number | null) {
  const record = `query ${ids.queries[q]?.id ?? q} / document ${ids.documents[d]?.id ?? d}`;
  const problem =
    original !== null && Number.isFinite(original)
      ? `score ${original} overflows float32 (largest finite is ±3.4028235e38); every score must be a finite float32`
      : `score is ${describeValue(value)}; every score must be finite`;
  return new IngestError(file, problem, record);
}

/** Index of the first NaN or ±Infinity among the first `n` values, or -1. */
function firstNonFinite(values: Float32Array, n: number): number {
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? NaN;
    // v - v is 0 for every finite v and NaN for NaN and ±Infinity.
    if (v - v !== 0) return i;
  }
  return -1;
}

let float16Lookup: Float32Array | null = null;

/** All 65,536 IEEE half-precision values as float32 (exact: float32 is a superset). */
export function float16Table(): Float32Array {
  if (float16Lookup) return float16Lookup;
  const table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const mantissa = h & 0x3ff;
    table[h] =
      exponent === 0
        ? sign * mantissa * 2 ** -24 // zero and subnormals
        : exponent === 31
          ? mantissa === 0
            ? sign * Infinity
            : NaN
          : sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
  }
  float16Lookup = table;
  return table;
}

function swapBytes(bytes: Uint8Array, itemSize: number): void {
  for (let i = 0; i + itemSize <= bytes.length; i += itemSize) {
    for (let lo = i, hi = i + itemSize - 1; lo < hi; lo++, hi--) {
      const t = bytes[lo] ?? 0;
      bytes[lo] = bytes[hi] ?? 0;
      bytes[hi] = t;
    }
  }
}

async function fileSize(file: string, handle: FileHandle): Promise<number> {
  const { size } = await handle.stat();
  if (size === 0) throw new IngestError(file, "file is empty");
  return size;
}

async function readExactly(file: string, handle: FileHandle, length: number, position: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  await readInto(file, handle, bytes, position);
  return bytes;
}

/** Fills `target` from `position`; the callers checked the size, so a short read means the file changed. */
async function readInto(file: string, handle: FileHandle, target: Uint8Array, position: number): Promise<void> {
  let filled = 0;
  while (filled < target.length) {
    const { bytesRead } = await handle.read(target, filled, target.length - filled, position + filled);
    if (bytesRead === 0) {
      throw new IngestError(file, `file is truncated: it ended at byte ${position + filled} while reading (was it changed during ingest?)`);
    }
    filled += bytesRead;
  }
}

// ---------------------------------------------------------------------------------------
// Long format: one (query_id, document_id, score) per row

/** Where a reader puts S[q, d]: rows in memory, or a ScoreFileWriter. */
interface ScoreStore {
  set(q: number, d: number, value: number): void;
}

/**
 * Collects long-format rows into `store`. A bitset per query records which pairs were
 * seen (D/8 bytes each), so duplicates and gaps are caught without a Set of strings.
 */
class PairCollector {
  private readonly queryIds: readonly string[];
  private readonly documentIds: readonly string[];
  private readonly queryIndex = new Map<string, number>();
  private readonly documentIndex = new Map<string, number>();
  private readonly seen: Uint8Array[];
  private count = 0;
  // Long files list pairs grouped and in order, so the next id is usually the previous
  // one or the one after it: two string comparisons instead of hashing a fresh string.
  private lastQuery = 0;
  private lastDocument = 0;

  constructor(
    private readonly file: string,
    private readonly ids: Ids,
    private readonly store: ScoreStore,
  ) {
    this.queryIds = ids.queries.map((q) => q.id);
    this.documentIds = ids.documents.map((d) => d.id);
    this.queryIds.forEach((id, i) => this.queryIndex.set(id, i));
    this.documentIds.forEach((id, i) => this.documentIndex.set(id, i));
    const d = ids.documents.length;
    this.seen = ids.queries.map(() => new Uint8Array((d + 7) >> 3));
  }

  /**
   * Records S[q, d] from line `line`. `written` is the score's text for messages (CSV);
   * messages are built only when refusing, since this runs once per row of 100M-row files.
   */
  add(line: number, queryId: string, documentId: string, score: number, written: string | null): void {
    let q = this.lastQuery;
    if (this.queryIds[q] !== queryId) {
      q = this.queryIds[q + 1] === queryId ? q + 1 : (this.queryIndex.get(queryId) ?? -1);
      if (q < 0) {
        throw new IngestError(this.file, `unknown query id ${describeValue(queryId)} (not in the queries file)`, `line ${line}`);
      }
      this.lastQuery = q;
    }
    let d = this.lastDocument;
    if (this.documentIds[d] !== documentId) {
      d = this.documentIds[d + 1] === documentId ? d + 1 : (this.documentIndex.get(documentId) ?? -1);
      if (d < 0) {
        throw new IngestError(
          this.file,
          `unknown document id ${describeValue(documentId)} (not in the documents file)`,
          `line ${line}`,
        );
      }
      this.lastDocument = d;
    }
    const value = Math.fround(score);
    const seen = this.seen[q];
    const bit = 1 << (d & 7);
    const byte = seen?.[d >> 3] ?? 0;
    if (value - value !== 0 || byte & bit || !seen) this.refuse(line, queryId, documentId, score, written, byte & bit);
    else {
      seen[d >> 3] = byte | bit;
      this.store.set(q, d, value);
      this.count++;
    }
  }

  private refuse(line: number, queryId: string, documentId: string, score: number, written: string | null, seen: number): never {
    const record = `line ${line}, query ${queryId} / document ${documentId}`;
    if (seen) {
      throw new IngestError(this.file, "duplicate pair: this (query, document) pair was already given; each must appear exactly once", record);
    }
    const text = written === null ? String(score) : written === "" ? "(empty)" : JSON.stringify(written);
    throw new IngestError(
      this.file,
      Number.isFinite(score)
        ? `score ${text} overflows float32 (largest finite is ±3.4028235e38); every score must be a finite float32`
        : `score ${text} is not a finite number; every score must be finite`,
      record,
    );
  }

  /** Returns once every pair has been seen; otherwise names one missing pair and the count. */
  finish(): void {
    const documentCount = this.ids.documents.length;
    const expected = this.ids.queries.length * documentCount;
    if (this.count === expected) return;
    for (let q = 0; q < this.seen.length; q++) {
      const seen = this.seen[q] ?? new Uint8Array(0);
      for (let d = 0; d < documentCount; d++) {
        if (((seen[d >> 3] ?? 0) & (1 << (d & 7))) === 0) {
          throw new IngestError(
            this.file,
            `pair missing: ${expected - this.count} of ${expected} (query, document) pairs are missing; every pair must appear exactly once (missing is an error, not zero)`,
            `query ${this.ids.queries[q]?.id ?? q} / document ${this.ids.documents[d]?.id ?? d}`,
          );
        }
      }
    }
  }
}

const LONG_COLUMNS = ["query_id", "document_id", "score"] as const;

/** Reads every line into `pairs` and checks that every pair was given. */
async function readLongCsv(file: string, options: ReadScoresOptions, pairs: PairCollector): Promise<void> {
  let columns: { query: number; document: number; score: number; count: number } | null = null;
  // A quoted field may span lines (RFC 4180): the record's text so far and its first line.
  let pending: string | null = null;
  let pendingLine = 0;
  for await (const batch of readLineBatches(file, { chunkBytes: options.chunkBytes })) {
    const { firstLine, lines } = batch;
    for (let i = 0; i < lines.length; i++) {
      let text = lines[i] ?? "";
      let line = firstLine + i;
      if (pending !== null) {
        text = `${pending}\n${text}`;
        line = pendingLine;
      } else if (isBlank(text)) continue;
      if (columns !== null && text.indexOf('"') < 0) {
        // Unquoted row (the usual case): pick out the three fields without splitting all.
        let queryId = "";
        let documentId = "";
        let written = "";
        let field = 0;
        let start = 0;
        for (;;) {
          const comma = text.indexOf(",", start);
          const end = comma < 0 ? text.length : comma;
          if (field === columns.query) queryId = text.slice(start, end);
          else if (field === columns.document) documentId = text.slice(start, end);
          else if (field === columns.score) written = text.slice(start, end).trim();
          field++;
          if (comma < 0) break;
          start = comma + 1;
        }
        if (field !== columns.count) throw fieldCountError(file, columns.count, field, line);
        // Number("") is 0, so an empty field must be caught before converting.
        pairs.add(line, queryId, documentId, written === "" ? NaN : Number(written), written);
        continue;
      }
      const fields = parseCsvRecord(file, text, line);
      if (fields === null) {
        pending = text;
        pendingLine = line;
        continue;
      }
      pending = null;
      if (columns === null) {
        columns = csvColumns(file, fields, `line ${line}`);
        continue;
      }
      if (fields.length !== columns.count) throw fieldCountError(file, columns.count, fields.length, line);
      const written = (fields[columns.score] ?? "").trim();
      const score = written === "" ? NaN : Number(written);
      pairs.add(line, fields[columns.query] ?? "", fields[columns.document] ?? "", score, written);
    }
  }
  if (pending !== null) {
    throw new IngestError(file, "unterminated quoted field: the file ends inside quotes", `line ${pendingLine}`);
  }
  if (columns === null) throw new IngestError(file, "file is empty (only blank lines)");
  pairs.finish();
}

function fieldCountError(file: string, expected: number, got: number, line: number): IngestError {
  return new IngestError(
    file,
    `expected ${expected} fields as in the header, got ${got} (quote ids that contain commas)`,
    `line ${line}`,
  );
}

function csvColumns(file: string, header: readonly string[], record: string) {
  const names = header.map((name) => name.trim());
  const indexOf = (name: string) => {
    const first = names.indexOf(name);
    if (first >= 0 && names.indexOf(name, first + 1) >= 0) {
      throw new IngestError(file, `header names column "${name}" twice`, record);
    }
    return first;
  };
  const [query, document, score] = LONG_COLUMNS.map(indexOf);
  if (query === undefined || document === undefined || score === undefined || query < 0 || document < 0 || score < 0) {
    const missing = LONG_COLUMNS.filter((name) => !names.includes(name));
    throw new IngestError(
      file,
      `header must name the columns query_id, document_id and score; missing ${missing.join(", ")} (found ${names.map((n) => JSON.stringify(n)).join(", ")})`,
      record,
    );
  }
  return { query, document, score, count: names.length };
}

/**
 * Splits one CSV record (RFC 4180: fields in double quotes may hold commas, newlines and
 * doubled quotes). Returns null when a quoted field is still open at the end of the text,
 * so the caller can append the next line.
 */
export function parseCsvRecord(file: string, text: string, line: number): string[] | null {
  if (text.indexOf('"') < 0) return text.split(",");
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 0x22) {
      let value = "";
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) return null;
        value += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) === 0x22) {
          value += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === text.length) return fields;
      if (text.charCodeAt(i) !== 0x2c) {
        throw new IngestError(
          file,
          `malformed CSV: a closing quote must be followed by a comma or the end of the line (column ${i + 1})`,
          `line ${line}`,
        );
      }
      i++;
    } else {
      const comma = text.indexOf(",", i);
      const end = comma < 0 ? text.length : comma;
      fields.push(text.slice(i, end));
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}

/**
 * The line layout nearly every writer produces, matched without JSON.parse (which costs
 * about a microsecond per call, most of the time on a 100M-line file): the three keys in
 * this order, ids as strings without escapes or as plain integers, a JSON number score,
 * JSON whitespace only. Any other line (escapes, extra keys, other order) takes the
 * general path, so the result is the same as parsing every line.
 */
// JSON forbids raw control characters in strings, so the fast path must not accept them.
const PLAIN_LONG_LINE =
  // eslint-disable-next-line no-control-regex
  /^[ \t]*\{[ \t]*"query_id"[ \t]*:[ \t]*(?:"([^"\\\u0000-\u001f]+)"|(-?(?:0|[1-9]\d*)))[ \t]*,[ \t]*"document_id"[ \t]*:[ \t]*(?:"([^"\\\u0000-\u001f]+)"|(-?(?:0|[1-9]\d*)))[ \t]*,[ \t]*"score"[ \t]*:[ \t]*(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)[ \t]*\}[ \t]*$/;

/** Reads every line into `pairs` and checks that every pair was given. */
async function readLongJsonl(file: string, options: ReadScoresOptions, pairs: PairCollector): Promise<void> {
  let records = 0;
  for await (const batch of readLineBatches(file, { chunkBytes: options.chunkBytes })) {
    const { firstLine, lines } = batch;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i] ?? "";
      const line = firstLine + i;
      const plain = PLAIN_LONG_LINE.exec(text);
      if (plain) {
        records++;
        // Number() follows the same correctly rounded decimal conversion as JSON.parse.
        const queryId = plain[1] ?? String(Number(plain[2]));
        const documentId = plain[3] ?? String(Number(plain[4]));
        pairs.add(line, queryId, documentId, Number(plain[5]), null);
        continue;
      }
      if (isBlank(text)) continue;
      records++;
      // Checked by hand rather than with zod: long files can have 100M lines.
      const value = parseJsonLine(file, line, text);
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new IngestError(
          file,
          `record must be a JSON object with query_id, document_id and score, got ${describeValue(value)}`,
          `line ${line}`,
        );
      }
      const row = value as Record<string, unknown>;
      const queryId = idField(file, row, "query_id", line);
      const documentId = idField(file, row, "document_id", line);
      const score = row.score;
      if (typeof score !== "number") {
        throw new IngestError(
          file,
          score === undefined ? 'missing required field "score"' : `field "score" must be a number, got ${describeValue(score)}`,
          `line ${line}, query ${queryId} / document ${documentId}`,
        );
      }
      pairs.add(line, queryId, documentId, score, null);
    }
  }
  if (records === 0) throw new IngestError(file, "file is empty (only blank lines)");
  pairs.finish();
}

function idField(file: string, row: Record<string, unknown>, name: string, line: number): string {
  const value = row[name];
  if (typeof value === "string" && value.length > 0) return value;
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  throw new IngestError(
    file,
    value === undefined
      ? `missing required field "${name}"`
      : `field "${name}" must be a non-empty string or an integer, got ${describeValue(value)}`,
    `line ${line}`,
  );
}
