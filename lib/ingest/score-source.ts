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
import { readSync, writeSync } from "node:fs";
import { open, unlink, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { ScoreSource } from "@/lib/domain/records";

export type { ScoreSource } from "@/lib/domain/records";

/** Rows held in memory (generated data, BM25, tests). */
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

/** Page size and count of a ScoreFileWriter; tests shrink them to write pages out and read them back. */
export interface WriterPaging {
  pageValues: number;
  pages: number;
}

/** Bytes of pages a ScoreFileWriter holds (unless it needs one page per query and more). */
const WRITER_BUDGET_BYTES = 32 * 1024 * 1024;

/**
 * Builds a query-major float32 temporary file from scores given in any order (long
 * CSV/JSONL lines, Bergson's document-major records, Kronfluence's partitions and index
 * remaps), holding a few pages of the file rather than the matrix. The file is cut into
 * pages; a value goes into its page's buffer, and the least recently used page is written
 * out when another is needed (and read back if it is needed again). Input grouped by query
 * writes each page once; input grouped by document keeps one page per query in use, so
 * there are always at least queryCount + 1 pages. `set` is synchronous (positional
 * fs.readSync/writeSync on the handle's descriptor): it runs once per score of 500M-score
 * files, and a page is written or read only once per few thousand values.
 */
export class ScoreFileWriter {
  private readonly pageValues: number;
  private readonly total: number;
  /** Page buffers, the page each holds (-1: free) and when each was last switched to. */
  private readonly slots: Float32Array[] = [];
  private readonly slotPage: Float64Array;
  private readonly slotUsed: Float64Array;
  /** For each page: the slot holding it (-1: none), and whether it was ever written out. */
  private readonly pageSlot: Int32Array;
  private readonly pageWritten: Uint8Array;
  private clock = 0;
  private currentPage = -1;
  private current: Float32Array = new Float32Array(0);

  private constructor(
    private readonly handle: FileHandle,
    private readonly file: string,
    readonly queryCount: number,
    readonly documentCount: number,
    paging: WriterPaging | undefined,
  ) {
    this.total = queryCount * documentCount;
    // Pages of 4,096 to 65,536 values, as large as fits queryCount + 1 of them in the budget.
    const fit = Math.floor(WRITER_BUDGET_BYTES / 4 / (queryCount + 1));
    this.pageValues = paging?.pageValues ?? 2 ** Math.min(16, Math.max(12, Math.floor(Math.log2(Math.max(1, fit)))));
    const pages = Math.ceil(this.total / this.pageValues);
    const capacity = Math.min(pages, paging?.pages ?? Math.max(queryCount + 1, Math.floor(WRITER_BUDGET_BYTES / 4 / this.pageValues)));
    this.slotPage = new Float64Array(capacity).fill(-1);
    this.slotUsed = new Float64Array(capacity);
    this.pageSlot = new Int32Array(pages).fill(-1);
    this.pageWritten = new Uint8Array(pages);
  }

  static async create(queryCount: number, documentCount: number, paging?: WriterPaging): Promise<ScoreFileWriter> {
    const { handle, file } = await temporaryFile("scores");
    return new ScoreFileWriter(handle, file, queryCount, documentCount, paging);
  }

  /** S[q, d] = value. */
  set(q: number, d: number, value: number): void {
    const flat = q * this.documentCount + d;
    const page = Math.floor(flat / this.pageValues);
    if (page !== this.currentPage) this.switchTo(page);
    this.current[flat - page * this.pageValues] = value;
  }

  /** Values of S[q, from .. from + values.length). */
  setRun(q: number, from: number, values: Float32Array): void {
    for (let i = 0; i < values.length; i++) this.set(q, from + i, values[i]!);
  }

  /**
   * Writes out every page held and hands the file over as a ScoreSource (closed with it).
   * Every value must have been set: positions never set read as 0.
   */
  finish(): ScoreSource {
    for (let s = 0; s < this.slots.length; s++) this.writePage(s);
    this.slots.length = 0;
    this.currentPage = -1;
    return fileScores(this.handle, this.file, 0, this.queryCount, this.documentCount);
  }

  /** Closes (and so frees) the temporary file without a source: on a refusal. */
  discard(): Promise<void> {
    this.slots.length = 0;
    return this.handle.close();
  }

  private switchTo(page: number): void {
    let slot = this.pageSlot[page]!;
    if (slot < 0) {
      slot = this.slots.length < this.slotPage.length ? this.slots.push(new Float32Array(this.pageValues)) - 1 : this.leastRecentSlot();
      const held = this.slotPage[slot]!;
      if (held >= 0) {
        this.writePage(slot);
        this.pageSlot[held] = -1;
      }
      const buffer = this.pageBytes(slot, page);
      if (this.pageWritten[page]) readFully(this.handle.fd, buffer, page * this.pageValues * 4, this.file);
      else this.slots[slot]!.fill(0);
      this.slotPage[slot] = page;
      this.pageSlot[page] = slot;
    }
    this.slotUsed[slot] = ++this.clock;
    this.currentPage = page;
    this.current = this.slots[slot]!;
  }

  private leastRecentSlot(): number {
    let best = 0;
    for (let s = 1; s < this.slotUsed.length; s++) if (this.slotUsed[s]! < this.slotUsed[best]!) best = s;
    return best;
  }

  /** The bytes of `slot` that belong to `page` (the file's last page may be short). */
  private pageBytes(slot: number, page: number): Uint8Array {
    const length = Math.min(this.pageValues, this.total - page * this.pageValues);
    return asBytes(this.slots[slot]!.subarray(0, length));
  }

  private writePage(slot: number): void {
    const page = this.slotPage[slot]!;
    if (page < 0) return;
    const bytes = this.pageBytes(slot, page);
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(this.handle.fd, bytes, written, bytes.length - written, page * this.pageValues * 4 + written);
    }
    this.pageWritten[page] = 1;
  }
}

function readFully(fd: number, target: Uint8Array, position: number, file: string): void {
  let filled = 0;
  while (filled < target.length) {
    const bytesRead = readSync(fd, target, filled, target.length - filled, position + filled);
    if (bytesRead === 0) throw new Error(`${file}: ended at byte ${position + filled} while reading`);
    filled += bytesRead;
  }
}
