/**
 * The migration to per-dataset partitions keeps every dataset loaded before it: each
 * one's rows of the four large tables end up in its own partition (schema
 * dataset_partitions), with the same content, and a dataset deleted afterwards takes them
 * along (the foreign keys cascade through the partitioned tables).
 */
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/database";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { BACKENDS } from "./support/databases";

const MIGRATION = "20261240000000_dataset_partitions";
const TABLES = ["documents", "query_scores", "search_postings", "document_rank_buckets"];

describe.each(BACKENDS)("the dataset partitions migration on $name", ({ create }) => {
  it("moves each dataset's rows into its own partitions", async () => {
    const testDb = await create();
    const db = await openDatabase(testDb.target);
    try {
      const migrations = readMigrations();
      const at = migrations.findIndex((m) => m.name === MIGRATION);
      expect(at).toBeGreaterThan(0);
      await migrate(db.sql, migrations.slice(0, at));
      const ids: number[] = [];
      for (const [slug, documents] of [["first", 3], ["second", 2]] as const) {
        const [dataset] = await db.sql.query<{ id: number }>(
          "INSERT INTO datasets (slug, name, query_count, document_count) VALUES ($1, $1, 1, $2) RETURNING id", [slug, documents]);
        const id = dataset!.id;
        ids.push(id);
        for (let d = 0; d < documents; d++) {
          await db.sql.query("INSERT INTO documents (dataset_id, idx, external_id, source, text, labels) VALUES ($1, $2, $3, 'web', $4, $5::jsonb)",
            [id, d, `${slug}-${d}`, `text ${d} of ${slug}`, JSON.stringify({ lang: d % 2 ? "en" : "fr" })]);
        }
        await db.sql.query("INSERT INTO query_scores (dataset_id, query_idx, by_document, top, bottom) VALUES ($1, 0, $2, $2, $2)",
          [id, Buffer.from(`${slug} scores`)]);
        await db.sql.query("INSERT INTO search_postings (dataset_id, term, block, documents) VALUES ($1, 'text', 0, $2)", [id, Buffer.from([0, 1])]);
        await db.sql.query("INSERT INTO document_rank_buckets (dataset_id, block, buckets) VALUES ($1, 0, $2)", [id, Buffer.from([7, 7])]);
      }
      const content = async () => Object.fromEntries(await Promise.all(TABLES.map(async (table) =>
        [table, await db.sql.query(`SELECT * FROM "${table}" ORDER BY 1, 2, 3`)] as const)));
      const before = await content();

      await migrate(db.sql, migrations.slice(0, at + 1));
      expect(await content()).toEqual(before);
      const partitions = await db.sql.query<{ name: string; parent: string; bound: string; rows: number }>(
        `SELECT c.relname::text AS name, p.relname::text AS parent, pg_get_expr(c.relpartbound, c.oid) AS bound
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent
         WHERE n.nspname = 'dataset_partitions' AND c.relkind = 'r' ORDER BY 2, 1`);
      expect(partitions).toEqual(TABLES.slice().sort().flatMap((table) =>
        ids.map((id) => ({ name: `${table}_${id}`, parent: table, bound: `FOR VALUES IN (${id})` }))));
      const [{ rows }] = (await db.sql.query<{ rows: number }>(
        `SELECT count(*)::int AS rows FROM "dataset_partitions"."documents_${ids[0]}"`)) as [{ rows: number }];
      expect(rows).toBe(3);

      await db.sql.query("DELETE FROM datasets WHERE slug = 'first'");
      const [{ left }] = (await db.sql.query<{ left: number }>(
        "SELECT count(*)::int AS left FROM documents WHERE dataset_id = $1", [ids[0]])) as [{ left: number }];
      expect(left).toBe(0);
    } finally {
      await db.close();
      await testDb.drop();
    }
  });
});
