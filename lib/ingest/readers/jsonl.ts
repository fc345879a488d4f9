import { open } from "node:fs/promises";
import { IngestError } from "@/lib/ingest/ingest-error";

/**
 * Bytes read per system call. Large enough that per-call overhead vanishes, small enough
 * that the buffer plus one decoded chunk stay far below the size of a score matrix.
 */
export const CHUNK_BYTES = 16 * 1024 * 1024;

/** A run of consecutive lines from one chunk of a file; `lines[i]` is line `firstLine + i`. */
export interface LineBatch {
  /** 1-based number of `lines[0]` in the file, counting blank lines. */
  firstLine: number;
  /** Line texts without the "\n" or "\r\n" terminator. */
  lines: string[];
}

export interface ReadLinesOptions {
  /** Read size in bytes; tests shrink it to force lines and characters across chunks. */
  chunkBytes?: number;
}

// ignoreBOM: a chunk decoded on its own would otherwise lose a U+FEFF at its start, which
// is only a byte-order mark at the very start of the file (stripped by hand below).
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const NEWLINE = 0x0a;

/**
 * Decodes UTF-8 strictly. On failure, finds the offending line (slow path, error only) so
 * the message can point at it; `firstLine` is the line number of `bytes[0]`.
 */
export function decodeUtf8(file: string, bytes: Uint8Array, firstLine = 1): string {
  try {
    return utf8.decode(bytes);
  } catch {
    let line = firstLine;
    let start = 0;
    for (;;) {
      const end = bytes.indexOf(NEWLINE, start);
      const piece = bytes.subarray(start, end < 0 ? bytes.length : end);
      try {
        utf8.decode(piece);
      } catch {
        break;
      }
      if (end < 0) break;
      start = end + 1;
      line++;
    }
    throw new IngestError(file, "invalid UTF-8 (the file must be UTF-8 text)", `line ${line}`);
  }
}

/**
 * Streams a text file as batches of lines, one batch per chunk read. Batches rather than
 * single lines keep the per-line cost to a loop step: readers of 100M-row long-format score
 * files would otherwise spend most of their time in async-generator round trips.
 * Throws an IngestError for an empty file or invalid UTF-8 (naming the line).
 */
export async function* readLineBatches(
  file: string,
  options: ReadLinesOptions = {},
): AsyncGenerator<LineBatch> {
  const handle = await openForReading(file);
  try {
    const buffer = new Uint8Array(options.chunkBytes ?? CHUNK_BYTES);
    // Bytes of the line that is still incomplete at the end of the previous chunk(s).
    let carry: Uint8Array[] = [];
    let lineNumber = 1;
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      let start = 0;
      if (position === 0 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
        start = 3;
      }
      position += bytesRead;
      const chunk = buffer.subarray(start, bytesRead);
      const lastNewline = chunk.lastIndexOf(NEWLINE);
      if (lastNewline < 0) {
        carry.push(chunk.slice());
        continue;
      }
      // A "\n" byte never occurs inside a multi-byte UTF-8 sequence, so cutting at newlines
      // never splits a character and each piece decodes on its own.
      const firstNewline = chunk.indexOf(NEWLINE);
      const head = chunk.subarray(0, firstNewline);
      const lines = [decodeUtf8(file, carry.length > 0 ? concat([...carry, head]) : head, lineNumber)];
      if (firstNewline < lastNewline) {
        const body = decodeUtf8(file, chunk.subarray(firstNewline + 1, lastNewline), lineNumber + 1);
        for (const line of body.split("\n")) lines.push(line);
      }
      carry = lastNewline + 1 < chunk.length ? [chunk.slice(lastNewline + 1)] : [];
      stripCarriageReturns(lines);
      yield { firstLine: lineNumber, lines };
      lineNumber += lines.length;
    }
    if (position === 0) throw new IngestError(file, "file is empty");
    if (carry.length > 0) {
      // The last line has no terminating newline.
      const lines = [decodeUtf8(file, concat(carry), lineNumber)];
      stripCarriageReturns(lines);
      yield { firstLine: lineNumber, lines };
    }
  } finally {
    await handle.close();
  }
}

/**
 * Streams a JSON Lines file: one parsed JSON value per non-blank line, with its 1-based
 * line number for error messages. Handles "\r\n", a missing final newline and blank lines.
 * Throws an IngestError for an empty file, invalid UTF-8 or invalid JSON (naming the line).
 */
export async function* readJsonLines(
  file: string,
  options: ReadLinesOptions = {},
): AsyncGenerator<{ line: number; value: unknown }> {
  let records = 0;
  for await (const batch of readLineBatches(file, options)) {
    for (let i = 0; i < batch.lines.length; i++) {
      const text = batch.lines[i] ?? "";
      if (isBlank(text)) continue;
      records++;
      const line = batch.firstLine + i;
      yield { line, value: parseJsonLine(file, line, text) };
    }
  }
  if (records === 0) throw new IngestError(file, "file is empty (only blank lines)");
}

/**
 * Calls `visit` with each non-blank line's parsed JSON value and line number, in order.
 * The same contract as `readJsonLines`, minus an async round trip per line: readers of
 * million-line files use this (it is several times faster).
 */
export async function forEachJsonLine(
  file: string,
  visit: (value: unknown, line: number) => void,
  options: ReadLinesOptions = {},
): Promise<void> {
  let records = 0;
  for await (const batch of readLineBatches(file, options)) {
    const { firstLine, lines } = batch;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i] ?? "";
      if (isBlank(text)) continue;
      records++;
      visit(parseJsonLine(file, firstLine + i, text), firstLine + i);
    }
  }
  if (records === 0) throw new IngestError(file, "file is empty (only blank lines)");
}

/** `JSON.parse` of one line, refusing invalid JSON with the line and column. */
export function parseJsonLine(file: string, line: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new IngestError(file, `invalid JSON: ${jsonErrorText(error, text)}`, `line ${line}`);
  }
}

/**
 * `JSON.parse` of a whole document, refusing invalid JSON with the line and column
 * (V8 before Node 22 reports only a character position).
 */
export function parseJsonDocument(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = jsonErrorPosition(error);
    if (position === null) throw new IngestError(file, `invalid JSON: ${errorMessage(error)}`);
    const before = text.slice(0, position);
    const line = before.split("\n").length;
    const column = position - before.lastIndexOf("\n");
    const problem = errorMessage(error).replace(/\s*\(line \d+ column \d+\)/, "");
    throw new IngestError(
      file,
      `invalid JSON: ${problem.replace(/ at position \d+/, "")} (column ${column})`,
      `line ${line}`,
    );
  }
}

/** Whether a line holds only whitespace (the first-character test keeps the common case cheap). */
export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  if (first !== 0x20 && first !== 0x09 && first !== 0x0d) return false;
  return text.trim().length === 0;
}

/** Opens a file, turning "no such file" and friends into one-line IngestErrors. */
export async function openForReading(file: string) {
  try {
    return await open(file, "r");
  } catch (error) {
    throw new IngestError(file, `cannot open: ${errorMessage(error)}`);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function jsonErrorPosition(error: unknown): number | null {
  const match = /at position (\d+)/.exec(errorMessage(error));
  return match?.[1] === undefined ? null : Number(match[1]);
}

function jsonErrorText(error: unknown, text: string): string {
  const position = jsonErrorPosition(error);
  const message = errorMessage(error).replace(/\s*\(line \d+ column \d+\)/, "");
  if (position === null) return message;
  const excerpt = JSON.stringify(text.slice(Math.max(0, position - 10), position + 10));
  return `${message.replace(/ at position \d+/, "")} (column ${position + 1}, near ${excerpt})`;
}

function stripCarriageReturns(lines: string[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.endsWith("\r")) lines[i] = line.slice(0, -1);
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
