import { randomInt } from "node:crypto";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseTarget, type DatabaseTarget, type SessionLimits } from "./config";
import { lockDataDir } from "./pglite-lock";
import { pgliteSqlClient, pgSqlClient, type SqlClient } from "./sql";

/**
 * Prisma for typed reads, and raw SQL for migrations and bulk writes. With read replicas
 * (DATABASE_REPLICA_URLS) `prisma` and `readBinary` read from one replica and `primary`
 * and `sql` go to the primary; without, all four share one connection pool.
 */
export interface Database {
  /** Reads (a replica when there are replicas). */
  prisma: PrismaClient;
  /** Writes, and reads that must see them at once (saved views). */
  primary: PrismaClient;
  /**
   * The bytea columns of the first row of one read statement (on the read side), as bytes
   * sent in binary; null when there is no row. node-postgres's text protocol sends bytea as
   * hex (twice its size, one JavaScript string: past V8's string limit for a 22M-document
   * column) and its binary mode decodes results as UTF-8 text, so on PostgreSQL this runs
   * as `COPY (statement) TO STDOUT (FORMAT binary)`, whose bytes arrive as buffers.
   * `$n` parameters must be integers (COPY takes no bind parameters; they are inlined).
   */
  readBlob(text: string, params?: readonly number[]): Promise<(Uint8Array | null)[] | null>;
  sql: SqlClient;
  target: DatabaseTarget;
  close(): Promise<void>;
}

// node-postgres returns int8 (count(*)) as strings; every count here fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** The one factory for database clients: PostgreSQL when DATABASE_URL is set, else PGlite. */
export async function openDatabase(target: DatabaseTarget = databaseTarget()): Promise<Database> {
  if (target.kind === "postgres") {
    const pool = postgresPool(target.url, target.poolSize, target.limits);
    const primary = new PrismaClient({ adapter: new PrismaPg(pool) });
    // One replica per server process, so that every statement of a page reads one
    // replica's replay position, which only moves forward: a dataset seen once stays whole
    // (it commits in one transaction), where statements spread over replicas lagging
    // differently could find its row on one and its scores not yet on another. Several
    // processes spread their reads over the replicas.
    const replicaUrl = target.replicaUrls?.length ? target.replicaUrls[randomInt(target.replicaUrls.length)] : undefined;
    const readPool = replicaUrl ? postgresPool(replicaUrl, target.poolSize, target.limits) : pool;
    const reader = replicaUrl ? new PrismaClient({ adapter: new PrismaPg(readPool) }) : primary;
    return {
      prisma: reader,
      primary,
      readBlob: (text, params = []) => copyFirstRow(readPool, text, params),
      sql: pgSqlClient(pool),
      target,
      async close() {
        await Promise.all([primary.$disconnect(), reader !== primary && reader.$disconnect()]);
        await Promise.all([pool.end(), readPool !== pool && readPool.end()]);
      },
    };
  }
  const inMemory = target.dataDir.startsWith("memory://");
  if (!inMemory) mkdirSync(target.dataDir, { recursive: true });
  const unlock = inMemory ? () => undefined : lockDataDir(target.dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(target.dataDir);
  } catch (error) {
    unlock();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    prisma,
    primary: prisma,
    // In process: PGlite hands bytea over as bytes already.
    async readBlob(text, params = []) {
      const [row] = (await db.query<Record<string, Uint8Array | null>>(text, [...params])).rows;
      return row ? Object.values(row) : null;
    },
    sql: pgliteSqlClient(db),
    target,
    async close() {
      try {
        await prisma.$disconnect();
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}

function postgresPool(url: string, poolSize: number | undefined, limits: SessionLimits | undefined): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize ?? 10,
    // Without a timeout a request hangs while the database is unreachable.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    ...(limits && {
      statement_timeout: limits.statementTimeoutMs,
      lock_timeout: limits.lockTimeoutMs,
      idle_in_transaction_session_timeout: limits.idleInTransactionMs,
      // Also give up on the client side when the server does not answer at all.
      query_timeout: limits.statementTimeoutMs + 1_000,
    }),
  });
  pool.on("error", () => undefined); // an idle client's error must not crash the server
  return pool;
}

/**
 * The first row of `COPY (text) TO STDOUT (FORMAT binary)` with `$n` replaced by the
 * integer params. Format: an 11-byte signature, a flags word and a header extension, then
 * per row an int16 field count and per field an int32 length (-1: null) and its bytes.
 */
async function copyFirstRow(pool: pg.Pool, text: string, params: readonly number[]): Promise<(Uint8Array | null)[] | null> {
  const statement = text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (!Number.isSafeInteger(value)) throw new TypeError(`readBlob: parameter $${n} must be an integer (got ${String(value)})`);
    return String(value);
  });
  const client = await pool.connect();
  let data: Buffer;
  try {
    const chunks: Buffer[] = [];
    const stream = client.query(copyTo(`COPY (${statement}) TO STDOUT (FORMAT binary)`));
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    data = Buffer.concat(chunks);
  } finally {
    client.release();
  }
  let offset = 11 + 4;
  offset += 4 + data.readInt32BE(offset);
  const fields = data.readInt16BE(offset);
  if (fields === -1) return null; // the trailer: no row
  offset += 2;
  const row: (Uint8Array | null)[] = [];
  for (let i = 0; i < fields; i++) {
    const length = data.readInt32BE(offset);
    offset += 4;
    if (length === -1) {
      row.push(null);
      continue;
    }
    row.push(data.subarray(offset, offset + length));
    offset += length;
  }
  return row;
}
