/**
 * Read replicas (DATABASE_REPLICA_URLS) against a real PostgreSQL streaming replica on
 * loopback (tests/support/replica-pair): the web server's reads are served by the
 * standby; a dataset appears there only once the standby has replayed its ingest's commit,
 * and then whole; saved views, agreement rows and document alignments are written to the
 * primary, and a saved view is found at once however far the standby lags.
 * Skipped, saying why, where the PostgreSQL server programs are not installed.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAgreement } from "@/app/api/agreement/route";
import { findDataset, listDatasets } from "@/lib/data/store/datasets";
import { documentDetail } from "@/lib/data/store/documents";
import { listQueries } from "@/lib/data/store/queries";
import { createSavedView, findSavedView } from "@/lib/data/store/saved-views";
import { compareView } from "@/lib/data/views/compare";
import { pairScatter } from "@/lib/data/views/transfer-pair";
import { webDatabaseTarget } from "@/lib/db/config";
import { openDatabase, type Database } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { setDatabase } from "@/lib/db/server";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { replicaPairUnavailable, startReplicaPair, type ReplicaPair } from "./support/replica-pair";
import { smallDataset } from "./support/small-dataset";

if (replicaPairUnavailable) console.warn(`tests/replica.test.ts skipped: ${replicaPairUnavailable}`);

/** Polls `check` until it is true (replay is asynchronous), failing after `ms`. */
async function eventually(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(replicaPairUnavailable !== null)(
  `reads from a streaming replica${replicaPairUnavailable ? ` (skipped: ${replicaPairUnavailable})` : ""}`,
  () => {
    let pair: ReplicaPair | undefined;
    let owner: Database;
    let web: Database;
    let standby: pg.Client;
    const small = smallDataset("small");

    beforeAll(async () => {
      pair = await startReplicaPair();
      owner = await openDatabase({ kind: "postgres", url: pair.primaryUrl });
      await migrate(owner.sql);
      await ingestDataset(owner.sql, small);
      // The web server's target from its environment, as `npm start` builds it.
      web = await openDatabase(webDatabaseTarget({
        NODE_ENV: "test",
        DATABASE_URL: pair.primaryUrl,
        DATABASE_REPLICA_URLS: ` ${pair.replicaUrl}?application_name=ie_replica_reads ,`,
      }));
      setDatabase(web);
      standby = new pg.Client({ connectionString: pair.replicaUrl });
      await standby.connect();
    });
    afterAll(async () => {
      await standby?.end().catch(() => undefined);
      await web?.close().catch(() => undefined);
      await owner?.close().catch(() => undefined);
      pair?.stop();
    });

    it("serves the web server's reads from the standby", async () => {
      await eventually(async () => (await listDatasets()).some((d) => d.slug === "small"), "the standby lists the dataset");
      const [where] = await web.prisma.$queryRaw<{ recovery: boolean; port: string }[]>`
        SELECT pg_is_in_recovery() AS recovery, current_setting('port') AS port`;
      expect(where).toEqual({ recovery: true, port: String(pair!.replicaPort) });
      // The reads' sessions are the standby's, under the URL's application name.
      const sessions = await standby.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'ie_replica_reads'");
      expect(sessions.rows[0].n).toBeGreaterThan(0);

      // Page reads through the replica equal the ingested input (binary reads included).
      const dataset = (await findDataset("small"))!;
      const scatter = (await pairScatter(dataset.id, 3, 4, 50))!;
      expect(scatter.points.map((p) => [p.x, p.y])).toEqual(Array.from(small.scores[3]!, (x, d) => [x, small.scores[4]![d]]));
      const doc = (await documentDetail(dataset.id, "doc-7"))!;
      expect(doc.influences.map((i) => i.score)).toEqual(small.scores.map((row) => row[7]));
    });

    it("a lagging standby lists a dataset only once it has all of it; saved views go to the primary", async () => {
      await standby.query("SELECT pg_wal_replay_pause()");
      try {
        await ingestDataset(owner.sql, smallDataset("later"));
        expect((await owner.sql.query("SELECT 1 FROM datasets WHERE slug = 'later'")).length).toBe(1);
        // Replay is paused: the standby neither lists the dataset nor shows any part of it.
        expect((await listDatasets()).map((d) => d.slug)).toEqual(["small"]);
        expect(await findDataset("later")).toBeNull();
        const orphans = await standby.query("SELECT count(*)::int AS n FROM query_scores WHERE dataset_id NOT IN (SELECT id FROM datasets)");
        expect(orphans.rows[0].n).toBe(0);

        // A saved view is written to the primary and found at once, though the standby lags.
        const { view, created } = await createSavedView({ path: "/datasets/small/transfer?a=r0&b=r1", title: "Slopes transfer", note: null });
        expect(created).toBe(true);
        expect((await findSavedView(view.slug))?.path).toBe("/datasets/small/transfer?a=r0&b=r1");
        expect((await standby.query("SELECT 1 FROM saved_views WHERE slug = $1", [view.slug])).rowCount).toBe(0);
      } finally {
        await standby.query("SELECT pg_wal_replay_resume()");
      }
      await eventually(async () => (await findDataset("later")) !== null, "the standby replays the ingest");
      const later = (await findDataset("later"))!;
      expect(later.queryCount).toBe(small.queries.length);
      expect(await listQueries(later.id)).toHaveLength(small.queries.length);
      expect((await documentDetail(later.id, "doc-7"))!.influences).toHaveLength(small.queries.length);
    });

    it("agreement rows, document alignments and cross-dataset statistics computed on a read are stored on the primary", async () => {
      const response = await getAgreement(new Request("http://test/api/agreement?a=small&b=later"));
      expect(response.status).toBe(200);
      const body = (await response.json()) as { queriesShared: number; rows: { pearson: number }[] };
      expect(body.queriesShared).toBe(small.queries.length);
      expect(body.rows[0]!.pearson).toBeCloseTo(1, 12); // the same scores under two names
      expect(await owner.sql.query("SELECT 1 FROM agreements")).toHaveLength(1);

      const cross = await (await compareView({ a: "small/query/f0", b: "later/query/f0" })).cross;
      expect(cross?.sharedDocuments).toBe(small.documents.length);
      expect(await owner.sql.query("SELECT identical FROM document_alignments")).toEqual([{ identical: true }]);
      expect(await owner.sql.query("SELECT shared FROM cross_query_statistics")).toEqual([{ shared: small.documents.length }]);
    });
  },
);
