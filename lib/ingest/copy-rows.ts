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
    await tx.copyFrom(`COPY ${table} (${names}) FROM STDIN (FORMAT binary)`, binaryCopyChunks(rows));
    return;
  }
  const placeholders = columns.map((_, i) => `$${i + 1}`).join(", ");
  for (const row of rows) await tx.query(`INSERT INTO ${table} (${names}) VALUES (${placeholders})`, row);
}
