/**
 * The migration to the search index of postings keeps the search of datasets ingested
 * before it: their stored words become postings of words and adjacent pairs, in blocks of
 * 65,536 documents, checked against postings computed here with plain loops.
 */
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/database";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { BACKENDS } from "./support/databases";

const MIGRATION = "20261231000000_search_postings";

/** Documents' words as the earlier ingest stored them; indices past the first block of 65,536 included. */
const STORED: [number, string[]][] = [
  [0, ["the", "apple", "pie", "the", "apple"]],
  [1, ["28", "3.28", "the"]],
  [2, []],
  [65_535, ["apple", "pie"]],
  [65_536, ["pie", "the", "apple"]],
  [200_000, ["the"]],
];

function expectedPostings(): Map<string, number[]> {
  const postings = new Map<string, number[]>();
  for (const [idx, words] of STORED) {
    const terms = new Set<string>();
    for (let i = 0; i < words.length; i++) {
      terms.add(words[i]!);
      if (i > 0) terms.add(`${words[i - 1]} ${words[i]}`);
    }
    for (const term of terms) postings.set(term, [...(postings.get(term) ?? []), idx]);
  }
  return postings;
}

describe.each(BACKENDS)("the search postings migration on $name", ({ create }) => {
  it("turns every dataset's stored words into postings of words and pairs", async () => {
    const testDb = await create();
    const db = await openDatabase(testDb.target);
    try {
      const migrations = readMigrations();
      const last = migrations.findIndex((m) => m.name === MIGRATION);
      expect(last).toBeGreaterThan(0);
      await migrate(db.sql, migrations.slice(0, last));
      const [dataset] = await db.sql.query<{ id: number }>(
        "INSERT INTO datasets (slug, name, query_count, document_count) VALUES ('old', 'Old', 1, 200001) RETURNING id");
      for (const [idx, words] of STORED) {
        await db.sql.query("INSERT INTO document_words (dataset_id, document_idx, words) VALUES ($1, $2, string_to_array($3, ' '))",
          [dataset!.id, idx, words.join(" ")]);
      }
      await migrate(db.sql, migrations.slice(0, last + 1));
      const rows = await db.sql.query<{ term: string; block: number; hex: string }>(
        "SELECT term, block, encode(documents, 'hex') AS hex FROM search_postings WHERE dataset_id = $1 ORDER BY term, block", [dataset!.id]);
      const found = new Map<string, number[]>();
      for (const row of rows) {
        const offsets = (row.hex.match(/.{4}/g) ?? []).map((h) => row.block * 65_536 + parseInt(h, 16));
        found.set(row.term, [...(found.get(row.term) ?? []), ...offsets]);
      }
      expect(Object.fromEntries(found)).toEqual(Object.fromEntries(expectedPostings()));
      expect(found.get("the apple")).toEqual([0, 65_536]);
    } finally {
      await db.close();
      await testDb.drop();
    }
  }, 60_000);
});
