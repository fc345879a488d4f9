/**
 * Score matrices read a query (or a block of documents) at a time, so that ingest holds
 * one query's column rather than the whole matrix: 2 GB of float32 at 5M × 100.
 *
 * A file source reads float32 rows positionally from a query-major file: the score file
 * itself when it is little-endian float32 [Q, N], else a temporary copy made by the
 * reader's one converting (or transposing) pass. Temporary files are unlinked as soon as
 * they are open, so nothing is left behind however the process ends (kill -9 included):
 * the kernel frees the space when the last descriptor closes.
 */
import { open, unlink, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { ScoreSource } from "@/lib/domain/records";

export type { ScoreSource } from "@/lib/domain/records";

/** Rows held in memory (generated data, BM25, long-format files, summed partitions). */
export function memoryScores(rows: readonly Float32Array[], documentCount = rows[0]?.length ?? 0): ScoreSource {
  return {
    queryCount: rows.length,
    documentCount,
    row: async (q) => rows[q]!,
    block: async (start, length) => rows.map((row) => row.subarray(start, start + length)),
    close: async () => undefined,
  };
}

/** The matrix as given: a source unchanged, rows wrapped. */
export function scoreSource(scores: Float32Array[] | ScoreSource): ScoreSource {
  return Array.isArray(scores) ? memoryScores(scores) : scores;
}

/** Every row in memory: for small inputs and callers that need them all (tests, sums of partitions). */
export async function allRows(source: ScoreSource): Promise<Float32Array[]> {
  const rows: Float32Array[] = [];
  for (let q = 0; q < source.queryCount; q++) rows.push(await source.row(q));
  return rows;
}

/** Fills `target` from `position` of an open file; a short read means the file changed. */
export async function readAt(handle: FileHandle, target: Uint8Array, position: number, file: string): Promise<void> {
  let filled = 0;
  while (filled < target.length) {
    const { bytesRead } = await handle.read(target, filled, target.length - filled, position + filled);
    if (bytesRead === 0) throw new Error(`${file}: ended at byte ${position + filled} while reading (was it changed during ingest?)`);
    filled += bytesRead;
  }
}

/** Writes all of `bytes` at `position`. */
export async function writeAt(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, position + written);
    written += bytesWritten;
  }
}

const asBytes = (values: ArrayBufferView) => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);

/**
 * A temporary file in os.tmpdir(), opened for reading and writing and already unlinked:
 * it disappears with its descriptor, whatever ends the process.
 */
export async function temporaryFile(label: string): Promise<{ handle: FileHandle; file: string }> {
  const file = path.join(tmpdir(), `influence-explorer-${label}-${process.pid}-${randomUUID()}`);
  const handle = await open(file, "w+", 0o600);
  await unlink(file);
  return { handle, file };
}

/**
 * Little-endian float32 [queryCount, documentCount] rows at `offset` of an open file; the
 * handle is closed with the source. The values were checked when the file was first read.
 */
export function fileScores(handle: FileHandle, file: string, offset: number, queryCount: number, documentCount: number): ScoreSource {
  const rowBytes = documentCount * 4;
  return {
    queryCount,
    documentCount,
    async row(q) {
      const row = new Float32Array(documentCount);
      await readAt(handle, asBytes(row), offset + q * rowBytes, file);
      return row;
    },
    async block(start, length) {
      const out: Float32Array[] = [];
      for (let q = 0; q < queryCount; q++) {
        const part = new Float32Array(length);
        await readAt(handle, asBytes(part), offset + q * rowBytes + start * 4, file);
        out.push(part);
      }
      return out;
    },
    close: () => handle.close(),
  };
}

/**
 * A row-major temporary file of uint32 (or uint8) values (each query's doubled average
 * ranks, its rank buckets), written a row at a time and read back a block of columns at a
 * time.
 */
export class SpillFile<T extends Uint8Array | Uint32Array = Uint32Array> {
  private constructor(
    private readonly handle: FileHandle,
    private readonly file: string,
    private readonly columns: number,
    private readonly type: { new (length: number): T; BYTES_PER_ELEMENT: number },
  ) {}

  /** Rows of `columns` values of `type` (uint32 unless given). */
  static async create(label: string, columns: number): Promise<SpillFile<Uint32Array>>;
  static async create<T extends Uint8Array | Uint32Array>(
    label: string, columns: number, type: { new (length: number): T; BYTES_PER_ELEMENT: number }): Promise<SpillFile<T>>;
  static async create(label: string, columns: number, type: { new (length: number): Uint8Array | Uint32Array; BYTES_PER_ELEMENT: number } = Uint32Array) {
    const { handle, file } = await temporaryFile(label);
    return new SpillFile(handle, file, columns, type);
  }

  writeRow(row: number, values: T): Promise<void> {
    return writeAt(this.handle, asBytes(values), row * this.columns * this.type.BYTES_PER_ELEMENT);
  }

  async readBlock(rows: number, start: number, length: number): Promise<T[]> {
    const out: T[] = [];
    for (let r = 0; r < rows; r++) {
      const part = new this.type(length);
      await readAt(this.handle, asBytes(part), (r * this.columns + start) * this.type.BYTES_PER_ELEMENT, this.file);
      out.push(part);
    }
    return out;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
