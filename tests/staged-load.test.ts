/**
 * The staged load (lib/ingest/staged-load.ts): a dataset is written to staging tables in
 * short transactions and becomes visible only in the final one. A load that fails midway
 * leaves no dataset and no staging table; during a --replace the old dataset stays
 * readable, whole, until the final commit; a new dataset is invisible until then.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import type { SqlClient } from "@/lib/db/sql";
import type { IngestInput, ScoreSource } from "@/lib/domain/records";
import { scoreSource } from "@/lib/ingest/score-source";
import { ingestDataset, type IngestProgress } from "@/lib/ingest/write-dataset";
import { BACKENDS, type TestDatabase } from "./support/databases";
import { smallDataset } from "./support/small-dataset";

/** Tables in the partition schema that are not (yet) partitions: staging tables. */
async function stagingTables(sql: SqlClient): Promise<string[]> {
  const rows = await sql.query<{ name: string }>(
    `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'dataset_partitions' AND c.relkind = 'r' AND NOT c.relispartition ORDER BY 1`);
  return rows.map((r) => r.name);
}

/** What a reader sees of dataset `slug`: its row and the rows behind it in the partitioned tables. */
async function visible(sql: SqlClient, slug: string) {
  const [row] = await sql.query<{ id: number; documents: number; prompts: string[]; scores: number; documentRows: number; postings: number }>(
    `SELECT d.id, d.document_count AS documents,
            (SELECT array_agg(prompt ORDER BY idx) FROM queries WHERE dataset_id = d.id) AS prompts,
            (SELECT count(*)::int FROM query_scores WHERE dataset_id = d.id) AS scores,
            (SELECT count(*)::int FROM documents WHERE dataset_id = d.id) AS "documentRows",
            (SELECT count(*)::int FROM search_postings WHERE dataset_id = d.id) AS postings
     FROM datasets d WHERE d.slug = $1`, [slug]);
  return row ?? null;
}

function version(slug: string, label: string, documents = 600): IngestInput & { scores: Float32Array[] | ScoreSource } {
  const input = smallDataset(slug);
  input.queries = input.queries.map((q) => ({ ...q, prompt: `${label}: ${q.prompt}` }));
  input.documents = input.documents.slice(0, documents);
  input.scores = (input.scores as Float32Array[]).map((row) => row.slice(0, documents));
  return input;
}

describe.each(BACKENDS)("a staged load on $name", ({ create }) => {
  let testDb: TestDatabase;
  let db: Database;
  // A second connection on PostgreSQL, as a reader elsewhere; PGlite has one.
  let reader: Database;

  beforeAll(async () => {
    testDb = await create();
    db = await openDatabase(testDb.target);
    await migrate(db.sql);
    reader = testDb.target.kind === "postgres" ? await openDatabase(testDb.target) : db;
  });
  afterAll(async () => {
    if (reader !== db) await reader?.close();
    await db?.close();
    await testDb?.drop();
  });

  it("that fails midway leaves no dataset and no staging table", async () => {
    const input = version("broken", "broken");
    const phases: IngestProgress[] = [];
    let staged: string[] = [];
    // Scores that cannot be read past the second query, after the documents were written.
    input.scores = withPause(input.scores as Float32Array[], 2, async () => {
      staged = await stagingTables(reader.sql);
      throw new Error("unreadable scores of query 2");
    });
    await expect(ingestDataset(db.sql, input, { onProgress: (p) => phases.push(p) })).rejects.toThrow("unreadable scores of query 2");
    // It failed while staging: its documents were written, its staging tables existed.
    expect(phases).toContainEqual({ phase: "documents", done: 600, total: 600 });
    expect(staged.length).toBeGreaterThanOrEqual(4);
    expect(await visible(db.sql, "broken")).toBeNull();
    expect(await stagingTables(db.sql)).toEqual([]);
    const [{ n }] = (await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM documents")) as [{ n: number }];
    expect(n).toBe(0);

    // The slug is free: the same data without the fault loads.
    await ingestDataset(db.sql, version("broken", "fixed"));
    expect(await visible(db.sql, "broken")).toMatchObject({ documents: 600, documentRows: 600, scores: 6 });
  });

  it("is invisible until its final transaction, and --replace keeps the old dataset readable until then", async () => {
    await ingestDataset(db.sql, version("swap", "old", 600));
    const old = await visible(db.sql, "swap");
    expect(old).toMatchObject({ documents: 600, documentRows: 600, scores: 6 });
    expect(old!.prompts[0]).toMatch(/^old: /);

    let during: { swap: Awaited<ReturnType<typeof visible>>; fresh: Awaited<ReturnType<typeof visible>>; documents: number } | null = null;
    const input = version("swap", "new", 300);
    // Halfway through the new version's queries (its documents staged), a reader looks.
    input.scores = withPause(input.scores as Float32Array[], 3, async () => {
      const [{ n }] = (await reader.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM documents")) as [{ n: number }];
      during = { swap: await visible(reader.sql, "swap"), fresh: null, documents: n };
    });
    const summary = await ingestDataset(db.sql, input, { replace: true });
    expect(summary.replaced).toBe(true);
    // The old dataset, whole, and none of the new one's 300 staged documents.
    expect(during).toEqual({ swap: old, fresh: null, documents: 600 + 600 });

    const now = await visible(db.sql, "swap");
    expect(now).toMatchObject({ documents: 300, documentRows: 300, scores: 6 });
    expect(now!.prompts[0]).toMatch(/^new: /);
    // The old dataset's partitions were dropped, not emptied row by row.
    const partitions = await db.sql.query<{ name: string }>(
      `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'dataset_partitions' AND c.relname LIKE $1`, [`%\\_${old!.id}`]);
    expect(partitions).toEqual([]);
    expect(await stagingTables(db.sql)).toEqual([]);
  });

  it("of a new dataset is not listed before its final transaction", async () => {
    let during: { listed: number; documents: number } | null = null;
    const input = version("fresh", "fresh", 200);
    input.scores = withPause(input.scores as Float32Array[], 3, async () => {
      const [row] = await reader.sql.query<{ listed: number; documents: number }>(
        `SELECT (SELECT count(*)::int FROM datasets WHERE slug = 'fresh') AS listed,
                (SELECT count(*)::int FROM documents d WHERE NOT EXISTS (SELECT 1 FROM datasets s WHERE s.id = d.dataset_id)) AS documents`);
      during = row!;
    });
    await ingestDataset(db.sql, input);
    expect(during).toEqual({ listed: 0, documents: 0 });
    expect(await visible(db.sql, "fresh")).toMatchObject({ documents: 200, documentRows: 200 });
  });

  it("drops at the next ingest the partitions of a dataset deleted by hand", async () => {
    await ingestDataset(db.sql, version("deleted", "deleted", 100));
    const { id } = (await visible(db.sql, "deleted"))!;
    const partitionsOf = async (dataset: number) => (await db.sql.query<{ name: string }>(
      `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'dataset_partitions' AND c.relname ~ $1 ORDER BY 1`, [`_${dataset}$`])).map((r) => r.name);
    expect(await partitionsOf(id)).toEqual(
      ["document_rank_buckets", "documents", "query_scores", "search_postings"].map((t) => `${t}_${id}`));
    // The cascade empties its partitions; the tables themselves stay until the next ingest.
    await db.sql.query("DELETE FROM datasets WHERE id = $1", [id]);
    expect(await partitionsOf(id)).toHaveLength(4);
    await ingestDataset(db.sql, version("next", "next", 100));
    expect(await partitionsOf(id)).toEqual([]);
    expect(await visible(db.sql, "next")).toMatchObject({ documents: 100, documentRows: 100 });
  });
});

/** Rows served in memory, except that reading query `at` first runs `pause` (which may throw). */
function withPause(rows: Float32Array[], at: number, pause: () => Promise<void>): ScoreSource {
  const source = scoreSource(rows);
  return {
    queryCount: source.queryCount,
    documentCount: source.documentCount,
    row: async (q) => {
      if (q === at) await pause();
      return source.row(q);
    },
    block: (start, length) => source.block(start, length),
    close: () => source.close(),
  };
}
