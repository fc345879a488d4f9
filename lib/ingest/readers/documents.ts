import { closeSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import type { DocumentRecord } from "@/lib/domain/records";
import { IngestError } from "@/lib/ingest/ingest-error";
import { forEachJsonLine } from "./jsonl";
import { idSchema, labelsSchema, parseOrRefuse } from "./validation";

/** One line of a documents JSONL file; optional fields also accept null, extras are dropped. */
const documentLineSchema = z.object({
  id: idSchema,
  source: z.string().min(1),
  text: z.string().nullish(),
  /** A token count, or the tokens themselves as strings (for per-token scores). */
  tokens: z.union([z.number().int().nonnegative(), z.array(z.string())]).nullish(),
  labels: labelsSchema,
});

/**
 * Reads a documents JSONL file (one object a line: id and source required, text, tokens
 * and labels optional; tokens a count or the token strings) in file order; integer ids
 * become their decimal strings.
 * Throws an IngestError naming the line for invalid JSON, a missing or mistyped field,
 * or a duplicate id.
 */
export async function readDocuments(file: string): Promise<DocumentRecord[]> {
  return readAllDocuments(file);
}

/**
 * Document lists whose ids the reader has already checked to be distinct (openDocuments):
 * ingest's validation need not build a set of 5M ids again.
 */
export const distinctIdsChecked = new WeakSet<readonly DocumentRecord[]>();

/**
 * readDocuments for ingest: the same records and refusals, but held as columns (ids in
 * one buffer, sources as indices, tokens as numbers; labels and token strings only for the
 * documents that have them) and made when read, so that 5M documents are a few buffers
 * rather than 5M objects and strings. Each text is kept in a temporary file (unlinked at
 * once, so it goes with the process however it ends) and read back when asked for. A
 * record's fields are getters (not own properties: spread one with care) and the list is
 * read-only. `close` releases the file; the documents' texts are unreadable after it.
 */
export async function openDocuments(file: string): Promise<{ documents: DocumentRecord[]; close: () => void }> {
  const texts = new TextStore();
  try {
    const documents = await readColumns(file, texts);
    distinctIdsChecked.add(documents);
    return { documents, close: () => texts.close() };
  } catch (error) {
    texts.close();
    throw error;
  }
}

/**
 * Reads the documents into columns and returns them trimmed. A function of its own, so
 * that what only the reading needs (the columns at their grown capacity, the hash table of
 * ids) goes when it returns: a closure in openDocuments would keep its variables, these
 * included, alive with `close` for the whole ingest (565 MB at 5M documents).
 */
async function readColumns(file: string, texts: TextStore): Promise<DocumentRecord[]> {
  const columns = new DocumentColumns(texts, file);
  await scanDocuments(file, (fields, text, line) => columns.add(fields, text, line));
  texts.flush();
  return columns.records();
}

type DocumentFields = Omit<DocumentRecord, "text">;

/** Calls `add` with each line's document; `add` refuses a duplicate id (duplicateId). */
async function scanDocuments(
  file: string,
  add: (fields: DocumentFields, text: string | null, line: number) => void,
): Promise<void> {
  await forEachJsonLine(file, (value, line) => {
    const d = parseOrRefuse(documentLineSchema, value, file, line);
    const tokenStrings = Array.isArray(d.tokens) ? d.tokens : null;
    add({
      id: d.id, source: d.source,
      tokens: tokenStrings ? tokenStrings.length : ((d.tokens as number | null | undefined) ?? null),
      ...(tokenStrings ? { tokenStrings } : {}),
      ...(d.labels ? { labels: d.labels } : {}),
    }, d.text ?? null, line);
  });
}

function duplicateId(file: string, id: string, earlierLine: number, line: number): IngestError {
  return new IngestError(file, `duplicate document id "${id}" (first on line ${earlierLine})`, `line ${line}`);
}

async function readAllDocuments(file: string): Promise<DocumentRecord[]> {
  const documents: DocumentRecord[] = [];
  const idLines = new Map<string, number>();
  // One string per distinct source rather than one per document.
  const sources = new Map<string, string>();
  await scanDocuments(file, (fields, text, line) => {
    const earlier = idLines.get(fields.id);
    if (earlier !== undefined) throw duplicateId(file, fields.id, earlier, line);
    idLines.set(fields.id, line);
    let source = sources.get(fields.source);
    if (source === undefined) sources.set(fields.source, (source = fields.source));
    documents.push({ ...fields, source, text });
  });
  return documents;
}

/** Grows a typed array to at least `length` elements (doubling), keeping its values. */
function grown<T extends Uint8Array | Uint32Array | Float64Array>(array: T, length: number): T {
  if (length <= array.length) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(length, array.length * 2));
  next.set(array);
  return next;
}

/**
 * Limits of the uint32 columns, refused by name when passed: the ids' UTF-8 bytes all
 * together, and a document's token count, at most 2^32 - 2 (2^32 - 1 is NO_TOKENS).
 */
const MAX_COLUMN_VALUE = 2 ** 32 - 2;
const NO_TOKENS = 2 ** 32 - 1;
/** Source indices take 2 bytes a document up to this many distinct sources, 4 past it. */
const MAX_UINT16_SOURCES = 2 ** 16;

/**
 * The fields of every document but its text, one column each (texts in a TextStore),
 * grown by doubling while the file is read; records() hands them over trimmed to their
 * length, and the builder with its spare capacity and hash table is then garbage.
 */
class DocumentColumns {
  private count = 0;
  /** UTF-8 bytes of every id, back to back; id i spans idStarts[i]..idStarts[i + 1]. */
  private idBytes = Buffer.allocUnsafe(1 << 20);
  private idStarts = new Uint32Array(1 << 16);
  /**
   * For refusing a duplicate id while reading: an open-addressing hash table over idBytes
   * (document number + 1 in each slot, 0 for empty; at most half full), about 12 bytes an
   * id where a Map of 5M id strings takes hundreds of megabytes, and each document's line.
   */
  private slots = new Uint32Array(1 << 17);
  private lines = new Uint32Array(1 << 16);
  private sourceIndex = new Map<string, number>();
  private sourceNames: string[] = [];
  private sources = new Uint32Array(1 << 16);
  /** NO_TOKENS for none. */
  private tokens = new Uint32Array(1 << 16);
  private labels = new Map<number, DocumentRecord["labels"]>();
  private tokenStrings = new Map<number, string[]>();

  constructor(private readonly texts: TextStore, private readonly file: string) {}

  /** Adds a document; an IngestError for a duplicate id or a value past the columns' limits. */
  add(fields: DocumentFields, text: string | null, line: number): void {
    const i = this.count;
    const idLength = Buffer.byteLength(fields.id, "utf8");
    const idStart = this.idStarts[i]!;
    if (idStart + idLength > MAX_COLUMN_VALUE) throw new IngestError(this.file, "the document ids add up to more than 4 GiB", `line ${line}`);
    if (fields.tokens !== null && fields.tokens > MAX_COLUMN_VALUE) {
      throw new IngestError(this.file, `${fields.tokens} tokens: at most ${MAX_COLUMN_VALUE} are supported`, `line ${line}`);
    }
    if (idStart + idLength > this.idBytes.length) {
      const bytes = Buffer.allocUnsafe(Math.max(idStart + idLength, this.idBytes.length * 2));
      this.idBytes.copy(bytes, 0, 0, idStart);
      this.idBytes = bytes;
    }
    // Written past the last id, and kept only if no earlier document has the same bytes.
    this.idBytes.write(fields.id, idStart, "utf8");
    const slot = this.find(idStart, idStart + idLength);
    const earlier = this.slots[slot]!;
    if (earlier !== 0) throw duplicateId(this.file, fields.id, this.lines[earlier - 1]!, line);
    this.count++;
    this.idStarts = grown(this.idStarts, i + 2);
    this.idStarts[i + 1] = idStart + idLength;
    this.slots[slot] = i + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
    this.lines = grown(this.lines, i + 1);
    this.lines[i] = line;
    let source = this.sourceIndex.get(fields.source);
    if (source === undefined) {
      source = this.sourceNames.length;
      this.sourceIndex.set(fields.source, source);
      this.sourceNames.push(fields.source);
    }
    this.sources = grown(this.sources, i + 1);
    this.sources[i] = source;
    this.tokens = grown(this.tokens, i + 1);
    this.tokens[i] = fields.tokens ?? NO_TOKENS;
    if (fields.labels) this.labels.set(i, fields.labels);
    if (fields.tokenStrings) this.tokenStrings.set(i, fields.tokenStrings);
    if (this.texts.add(text) !== i) throw new Error("document texts out of step with the documents");
  }

  /** The slot holding the id in idBytes[start, end), or the empty slot where it goes. */
  private find(start: number, end: number): number {
    // FNV-1a over the bytes.
    let hash = 0x811c9dc5;
    for (let b = start; b < end; b++) hash = Math.imul(hash ^ this.idBytes[b]!, 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!;
      if (held === 0) return slot;
      const s = this.idStarts[held - 1]!;
      const e = this.idStarts[held]!;
      if (e - s === end - start && this.idBytes.compare(this.idBytes, start, end, s, e) === 0) return slot;
    }
  }

  private rehash(): void {
    this.slots = new Uint32Array(this.slots.length * 2);
    for (let i = 0; i < this.count; i++) this.slots[this.find(this.idStarts[i]!, this.idStarts[i + 1]!)] = i + 1;
  }

  /** The documents read, as columnRecords over copies of the columns trimmed to their length. */
  records(): DocumentRecord[] {
    const count = this.count;
    const sources = this.sources.subarray(0, count);
    this.texts.trim();
    return columnRecords({
      count,
      idBytes: Buffer.from(this.idBytes.subarray(0, this.idStarts[count]!)),
      idStarts: this.idStarts.slice(0, count + 1),
      sourceNames: this.sourceNames,
      sources: this.sourceNames.length <= MAX_UINT16_SOURCES ? Uint16Array.from(sources) : sources.slice(),
      tokens: this.tokens.slice(0, count),
      labels: this.labels,
      tokenStrings: this.tokenStrings,
      texts: this.texts,
    });
  }
}

/**
 * The documents as a list whose records are made when read, from the columns: no object a
 * document is held. A function apart from DocumentColumns so that its records hold these
 * columns only, not the builder.
 */
function columnRecords(columns: {
  count: number; idBytes: Buffer; idStarts: Uint32Array; sourceNames: readonly string[]; sources: Uint16Array | Uint32Array;
  tokens: Uint32Array; labels: ReadonlyMap<number, DocumentRecord["labels"]>; tokenStrings: ReadonlyMap<number, string[]>; texts: TextStore;
}): DocumentRecord[] {
  const { count, idBytes, idStarts, sourceNames, sources, tokens, labels, tokenStrings, texts } = columns;
  class ColumnDocument implements DocumentRecord {
    constructor(private readonly row: number) {}
    get id(): string {
      return idBytes.toString("utf8", idStarts[this.row]!, idStarts[this.row + 1]!);
    }
    get source(): string {
      return sourceNames[sources[this.row]!]!;
    }
    get tokens(): number | null {
      const value = tokens[this.row]!;
      return value === NO_TOKENS ? null : value;
    }
    get labels(): DocumentRecord["labels"] {
      return labels.get(this.row);
    }
    get tokenStrings(): string[] | undefined {
      return tokenStrings.get(this.row);
    }
    get text(): string | null {
      return texts.get(this.row);
    }
  }
  return rowList(count, (row) => new ColumnDocument(row));
}

/** A canonical array index ("0", "17"; not "017" or "1e3") as a number, else -1. */
function arrayIndex(key: string): number {
  const length = key.length;
  if (length === 0 || length > 15 || (length > 1 && key.charCodeAt(0) === 48)) return -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = key.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A read-only array of `length` items, item i made by `make(i)` each time it is read:
 * array methods, indexing and iteration work as on an array (Array.isArray is true), but
 * no item is kept (two reads give two equal, not identical, objects).
 */
function rowList<T>(length: number, make: (row: number) => T): T[] {
  const within = (key: string | symbol) => {
    if (typeof key !== "string") return -1;
    const row = arrayIndex(key);
    return row < length ? row : -1;
  };
  const target: T[] = [];
  target.length = length;
  return new Proxy(target, {
    get: (array, key, receiver) => {
      const row = within(key);
      return row >= 0 ? make(row) : Reflect.get(array, key, receiver);
    },
    has: (array, key) => within(key) >= 0 || Reflect.has(array, key),
    getOwnPropertyDescriptor: (array, key) => {
      const row = within(key);
      return row >= 0 ? { value: make(row), writable: false, enumerable: true, configurable: true } : Reflect.getOwnPropertyDescriptor(array, key);
    },
    set: () => false,
    deleteProperty: () => false,
    defineProperty: () => false,
  });
}

/** Bytes of texts read at once when texts are read in order. */
const READ_AHEAD = 1 << 20;

/**
 * Texts appended to a temporary file (UTF-8), each read back by its index. Text i is the
 * bytes offsets[i]..offsets[i + 1] of the file, back to back in index order (float64
 * offsets: exact far past any file, where uint32 would stop at 4 GiB of texts); a bit a
 * text tells a null from "".
 */
class TextStore {
  private readonly fd: number;
  private offsets = new Float64Array(1 << 16);
  /** Bit i set: text i is null. */
  private nulls = new Uint8Array(1 << 13);
  private count = 0;
  private end = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private scratch = Buffer.allocUnsafe(READ_AHEAD);
  /** The file's bytes [windowStart, windowEnd) are in scratch. */
  private windowStart = 0;
  private windowEnd = 0;
  private lastIndex = -2;

  constructor() {
    const file = path.join(tmpdir(), `influence-explorer-texts-${process.pid}-${randomUUID()}`);
    this.fd = openSync(file, "w+", 0o600);
    unlinkSync(file);
  }

  add(text: string | null): number {
    const index = this.count++;
    this.offsets = grown(this.offsets, index + 2);
    this.nulls = grown(this.nulls, (index >> 3) + 1);
    if (text === null) {
      this.nulls[index >> 3]! |= 1 << (index & 7);
    } else {
      const bytes = Buffer.from(text, "utf8");
      this.end += bytes.length;
      this.pending.push(bytes);
      this.pendingBytes += bytes.length;
      if (this.pendingBytes > 4_000_000) this.flush();
    }
    this.offsets[index + 1] = this.end;
    return index;
  }

  /** Writes what add() buffered; texts are readable after it. */
  flush(): void {
    const bytes = Buffer.concat(this.pending);
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written, this.end - this.pendingBytes + written);
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Drops the spare capacity of the per-text columns (once every text is added). */
  trim(): void {
    this.offsets = this.offsets.slice(0, this.count + 1);
    this.nulls = this.nulls.slice(0, (this.count + 7) >> 3);
  }

  get(index: number): string | null {
    const sequential = index === this.lastIndex + 1;
    this.lastIndex = index;
    if (this.nulls[index >> 3]! & (1 << (index & 7))) return null;
    const offset = this.offsets[index]!;
    const length = this.offsets[index + 1]! - offset;
    if (offset < this.windowStart || offset + length > this.windowEnd) {
      // Texts are read in index order (the documents' rows, the search index, the answers):
      // after a read of text i, text i + 1 starts a window of READ_AHEAD bytes, one read for
      // hundreds of texts instead of one each; any other index reads its text alone.
      const span = sequential ? Math.max(length, READ_AHEAD) : length;
      // One buffer reused for every read: a new one a text (5M at the paper's scale) is
      // memory outside V8's heap that lingers, hundreds of MB, until a full collection.
      if (this.scratch.length < span) this.scratch = Buffer.allocUnsafe(Math.max(span, 2 * this.scratch.length));
      let read = 0;
      while (read < span) {
        const n = readSync(this.fd, this.scratch, read, span - read, offset + read);
        if (n === 0) break;
        read += n;
      }
      if (read < length) throw new Error("document texts: the temporary file ended early");
      this.windowStart = offset;
      this.windowEnd = offset + read;
    }
    return this.scratch.toString("utf8", offset - this.windowStart, offset - this.windowStart + length);
  }

  close(): void {
    closeSync(this.fd);
  }
}
