import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseTarget, type DatabaseTarget } from "./config";
import { lockDataDir } from "./pglite-lock";
import { pgliteSqlClient, pgSqlClient, type SqlClient } from "./sql";

/** Prisma for typed reads, and raw SQL for migrations and bulk writes, over one connection pool. */
export interface Database {
  prisma: PrismaClient;
  sql: SqlClient;
  target: DatabaseTarget;
  close(): Promise<void>;
}

// node-postgres returns int8 (count(*)) as strings; every count here fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** The one factory for database clients: PostgreSQL when DATABASE_URL is set, else PGlite. */
export async function openDatabase(target: DatabaseTarget = databaseTarget()): Promise<Database> {
  if (target.kind === "postgres") {
    const { limits } = target;
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? 10,
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
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      prisma,
      sql: pgSqlClient(pool),
      target,
      async close() {
        await prisma.$disconnect();
        await pool.end();
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
