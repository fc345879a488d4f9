/**
 * The comparisons an ingest stores for every other dataset (lib/ingest/precompute-comparisons),
 * on PGlite and PostgreSQL: the rows are there before any request, equal to the last
 * digit to the rows the first requests store when nothing was precomputed, the requests
 * read them (a row altered in the database is what they answer), and `npm run ingest`
 * stores them after its commit (a replaced dataset's rows go with its old id; a replaced
 * ground truth changes none of them).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAgreement } from "@/app/api/agreement/route";
import { compareView } from "@/lib/data/views/compare";
import type { Database } from "@/lib/db/database";
import { openDatabase } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { setDatabase } from "@/lib/db/server";
import type { DatasetInput } from "@/lib/domain/records";
import { precomputeComparisons } from "@/lib/ingest/precompute-comparisons";
import { runIngest } from "@/lib/ingest/run-ingest";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { BACKENDS, type TestDatabase } from "./support/databases";
import { smallDataset } from "./support/small-dataset";

const base = smallDataset("small");

/** Another method over the same documents (same digest: no join): the scores reversed in sign, plus a shift. */
function sameDocuments(slug: string): DatasetInput {
  return { ...base, meta: { ...base.meta, slug }, scores: base.scores.map((row) => row.map((v, d) => -v + (d % 7) * 0.01)) };
}

/**
 * Different documents (a join), queries in another order, one with a new id but the
 * prompt of base's f1 (the compare pairs it with f1 by prompt).
 */
function otherDocuments(slug: string): DatasetInput {
  const keep = base.documents.map((_, d) => d).filter((d) => d % 5 !== 0).reverse();
  const documents = [...keep.map((d) => base.documents[d]!), { id: "own-0", source: "wiki", text: null, tokens: null }];
  const queries = [base.queries[5]!, base.queries[0]!, { ...base.queries[1]!, id: "renamed-f1" }];
  const scores = [5, 0, 1].map((q, i) => Float32Array.from(documents, (_, j) => (j < keep.length ? base.scores[q]![keep[j]!]! * 0.5 + ((j * (i + 3)) % 11) * 0.1 : 1)));
  return { ...base, meta: { ...base.meta, slug }, queries, documents, scores };
}

const inputs = [base, sameDocuments("small-same"), otherDocuments("small-other")];

/** Every stored comparison, in a fixed order, with the datasets by slug and queries by id. */
async function storedComparisons(db: Database) {
  const alignments = await db.sql.query(
    `SELECT x.slug AS a, y.slug AS b, shared, identical, encode(pairs, 'hex') AS pairs FROM document_alignments t
     JOIN datasets x ON x.id = t.dataset_a JOIN datasets y ON y.id = t.dataset_b ORDER BY 1, 2`);
  const agreements = await db.sql.query(
    `SELECT x.slug AS a, y.slug AS b, queries_shared, documents_shared, ks, rows::text AS rows FROM agreements t
     JOIN datasets x ON x.id = t.dataset_a JOIN datasets y ON y.id = t.dataset_b ORDER BY 1, 2`);
  const pairs = await db.sql.query<{ a: string; qa: string; b: string; qb: string }>(
    `SELECT x.slug AS a, qx.external_id AS qa, y.slug AS b, qy.external_id AS qb, shared, pearson, rank_ratio, document_ratio, n
     FROM cross_query_statistics t
     JOIN datasets x ON x.id = t.dataset_a JOIN datasets y ON y.id = t.dataset_b
     JOIN queries qx ON qx.dataset_id = x.id AND qx.idx = t.query_a JOIN queries qy ON qy.dataset_id = y.id AND qy.idx = t.query_b
     ORDER BY 1, 2, 3, 4`);
  return { alignments, agreements, pairs };
}

const compare = (a: string, b: string) => compareView({ a, b });

describe.each(BACKENDS)("precomputed comparisons on $name", ({ create }) => {
  let testDb: TestDatabase;
  let db: Database;
  let precomputed: Awaited<ReturnType<typeof storedComparisons>>;

  beforeAll(async () => {
    testDb = await create();
    db = await openDatabase(testDb.target);
    await migrate(db.sql);
    // As `npm run ingest` does: each dataset committed, then its comparisons with those before it.
    for (const input of inputs) {
      await ingestDataset(db.sql, input);
      await precomputeComparisons(db, input.meta.slug);
    }
    precomputed = await storedComparisons(db);
    setDatabase(db);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it("stores, before any request, the alignments both ways, the agreements and the query pairs the compare links", () => {
    expect(precomputed.alignments.map((r: any) => `${r.a}>${r.b} ${r.shared} ${r.identical}`).sort()).toEqual([
      "small-other>small 480 false", "small-other>small-same 480 false",
      "small-same>small 600 true", "small-same>small-other 480 false",
      "small>small-other 480 false", "small>small-same 600 true",
    ].sort());
    expect(precomputed.agreements.map((r: any) => `${r.a}>${r.b}`).sort()).toEqual(["small>small-other", "small>small-same", "small-same>small-other"].sort());
    // Each query with the first query of the other dataset with its prompt, both ways.
    const linked = precomputed.pairs.filter((p) => p.a === "small" && p.b === "small-other").map((p) => `${p.qa}>${p.qb}`);
    expect(linked).toEqual(["f0>f0", "f1>renamed-f1", "r2>r2"]);
    const back = precomputed.pairs.filter((p) => p.a === "small-other" && p.b === "small").map((p) => `${p.qa}>${p.qb}`);
    expect(back).toEqual(["f0>f0", "r2>r2", "renamed-f1>f1"]);
    expect(precomputed.pairs.filter((p) => p.a === "small" && p.b === "small-same")).toHaveLength(6);
    expect(precomputed.pairs).toHaveLength(2 * (6 + 3 + 3));
  });

  it("answers the compare and the agreement from the stored rows", async () => {
    await db.sql.query(
      `UPDATE cross_query_statistics SET pearson = 0.123456789 WHERE dataset_a = (SELECT id FROM datasets WHERE slug = 'small')
       AND dataset_b = (SELECT id FROM datasets WHERE slug = 'small-other') AND query_a = 1`);
    const view = await compare("small/query/f1", "small-other/query/renamed-f1");
    expect((await view.cross)?.pearson).toBe(0.123456789);
    await db.sql.query("UPDATE agreements SET documents_shared = 4321");
    const response = await getAgreement(new Request("http://test/api/agreement?a=small-other&b=small-same"));
    expect(((await response.json()) as { documentsShared: number }).documentsShared).toBe(4321);
  });

  it("stores exactly what the first requests store when nothing was precomputed", async () => {
    await db.sql.query("DELETE FROM cross_query_statistics");
    await db.sql.query("DELETE FROM agreements");
    await db.sql.query("DELETE FROM document_alignments");
    const ids = new Map(inputs.map((input) => [input.meta.slug, input.queries.map((q) => q.id)]));
    // The requests a reader makes: each linked pair's compare page (either side first), each agreement.
    for (const p of precomputed.pairs) {
      const view = await compare(`${p.a}/query/${p.qa}`, `${p.b}/query/${p.qb}`);
      expect(await view.cross, `${p.a}/${p.qa} ${p.b}/${p.qb}`).not.toBeNull();
      expect(ids.get(p.b)).toContain(p.qb);
    }
    for (const r of precomputed.agreements as { a: string; b: string }[]) {
      expect((await getAgreement(new Request(`http://test/api/agreement?a=${r.a}&b=${r.b}`))).status).toBe(200);
    }
    expect(await storedComparisons(db)).toEqual(precomputed);
  });
});

describe.each(BACKENDS)("npm run ingest on $name", ({ create }) => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await create();
    db = await openDatabase(testDb.target);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const ingest = async (argv: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = await runIngest(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } }, { database: db });
    return { code, stdout, stderr };
  };
  const storedPairs = async (slug: string) =>
    (await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cross_query_statistics t JOIN datasets d ON d.id IN (t.dataset_a, t.dataset_b) WHERE d.slug = $1`, [slug]))[0]!.n;

  it("stores the comparisons with the datasets already there after its commit, a replaced dataset's with its new id, and keeps them through --ground-truth-only", async () => {
    const first = await ingest(["--name", "demo-a", "--demo", "7b", "--demo-documents", "300"]);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).not.toMatch(/compared/); // nothing to compare with yet
    const second = await ingest(["--name", "demo-b", "--demo", "7b", "--demo-documents", "300"]);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe("");
    expect(second.stdout).toMatch(/^Loaded "demo-b" .*; compared with 1 other dataset \(document alignments, agreement, \d+ query pairs\) in [\d.]+ s\n$/);
    const queries = (await db.sql.query<{ n: number }>("SELECT query_count AS n FROM datasets WHERE slug = 'demo-a'"))[0]!.n;
    expect(await storedPairs("demo-b")).toBe(2 * queries);
    const [agreements] = await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM agreements");
    expect(agreements!.n).toBe(1);

    const [before] = await db.sql.query<{ id: number }>("SELECT id FROM datasets WHERE slug = 'demo-a'");
    const replaced = await ingest(["--name", "demo-a", "--demo", "7b", "--demo-documents", "300", "--replace"]);
    expect(replaced.code).toBe(0);
    const [after] = await db.sql.query<{ id: number }>("SELECT id FROM datasets WHERE slug = 'demo-a'");
    expect(after!.id).not.toBe(before!.id);
    // The old id's rows went with it (ON DELETE CASCADE); the new id's are stored again.
    const stale = await db.sql.query("SELECT 1 FROM cross_query_statistics WHERE dataset_a = $1 OR dataset_b = $1", [before!.id]);
    expect(stale).toHaveLength(0);
    expect(await storedPairs("demo-a")).toBe(2 * queries);

    // --ground-truth-only changes the dataset in place (same id), nothing the comparisons read: they stay.
    const comparisons = async () => JSON.stringify(await db.sql.query(
      "SELECT dataset_a, query_a, dataset_b, query_b, pearson, rank_ratio, document_ratio FROM cross_query_statistics ORDER BY 1, 2, 3, 4"));
    const kept = await comparisons();
    const [relevant] = await db.sql.query<{ q: string; d: string }>(
      `SELECT q.external_id AS q, d.external_id AS d FROM datasets s JOIN queries q ON q.dataset_id = s.id AND q.idx = 0
       JOIN documents d ON d.dataset_id = s.id AND d.idx = 0 WHERE s.slug = 'demo-b'`);
    const folder = await mkdtemp(path.join(tmpdir(), "ie-relevant-"));
    try {
      const file = path.join(folder, "relevant.jsonl");
      await writeFile(file, `${JSON.stringify({ queryId: relevant!.q, documentId: relevant!.d })}\n`);
      expect((await ingest(["--name", "demo-b", "--relevant", file, "--ground-truth-only"])).code).toBe(0);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    expect(await comparisons()).toBe(kept);
  });
});
