import path from "node:path";
import { z } from "zod";

const postgresUrl = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, `${name} must start with postgres:// or postgresql://`)
    .optional()
    .or(z.literal("").transform(() => undefined));

/** A comma-separated list of PostgreSQL URLs (empty entries ignored). */
const postgresUrlList = (name: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value ?? "").split(",").map((url) => url.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^postgres(ql)?:\/\//, `each URL of ${name} must start with postgres:// or postgresql://`)));

const milliseconds = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const Env = z.object({
  /** A PostgreSQL URL (the owner role: migrations, ingest); without it the embedded PGlite database is used. */
  DATABASE_URL: postgresUrl("DATABASE_URL"),
  /**
   * The web server's URL, when it connects as a role with fewer rights than the owner's
   * (SELECT, and INSERT on saved views: README, "A read-only role"). Defaults to DATABASE_URL.
   */
  DATABASE_APP_URL: postgresUrl("DATABASE_APP_URL"),
  /**
   * Streaming replicas of DATABASE_URL's server the web server reads from (comma-separated
   * URLs); saved views and agreement rows are still written to (and saved views read
   * from) the primary. Empty: every read goes to the primary.
   */
  DATABASE_REPLICA_URLS: postgresUrlList("DATABASE_REPLICA_URLS"),
  /** Folder of the embedded database. */
  PGLITE_DIR: z.string().trim().min(1).default("data/pglite"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** The longest a web request's statement may run before PostgreSQL cancels it. */
  DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(5_000),
  /** The longest a web request waits for a lock (a table locked by a migration or by hand). */
  DATABASE_LOCK_TIMEOUT_MS: milliseconds(1_000),
});

/**
 * Limits on every session of a pool, so that one slow or blocked statement cannot hold
 * a connection (and, with enough of them, the whole pool) for long.
 */
export interface SessionLimits {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionMs: number;
}

export type DatabaseTarget =
  | {
      kind: "postgres";
      /** The primary: every write, and every read when there are no replicas. */
      url: string;
      /** Streaming replicas for the reads (the web server's target only). */
      replicaUrls?: string[];
      poolSize?: number;
      limits?: SessionLimits;
    }
  | { kind: "pglite"; dataDir: string };

function parseEnv(env: NodeJS.ProcessEnv) {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

/** Where the database is, for its owner (migrations, ingest, scripts), from the environment. */
export function databaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const { DATABASE_URL, PGLITE_DIR, DATABASE_POOL_SIZE } = parseEnv(env);
  return DATABASE_URL
    ? { kind: "postgres", url: DATABASE_URL, poolSize: DATABASE_POOL_SIZE }
    : { kind: "pglite", dataDir: path.resolve(PGLITE_DIR) };
}

/**
 * Where the web server's database is: the app role's URL when given, and session limits
 * on every connection (a request never waits on a lock or a statement for long).
 */
export function webDatabaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const config = parseEnv(env);
  const owner = databaseTarget(env);
  if (owner.kind === "pglite") return owner;
  return {
    ...owner,
    url: config.DATABASE_APP_URL ?? owner.url,
    replicaUrls: config.DATABASE_REPLICA_URLS,
    limits: {
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: config.DATABASE_LOCK_TIMEOUT_MS,
      // A transaction left open by a request that failed half-way must not hold its locks.
      idleInTransactionMs: 2 * config.DATABASE_STATEMENT_TIMEOUT_MS,
    },
  };
}

/** A URL or folder with any password removed, for log lines. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `embedded PGlite at ${target.dataDir}`;
  const hide = (raw: string) => {
    const url = new URL(raw);
    if (url.password) url.password = "****";
    return url.toString();
  };
  const replicas = target.replicaUrls?.length ? `, reads from ${target.replicaUrls.map(hide).join(", ")}` : "";
  return `PostgreSQL at ${hide(target.url)}${replicas}`;
}
