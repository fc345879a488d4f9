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
 * documents that have them), each record a view of its row, so that 5M documents are a few
 * buffers rather than 5M objects and strings. Each text is kept in a temporary file
 * (unlinked at once, so it goes with the process however it ends) and read back when asked
 * for. A record's fields are getters on its prototype (not own properties: spread one with
 * care). `close` releases the file; the documents' texts are unreadable after it.
 */
export async function openDocuments(file: string): Promise<{ documents: DocumentRecord[]; close: () => void }> {
  const texts = new TextStore();
  try {
    const columns = new DocumentColumns(texts);
    await scanDocuments(file, (fields, text) => columns.add(fields, text));
    texts.flush();
    const documents = columns.records();
    distinctIdsChecked.add(documents);
    return { documents, close: () => texts.close() };
  } catch (error) {
    texts.close();
    throw error;
  }
}

type DocumentFields = Omit<DocumentRecord, "text">;

async function scanDocuments(file: string, add: (fields: DocumentFields, text: string | null) => void): Promise<void> {
  const firstLineOf = new Map<string, number>();
  await forEachJsonLine(file, (value, line) => {
    const d = parseOrRefuse(documentLineSchema, value, file, line);
    const earlier = firstLineOf.get(d.id);
    if (earlier !== undefined) {
      throw new IngestError(file, `duplicate document id "${d.id}" (first on line ${earlier})`, `line ${line}`);
    }
    firstLineOf.set(d.id, line);
    const tokenStrings = Array.isArray(d.tokens) ? d.tokens : null;
    add({
      id: d.id, source: d.source,
      tokens: tokenStrings ? tokenStrings.length : ((d.tokens as number | null | undefined) ?? null),
      ...(tokenStrings ? { tokenStrings } : {}),
      ...(d.labels ? { labels: d.labels } : {}),
    }, d.text ?? null);
  });
}

async function readAllDocuments(file: string): Promise<DocumentRecord[]> {
  const documents: DocumentRecord[] = [];
  // One string per distinct source rather than one per document.
  const sources = new Map<string, string>();
  await scanDocuments(file, (fields, text) => {
    let source = sources.get(fields.source);
    if (source === undefined) sources.set(fields.source, (source = fields.source));
    documents.push({ ...fields, source, text });
  });
  return documents;
}

/** Grows a typed array to at least `length` elements (doubling), keeping its values. */
function grown<T extends Uint32Array | Float64Array>(array: T, length: number): T {
  if (length <= array.length) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(length, array.length * 2));
  next.set(array);
  return next;
}

/** The fields of every document but its text, one column each; texts in a TextStore. */
class DocumentColumns {
  private count = 0;
  /** UTF-8 bytes of every id, back to back; id i spans idStarts[i]..idStarts[i + 1]. */
  private idBytes = Buffer.allocUnsafe(1 << 20);
  private idStarts = new Float64Array(1 << 16);
  private sourceIndex = new Map<string, number>();
  private sourceNames: string[] = [];
  private sources = new Uint32Array(1 << 16);
  /** NaN for none. */
  private tokens = new Float64Array(1 << 16);
  private labels = new Map<number, DocumentRecord["labels"]>();
  private tokenStrings = new Map<number, string[]>();

  constructor(private readonly texts: TextStore) {}

  add(fields: DocumentFields, text: string | null): void {
    const i = this.count++;
    const idLength = Buffer.byteLength(fields.id, "utf8");
    const idStart = this.idStarts[i]!;
    if (idStart + idLength > this.idBytes.length) {
      const bytes = Buffer.allocUnsafe(Math.max(idStart + idLength, this.idBytes.length * 2));
      this.idBytes.copy(bytes, 0, 0, idStart);
      this.idBytes = bytes;
    }
    this.idBytes.write(fields.id, idStart, "utf8");
    this.idStarts = grown(this.idStarts, i + 2);
    this.idStarts[i + 1] = idStart + idLength;
    let source = this.sourceIndex.get(fields.source);
    if (source === undefined) {
      source = this.sourceNames.length;
      this.sourceIndex.set(fields.source, source);
      this.sourceNames.push(fields.source);
    }
    this.sources = grown(this.sources, i + 1);
    this.sources[i] = source;
    this.tokens = grown(this.tokens, i + 1);
    this.tokens[i] = fields.tokens ?? Number.NaN;
    if (fields.labels) this.labels.set(i, fields.labels);
    if (fields.tokenStrings) this.tokenStrings.set(i, fields.tokenStrings);
    if (this.texts.add(text) !== i) throw new Error("document texts out of step with the documents");
  }

  /** One record a document: an object holding its row number, its fields read from the columns. */
  records(): DocumentRecord[] {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the records' getters read these columns
    const columns = this;
    class ColumnDocument implements DocumentRecord {
      constructor(private readonly row: number) {}
      get id(): string {
        return columns.idBytes.toString("utf8", columns.idStarts[this.row]!, columns.idStarts[this.row + 1]!);
      }
      get source(): string {
        return columns.sourceNames[columns.sources[this.row]!]!;
      }
      get tokens(): number | null {
        const tokens = columns.tokens[this.row]!;
        return Number.isNaN(tokens) ? null : tokens;
      }
      get labels(): DocumentRecord["labels"] {
        return columns.labels.get(this.row);
      }
      get tokenStrings(): string[] | undefined {
        return columns.tokenStrings.get(this.row);
      }
      get text(): string | null {
        return columns.texts.get(this.row);
      }
    }
    // Pushed, not `new Array(count)`: V8 keeps a large preallocated array as a dictionary.
    const documents: DocumentRecord[] = [];
    for (let i = 0; i < this.count; i++) documents.push(new ColumnDocument(i));
    return documents;
  }
}

/** Texts appended to a temporary file (UTF-8), each read back by its index. */
class TextStore {
  private readonly fd: number;
  private offsets = new Float64Array(1 << 16);
  /** Byte length of each text, -1 for none. */
  private lengths = new Int32Array(1 << 16);
  private count = 0;
  private end = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor() {
    const file = path.join(tmpdir(), `influence-explorer-texts-${process.pid}-${randomUUID()}`);
    this.fd = openSync(file, "w+", 0o600);
    unlinkSync(file);
  }

  add(text: string | null): number {
    if (this.count === this.lengths.length) {
      const offsets = new Float64Array(this.count * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const lengths = new Int32Array(this.count * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    const index = this.count++;
    if (text === null) {
      this.lengths[index] = -1;
      return index;
    }
    const bytes = Buffer.from(text, "utf8");
    this.offsets[index] = this.end;
    this.lengths[index] = bytes.length;
    this.end += bytes.length;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes > 4_000_000) this.flush();
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

  get(index: number): string | null {
    const length = this.lengths[index]!;
    if (length < 0) return null;
    const bytes = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const n = readSync(this.fd, bytes, read, length - read, this.offsets[index]! + read);
      if (n === 0) throw new Error("document texts: the temporary file ended early");
      read += n;
    }
    return bytes.toString("utf8");
  }

  close(): void {
    closeSync(this.fd);
  }
}
