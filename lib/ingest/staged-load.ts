import { performance } from "node:perf_hooks";
import type { SqlClient } from "@/lib/db/sql";
import { IngestError } from "./ingest-error";

/**
 * Loading a dataset without one transaction holding all of it. The tables that grow with
 * its documents are partitioned by dataset (migration 20261240000000_dataset_partitions,
 * one partition per dataset in the schema `dataset_partitions`). An ingest:
 *   1. reserves its dataset id and holds a session advisory lock on it (its liveness);
 *   2. writes standalone staging tables, one per partitioned table (`LIKE` the parent, plus
 *      `CHECK (dataset_id = id)` so that attaching needs no scan of the partition
 *      constraint), statement by statement, each its own short transaction;
 *   3. records the small tables' rows (statistics, which reference the datasets row) to run
 *      them in the final transaction;
 *   4. publishes in one short transaction: the per-slug lock, the existing / --replace
 *      check, the datasets row and the recorded rows, ATTACH PARTITION of the staging
 *      tables and, for --replace, DROP of the old dataset's partitions (not a DELETE of its
 *      rows). Readers, and a streaming replica, see the dataset whole or not at all.
 * A failure drops the staging tables; a kill -9 leaves them, and the next ingest drops them
 * (their owner's lock is gone) before it starts.
 */

/** The partitioned tables, each with one partition per dataset. */
export const PARTITIONED_TABLES = ["documents", "query_scores", "search_postings", "document_rank_buckets"] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];

/** Where partitions and staging tables live: outside Prisma's schema (see the migration). */
export const PARTITION_SCHEMA = "dataset_partitions";

/** First key of the session advisory lock (STAGING_LOCK, dataset id) a staging ingest holds (any constant). */
const STAGING_LOCK = 727_105_002;

/**
 * Dataset ids this process is staging. PGlite is one session, in which an advisory lock is
 * always granted again, so it cannot tell a live ingest's tables from a dead one's; one
 * process holds a PGlite directory (lib/db/pglite-lock.ts), so tables staged by no ingest
 * of this process are orphans.
 */
const stagingHere = new Set<number>();

/** The partition (first the staging table) of dataset `id` in `table`, quoted. */
export function partitionName(table: PartitionedTable, id: number): string {
  return `"${PARTITION_SCHEMA}"."${table}_${id}"`;
}

export interface DatasetTarget {
  slug: string;
  /** Replace a dataset of the same slug; otherwise its existence is an error. */
  replace: boolean;
  /** Names the input in errors. */
  where: string;
}

export interface StagedLoad {
  /** The dataset's id, reserved from the datasets sequence (the datasets row is inserted with it). */
  readonly datasetId: number;
  /** Writes to the staging tables: each statement its own transaction, on the load's connection. */
  readonly sql: SqlClient;
  /** The staging table standing for `table` (quoted, schema-qualified). */
  table(table: PartitionedTable): string;
  /**
   * Statements recorded to run, in order, in the final transaction: the datasets row first,
   * then the small tables' rows. They return no rows.
   */
  readonly final: SqlClient;
}

export interface StagedLoadResult<T> {
  value: T;
  /** Whether a dataset of the same slug was replaced. */
  replaced: boolean;
  /** How long the final (publishing) transaction took. */
  finalSeconds: number;
}

/**
 * Runs `stage` against staging tables for a new dataset of `target.slug`, then publishes
 * them with what it recorded in `final`, in one short transaction.
 *
 * @throws IngestError when the slug exists and `target.replace` is false (checked before
 *   staging and again when publishing)
 */
export async function stagedLoad<T>(sql: SqlClient, target: DatasetTarget, stage: (load: StagedLoad) => Promise<T>): Promise<StagedLoadResult<T>> {
  return sql.session(async (session) => {
    await dropOrphans(session);
    if (!target.replace) await refuseExisting(session, target);
    const [{ id }] = (await session.query<{ id: number }>(
      "SELECT nextval(pg_get_serial_sequence('datasets', 'id'))::int AS id")) as [{ id: number }];
    await session.query("SELECT pg_advisory_lock($1, $2)", [STAGING_LOCK, id]);
    stagingHere.add(id);
    // The staging writes need no durability of their own (after a crash they are orphans
    // anyway): their commits do not wait for the WAL flush. The final transaction does.
    await session.exec("SET synchronous_commit = off");
    let published = false;
    try {
      for (const table of PARTITIONED_TABLES) {
        // The CHECK implies the partition constraint, so ATTACH PARTITION skips its scan.
        await session.exec(`CREATE TABLE ${partitionName(table, id)} (LIKE "${table}" INCLUDING ALL, CHECK ("dataset_id" = ${id}))`);
      }
      const recorded: [string, readonly unknown[] | undefined][] = [];
      const final: SqlClient = {
        kind: session.kind,
        query: async <Row>(text: string, params?: readonly unknown[]) => {
          recorded.push([text, params]);
          return [] as Row[];
        },
        exec: async (script) => void recorded.push([script, undefined]),
        transaction: (work) => work(final),
        session: (work) => work(final),
      };
      const value = await stage({ datasetId: id, sql: session, table: (table) => partitionName(table, id), final });

      const started = performance.now();
      const replaced = await session.transaction(async (tx) => {
        // Serialise ingests of the same slug (and ground-truth replacements); readers are never blocked.
        await tx.exec("SET LOCAL synchronous_commit = on");
        await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`dataset:${target.slug}`]);
        // What ATTACH takes for the foreign key, taken first: publishing ingests wait for
        // each other here instead of deadlocking over it and the parents.
        await tx.exec('LOCK TABLE "datasets" IN SHARE ROW EXCLUSIVE MODE');
        const [existing] = await tx.query<{ id: number }>("SELECT id FROM datasets WHERE slug = $1", [target.slug]);
        if (existing && !target.replace) throw existsError(target);
        // Frees the slug for the new row; readers see the old row until the commit.
        if (existing) await tx.query("UPDATE datasets SET slug = $2 WHERE id = $1", [existing.id, `${target.slug}~replaced-by-${id}`]);
        for (const [text, params] of recorded) {
          if (params === undefined) await tx.exec(text);
          else await tx.query(text, params);
        }
        // Validates only the foreign key (one pass over the partition; readers are not blocked).
        for (const table of PARTITIONED_TABLES) {
          await tx.exec(`ALTER TABLE "${table}" ATTACH PARTITION ${partitionName(table, id)} FOR VALUES IN (${id})`);
        }
        if (existing) {
          // Dropping a partition locks its parent exclusively: readers wait from here to the commit.
          for (const table of PARTITIONED_TABLES) await tx.exec(`DROP TABLE IF EXISTS ${partitionName(table, existing.id)}`);
          // Its partitions gone, the cascade deletes only the small tables' rows.
          await tx.query("DELETE FROM datasets WHERE id = $1", [existing.id]);
        }
        return existing !== undefined;
      });
      published = true;
      return { value, replaced, finalSeconds: (performance.now() - started) / 1000 };
    } finally {
      if (!published) await dropStaging(session, id).catch(() => undefined);
      stagingHere.delete(id);
      await session.exec("RESET synchronous_commit").catch(() => undefined);
      await session.query("SELECT pg_advisory_unlock($1, $2)", [STAGING_LOCK, id]).catch(() => undefined);
    }
  });
}

function existsError(target: DatasetTarget): IngestError {
  return new IngestError(target.where, `dataset "${target.slug}" already exists; pass --replace to replace it`);
}

async function refuseExisting(sql: SqlClient, target: DatasetTarget): Promise<void> {
  const existing = await sql.query("SELECT 1 FROM datasets WHERE slug = $1", [target.slug]);
  if (existing.length > 0) throw existsError(target);
}

async function dropStaging(sql: SqlClient, id: number): Promise<void> {
  for (const table of PARTITIONED_TABLES) await sql.exec(`DROP TABLE IF EXISTS ${partitionName(table, id)}`);
}

/**
 * Drops what no dataset will use: staging tables whose ingest died (its session lock is
 * free; in PGlite, staged by no ingest of this process) and partitions whose dataset row was
 * deleted by hand (the cascade emptied them).
 */
export async function dropOrphans(sql: SqlClient): Promise<number[]> {
  const tables = await sql.query<{ name: string; attached: boolean; dataset: boolean }>(
    `SELECT c.relname::text AS name, c.relispartition AS attached,
            EXISTS (SELECT 1 FROM datasets d WHERE d.id = substring(c.relname FROM '_(\\d+)$')::int) AS dataset
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname ~ '_\\d+$'`, [PARTITION_SCHEMA]);
  const orphans = new Set<number>();
  for (const id of new Set(tables.filter((t) => !t.attached).map((t) => Number(/_(\d+)$/.exec(t.name)![1])))) {
    if (sql.kind === "pglite") {
      if (!stagingHere.has(id)) orphans.add(id);
      continue;
    }
    const [{ free }] = (await sql.query<{ free: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS free", [STAGING_LOCK, id])) as [{ free: boolean }];
    if (!free) continue;
    try {
      await dropStaging(sql, id);
    } finally {
      await sql.query("SELECT pg_advisory_unlock($1, $2)", [STAGING_LOCK, id]);
    }
    orphans.add(id);
  }
  if (sql.kind === "pglite") for (const id of orphans) await dropStaging(sql, id);
  for (const t of tables) {
    if (t.attached && !t.dataset) {
      // The publishing transaction's lock order (datasets, then the parent): no deadlock with it.
      await sql.transaction(async (tx) => {
        await tx.exec('LOCK TABLE "datasets" IN SHARE ROW EXCLUSIVE MODE');
        await tx.exec(`DROP TABLE IF EXISTS "${PARTITION_SCHEMA}"."${t.name}"`);
      });
      orphans.add(Number(/_(\d+)$/.exec(t.name)![1]));
    }
  }
  return [...orphans].sort((a, b) => a - b);
}
