/**
 * The replay: with `LOCK TABLE query_scores IN ACCESS EXCLUSIVE MODE` held in
 * another session, more ranked-page requests than the pool has connections. Those give
 * up at the lock timeout with a 503 and Retry-After (instead of holding the pool for as
 * long as the lock lasts), and a route that does not read the table keeps answering.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getQueryDocuments } from "@/app/api/datasets/[slug]/queries/[id]/documents/route";
import { GET as getDatasets } from "@/app/api/datasets/route";
import { openDatabase, type Database } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { setDatabase } from "@/lib/db/server";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { BACKENDS, TEST_POSTGRES_URL, type TestDatabase } from "@/tests/support/databases";
import { smallDataset } from "@/tests/support/small-dataset";

describe.runIf(TEST_POSTGRES_URL)("a locked table on PostgreSQL", () => {
  let testDb: TestDatabase;
  let web: Database;

  beforeAll(async () => {
    testDb = await BACKENDS.find((b) => b.name === "postgres")!.create();
    const owner = await openDatabase(testDb.target);
    await migrate(owner.sql);
    await ingestDataset(owner.sql, smallDataset("small"));
    await owner.close();
    // The web server's pool, with the limits it runs with (shortened to keep the test quick).
    const url = (testDb.target as { url: string }).url;
    web = await openDatabase({ kind: "postgres", url, poolSize: 10, limits: { statementTimeoutMs: 2_000, lockTimeoutMs: 300, idleInTransactionMs: 4_000 } });
    setDatabase(web);
  });
  afterAll(async () => {
    await web?.close();
    await testDb?.drop();
  });

  it("answers the locked route 503 with Retry-After and keeps serving the others", async () => {
    const locker = new pg.Client({ connectionString: (testDb.target as { url: string }).url });
    await locker.connect();
    try {
      await locker.query("BEGIN; LOCK TABLE query_scores IN ACCESS EXCLUSIVE MODE");
      const ranked = Array.from({ length: 12 }, (_, i) =>
        getQueryDocuments(new Request(`http://test/api/datasets/small/queries/f0/documents?offset=${i}`), {
          params: Promise.resolve({ slug: "small", id: "f0" }),
        }));
      const datasets = await getDatasets();
      expect(datasets.status).toBe(200);
      const responses = await Promise.all(ranked);
      expect(responses.map((r) => r.status)).toEqual(Array(12).fill(503));
      expect(responses.every((r) => r.headers.get("retry-after") === "5")).toBe(true);
    } finally {
      await locker.end();
    }
    // The lock gone, the same request is served.
    const after = await getQueryDocuments(new Request("http://test/api/datasets/small/queries/f0/documents"), {
      params: Promise.resolve({ slug: "small", id: "f0" }),
    });
    expect(after.status).toBe(200);
  });
});
