import { PGlite, type Transaction as PGliteTransaction } from "@electric-sql/pglite";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/**
 * The one raw-SQL surface the migration runner and the ingest writer use, over either
 * node-postgres or PGlite: both speak PostgreSQL, so the same statements serve both.
 * (The web app reads through Prisma; see lib/db/database.ts.)
 */
export interface SqlClient {
  /** One parameterised statement; Uint8Array parameters are sent as bytea. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements separated by semicolons, no parameters (migration files). */
  exec(script: string): Promise<void>;
  /** Runs `work` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Runs `work` on one connection, each statement in its own transaction unless `work`
   * opens one: for session state that must outlive a transaction (session advisory locks).
   */
  session<T>(work: (session: SqlClient) => Promise<T>): Promise<T>;
  readonly kind: "postgres" | "pglite";
  /**
   * PostgreSQL only: `COPY ... FROM STDIN` with the bytes of `chunks`, sent as they are
   * produced (with backpressure), so a large row is never one parameter message in memory.
   */
  copyFrom?(statement: string, chunks: Iterable<Uint8Array>): Promise<void>;
  /** PostgreSQL only: where the client connects, for a connection of another thread's own (lib/ingest/copy-rows.ts). */
  readonly connectionString?: string;
}

/** Streams `chunks` into `COPY ... FROM STDIN` on one connection. */
async function copyInto(client: pg.PoolClient, statement: string, chunks: Iterable<Uint8Array>): Promise<void> {
  await pipeline(Readable.from(chunks, { objectMode: false }), client.query(copyFrom(statement)));
}

/** A node-postgres pool as a SqlClient. */
export function pgSqlClient(pool: pg.Pool): SqlClient {
  const { connectionString } = pool.options;
  return {
    kind: "postgres",
    connectionString,
    async query<Row>(text: string, params?: readonly unknown[]) {
      const result = await pool.query(text, params as unknown[] | undefined);
      return result.rows as Row[];
    },
    async exec(script) {
      await pool.query(script);
    },
    async copyFrom(statement, chunks) {
      const client = await pool.connect();
      try {
        await copyInto(client, statement, chunks);
      } finally {
        client.release();
      }
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        return await connectionTransaction(client, work);
      } finally {
        client.release();
      }
    },
    async session(work) {
      const client = await pool.connect();
      const session: SqlClient = {
        ...connectionClient(client),
        connectionString,
        transaction: (inner) => connectionTransaction(client, inner),
        session: (inner) => inner(session),
      };
      let broken = false;
      try {
        return await work(session);
      } catch (error) {
        broken = true;
        throw error;
      } finally {
        // A connection that failed may still hold session state: closed, not reused.
        client.release(broken);
      }
    },
  };
}

/**
 * Statements on one pooled connection; transaction() and session() are the caller's. A
 * statement sent while another runs waits its turn here, in order (node-postgres's own
 * queue is deprecated): ingest sends a batch of rows, then computes while it is stored.
 */
function connectionClient(client: pg.PoolClient): Omit<SqlClient, "transaction" | "session"> {
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const next = last.then(run, run);
    last = next.catch(() => undefined);
    return next;
  };
  return {
    kind: "postgres",
    query: <Row>(text: string, params?: readonly unknown[]) =>
      inTurn(async () => (await client.query(text, params as unknown[] | undefined)).rows as Row[]),
    exec: (script) => inTurn(async () => void (await client.query(script))),
    copyFrom: (statement, chunks) => inTurn(() => copyInto(client, statement, chunks)),
  };
}

async function connectionTransaction<T>(client: pg.PoolClient, work: (tx: SqlClient) => Promise<T>): Promise<T> {
  const tx: SqlClient = { ...connectionClient(client), transaction: (inner) => inner(tx), session: (inner) => inner(tx) };
  try {
    await client.query("BEGIN");
    const value = await work(tx);
    await client.query("COMMIT");
    return value;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * PGlite serialises a Uint8Array parameter byte by byte in JavaScript (~200 ms for
 * 560 kB); hex text decoded by the server is ~8x faster. Rewrites `$n` of each binary
 * parameter to `decode($n, 'hex')` (statements here never hold `$n` inside literals).
 */
function hexEncodeBinaryParams(text: string, params: readonly unknown[]): [string, unknown[]] {
  const encoded = params.map((param, i) => {
    if (!(param instanceof Uint8Array)) return param;
    text = text.replace(new RegExp(`\\$${i + 1}(?!\\d)`, "g"), `decode($${i + 1}, 'hex')`);
    return Buffer.from(param.buffer, param.byteOffset, param.byteLength).toString("hex");
  });
  return [text, encoded];
}

/** A PGlite instance (or one of its transactions) as a SqlClient. */
export function pgliteSqlClient(db: PGlite | PGliteTransaction): SqlClient {
  const client: SqlClient = {
    kind: "pglite",
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const [sql, values] = hexEncodeBinaryParams(text, params);
      return (await db.query<Row>(sql, values)).rows;
    },
    async exec(script) {
      await db.exec(script);
    },
    async transaction(work) {
      // A PGlite transaction object has no nested transaction(): reuse it.
      if (!(db instanceof PGlite)) return work(client);
      return db.transaction((tx) => work(pgliteSqlClient(tx)));
    },
    // One connection already: a session is the client itself.
    session: (work) => work(client),
  };
  return client;
}
