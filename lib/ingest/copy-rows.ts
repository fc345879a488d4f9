import { Worker } from "node:worker_threads";
import type { SqlClient } from "@/lib/db/sql";

/**
 * Rows written by `COPY ... FROM STDIN (FORMAT binary)` where the client supports it
 * (PostgreSQL), else by one parameterised INSERT a row (PGlite, small data). A large row
 * (a query's packed columns: 150 MB at 5M documents) as a bind parameter is copied into
 * node-postgres's message buffer, which grows by half again each time it fills: several
 * times the row in memory at once. COPY sends the same bytes in slices of the caller's
 * buffers, so ingest holds the row once.
 */

/** A field: an int4 (a JavaScript integer), a bytea (bytes) or SQL NULL. */
export type CopyField = number | Uint8Array | null;

/** The binary format's signature, flags word (0) and header extension length (0). */
const HEADER = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);
/** Bytes of a field sent at a time: the buffers are sliced (views, not copies). */
const SLICE = 1 << 20;

/** The bytes of `rows` in COPY's binary format, lazily: each field's own bytes are not copied. */
export function* binaryCopyChunks(rows: Iterable<readonly CopyField[]>): Generator<Uint8Array> {
  yield HEADER;
  for (const row of rows) {
    const head = Buffer.alloc(2);
    head.writeInt16BE(row.length);
    yield head;
    for (const field of row) {
      if (field === null) {
        const length = Buffer.alloc(4);
        length.writeInt32BE(-1);
        yield length;
      } else if (typeof field === "number") {
        const int = Buffer.alloc(8);
        int.writeInt32BE(4);
        int.writeInt32BE(field, 4);
        yield int;
      } else {
        const length = Buffer.alloc(4);
        length.writeInt32BE(field.byteLength);
        yield length;
        for (let start = 0; start < field.byteLength; start += SLICE) {
          yield field.subarray(start, Math.min(field.byteLength, start + SLICE));
        }
      }
    }
  }
  yield TRAILER;
}

/**
 * Inserts `rows` into `table`, an SQL name quoted as needed (lib/ingest/staged-load.ts
 * partitionName); `columns` in order, int4 and bytea columns only (what the binary
 * fields above encode).
 */
export async function copyRows(tx: SqlClient, table: string, columns: readonly string[], rows: readonly (readonly CopyField[])[]): Promise<void> {
  const names = columns.map((c) => `"${c}"`).join(", ");
  if (tx.copyFrom) {
    await tx.copyFrom(copyStatement(table, columns), binaryCopyChunks(rows));
    return;
  }
  const placeholders = columns.map((_, i) => `$${i + 1}`).join(", ");
  for (const row of rows) await tx.query(`INSERT INTO ${table} (${names}) VALUES (${placeholders})`, row);
}

const copyStatement = (table: string, columns: readonly string[]) =>
  `COPY ${table} (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN (FORMAT binary)`;

/**
 * copyRows that returns before PostgreSQL has stored the rows: on PostgreSQL, each call's
 * rows go to a worker thread that copies them on a connection of its own, so that this
 * thread goes on computing (ingest: the next query's analysis, while PostgreSQL writes
 * this one's 150 MB of columns at 5M documents). One copy is in flight at a time: a call
 * first waits for the previous one, and throws its error. The rows are copied into one
 * buffer handed to the worker, so the caller may reuse theirs at once. Autocommit: for
 * staging tables only (lib/ingest/staged-load.ts). Without a connection string (PGlite)
 * each call is copyRows, awaited.
 */
export function backgroundCopier(sql: SqlClient) {
  const worker = sql.connectionString
    ? new Worker(new URL("./copy-worker.mjs", import.meta.url), { workerData: { connectionString: sql.connectionString } })
    : null;
  // A worker that failed or stopped fails the copy in flight and every later one.
  let stopped: Error | null = null;
  worker?.on("error", (error) => (stopped ??= error));
  worker?.on("exit", (code) => (stopped ??= new Error(`the copy worker stopped (exit code ${code})`)));
  // The worker's reply: the buffer it was sent, handed back for the next copy.
  const reply = (w: Worker) => new Promise<ArrayBuffer>((resolve, reject) => {
    if (stopped) return reject(stopped);
    const onMessage = (message: { ok: boolean; bytes?: ArrayBuffer; message?: string }) => {
      w.off("exit", onExit);
      if (message.ok) resolve(message.bytes!);
      else reject(new Error(message.message));
    };
    const onExit = () => {
      w.off("message", onMessage);
      reject(stopped);
    };
    w.once("message", onMessage);
    w.once("exit", onExit);
  });
  let inFlight: Promise<ArrayBuffer | null> = Promise.resolve(null);
  return {
    async copy(table: string, columns: readonly string[], rows: readonly (readonly CopyField[])[]): Promise<void> {
      const spare = await inFlight;
      if (!worker) return copyRows(sql, table, columns, rows);
      // A buffer of its own (never a slice of Buffer's shared pool), moved to the worker:
      // the previous copy's when it is the size needed.
      const chunks = [...binaryCopyChunks(rows)];
      const size = chunks.reduce((total, chunk) => total + chunk.byteLength, 0);
      const bytes = spare?.byteLength === size ? new Uint8Array(spare) : new Uint8Array(size);
      chunks.reduce((at, chunk) => (bytes.set(chunk, at), at + chunk.byteLength), 0);
      inFlight = reply(worker);
      inFlight.catch(() => undefined); // thrown by the next call or close()
      worker.postMessage({ statement: copyStatement(table, columns), bytes: bytes.buffer }, [bytes.buffer]);
    },
    /** Waits for the last copy (throwing its error) and stops the worker. */
    async close(): Promise<void> {
      try {
        await inFlight;
      } finally {
        await worker?.terminate();
      }
    },
    /** Stops the worker, abandoning a copy in flight (the caller is failing: its staging tables go). */
    async stop(): Promise<void> {
      await worker?.terminate();
    },
  };
}
