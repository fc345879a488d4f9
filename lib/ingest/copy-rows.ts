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
  if (tx.copyFrom) {
    await tx.copyFrom(copyStatement(table, columns), binaryCopyChunks(rows));
    return;
  }
  const placeholders = columns.map((_, i) => `$${i + 1}`).join(", ");
  for (const row of rows) await tx.query(`INSERT INTO ${table} (${columnList(columns)}) VALUES (${placeholders})`, row);
}

const columnList = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(", ");
const copyStatement = (table: string, columns: readonly string[]) => `COPY ${table} (${columnList(columns)}) FROM STDIN (FORMAT binary)`;

/**
 * COPYs in flight at once. PostgreSQL stores one on one core (TOAST chunks of 2 kB), at
 * 5M documents for longer than this thread analyses a query; a second keeps the other
 * core busy while this thread waits.
 */
const COPY_WORKERS = 2;

/**
 * copyRows that returns before PostgreSQL has stored the rows: on PostgreSQL, each call's
 * rows go to a worker thread that copies them on a connection of its own, so that this
 * thread goes on computing (ingest: the next query's analysis, while PostgreSQL writes
 * this one's 150 MB of columns at 5M documents). Calls go to `workers` workers in turn; a
 * call first waits for its worker's previous copy, and throws its error. The rows are
 * copied into one buffer handed to the worker, so the caller may reuse theirs at once.
 * Autocommit: for staging tables only (lib/ingest/staged-load.ts). Without a connection
 * string (PGlite) each call is copyRows, awaited.
 */
export function backgroundCopier(sql: SqlClient, workers = COPY_WORKERS) {
  const { connectionString } = sql;
  const lanes = connectionString ? Array.from({ length: workers }, () => copyLane(connectionString)) : [];
  let next = 0;
  return {
    async copy(table: string, columns: readonly string[], rows: readonly (readonly CopyField[])[]): Promise<void> {
      if (lanes.length === 0) return copyRows(sql, table, columns, rows);
      const lane = lanes[next]!;
      next = (next + 1) % lanes.length;
      const spare = await lane.inFlight;
      // A buffer of its own (never a slice of Buffer's shared pool), moved to the worker:
      // its previous copy's when it is the size needed.
      const chunks = [...binaryCopyChunks(rows)];
      const size = chunks.reduce((total, chunk) => total + chunk.byteLength, 0);
      const bytes = spare?.byteLength === size ? new Uint8Array(spare) : new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.byteLength;
      }
      lane.send(copyStatement(table, columns), bytes);
    },
    /** Waits for the copies in flight (throwing the first error) and stops the workers. */
    async close(): Promise<void> {
      try {
        for (const lane of lanes) await lane.inFlight;
      } finally {
        await Promise.all(lanes.map((lane) => lane.worker.terminate()));
      }
    },
    /** Stops the workers, abandoning the copies in flight (the caller is failing: its staging tables go). */
    async stop(): Promise<void> {
      await Promise.all(lanes.map((lane) => lane.worker.terminate()));
    },
  };
}

/** One copy worker and its copy in flight, which resolves to the buffer it was sent, handed back. */
function copyLane(connectionString: string) {
  const worker = new Worker(new URL("./copy-worker.mjs", import.meta.url), { workerData: { connectionString } });
  // A worker that failed or stopped fails the copy in flight and every later one.
  let stopped: Error | null = null;
  worker.on("error", (error) => (stopped ??= error));
  worker.on("exit", (code) => (stopped ??= new Error(`the copy worker stopped (exit code ${code})`)));
  const reply = () => new Promise<ArrayBuffer>((resolve, reject) => {
    if (stopped) return reject(stopped);
    const onMessage = (message: { ok: boolean; bytes?: ArrayBuffer; message?: string }) => {
      worker.off("exit", onExit);
      if (message.ok) resolve(message.bytes!);
      else reject(new Error(message.message));
    };
    const onExit = () => {
      worker.off("message", onMessage);
      reject(stopped);
    };
    worker.once("message", onMessage);
    worker.once("exit", onExit);
  });
  const lane = {
    worker,
    inFlight: Promise.resolve(null) as Promise<ArrayBuffer | null>,
    send(statement: string, bytes: Uint8Array<ArrayBuffer>) {
      lane.inFlight = reply();
      lane.inFlight.catch(() => undefined); // thrown by the lane's next copy or close()
      worker.postMessage({ statement, bytes: bytes.buffer }, [bytes.buffer]);
    },
  };
  return lane;
}
