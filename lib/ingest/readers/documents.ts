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
  return scanDocuments(file, null);
}

/**
 * readDocuments for ingest: the same records and refusals, but each text is kept in a
 * temporary file (unlinked at once, so it goes with the process however it ends) and read
 * back when asked for, so that 5M documents' text (gigabytes) is never all in memory.
 * `close` releases the file; the documents' texts are unreadable after it.
 */
export async function openDocuments(file: string): Promise<{ documents: DocumentRecord[]; close: () => void }> {
  const texts = new TextStore();
  try {
    const documents = await scanDocuments(file, texts);
    texts.flush();
    return { documents, close: () => texts.close() };
  } catch (error) {
    texts.close();
    throw error;
  }
}

async function scanDocuments(file: string, texts: TextStore | null): Promise<DocumentRecord[]> {
  const documents: DocumentRecord[] = [];
  const firstLineOf = new Map<string, number>();
  // One string per distinct source rather than one per document.
  const sources = new Map<string, string>();
  await forEachJsonLine(file, (value, line) => {
    const d = parseOrRefuse(documentLineSchema, value, file, line);
    const earlier = firstLineOf.get(d.id);
    if (earlier !== undefined) {
      throw new IngestError(file, `duplicate document id "${d.id}" (first on line ${earlier})`, `line ${line}`);
    }
    firstLineOf.set(d.id, line);
    let source = sources.get(d.source);
    if (source === undefined) sources.set(d.source, (source = d.source));
    const tokenStrings = Array.isArray(d.tokens) ? d.tokens : null;
    const fields = {
      id: d.id, source,
      tokens: tokenStrings ? tokenStrings.length : ((d.tokens as number | null | undefined) ?? null),
      ...(tokenStrings ? { tokenStrings } : {}),
      ...(d.labels ? { labels: d.labels } : {}),
    };
    documents.push(texts ? new StoredDocument(fields, texts, texts.add(d.text ?? null)) : { ...fields, text: d.text ?? null });
  });
  return documents;
}

/** A document whose text is read from a TextStore on access. */
class StoredDocument implements DocumentRecord {
  readonly id: string;
  readonly source: string;
  readonly tokens: number | null;
  readonly #texts: TextStore;
  readonly #index: number;

  constructor(fields: Omit<DocumentRecord, "text">, texts: TextStore, index: number) {
    Object.assign(this, fields);
    this.id = fields.id;
    this.source = fields.source;
    this.tokens = fields.tokens;
    this.#texts = texts;
    this.#index = index;
  }

  get text(): string | null {
    return this.#texts.get(this.#index);
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
