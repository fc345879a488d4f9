/**
 * GET /api/agreement on each backend (PGlite; PostgreSQL as the owner and as the web
 * server's least-privileged role, which must be able to store a pair's agreement):
 * numbers against naive implementations over the shared queries and documents matched
 * by id, the stored row reused in either order, and every refusal naming its cause.
 */
import { randomLcg, randomNormal } from "d3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAgreement } from "@/app/api/agreement/route";
import type { DatasetInput } from "@/lib/domain/records";
import type { Database } from "@/lib/db/database";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { serveDatabase, SERVER_BACKENDS } from "./support/databases";
import { naivePearson } from "./support/naive-stats";
import { smallDataset } from "./support/small-dataset";

const base = smallDataset("small");
const D = base.documents.length; // 600

/** Another method over the same corpus and queries: base scores plus noise. */
function noisy(slug: string): DatasetInput {
  const normal = randomNormal.source(randomLcg(9))(0, 1);
  return {
    ...base,
    meta: { ...base.meta, slug, name: "Small, noisier method" },
    scores: base.scores.map((row) => row.map((v) => v + 0.7 * normal())),
  };
}

/**
 * A third dataset sharing part of each: queries r2, f0 and a new one (in that order),
 * documents in reverse order with 100 dropped and 20 of its own.
 */
function partial(slug: string): DatasetInput {
  const normal = randomNormal.source(randomLcg(10))(0, 1);
  const keep = base.documents.map((_, d) => d).filter((d) => d % 6 !== 0).reverse();
  const documents = [...keep.map((d) => base.documents[d]!), ...Array.from({ length: 20 }, (_, i) => ({ id: `own-${i}`, source: "wiki", text: null, tokens: null }))];
  const queries = [base.queries[5]!, base.queries[0]!, { ...base.queries[1]!, id: "new-query" }];
  const from = [5, 0, 1];
  const scores = from.map((q) => Float32Array.from(documents, (doc, i) => (i < keep.length ? base.scores[q]![keep[i]!]! * -0.5 + normal() : normal())));
  return { ...base, meta: { ...base.meta, slug, name: "Small, partial" }, queries, documents, scores };
}

/**
 * small-partial's corpus and queries with its scores rounded to whole numbers and cut at
 * zero: long runs of tied scores (most of them zero, as BM25's) whose documents the
 * alignment lists in the reverse of this dataset's order.
 */
function tiedPartial(slug: string): DatasetInput {
  const source = partial(slug);
  return { ...source, meta: { ...source.meta, name: "Small, partial, tied" }, scores: source.scores.map((row) => row.map((v) => Math.max(0, Math.round(v)))) };
}

/** A dataset with the same documents and none of the queries. */
function otherQueries(slug: string): DatasetInput {
  return { ...base, meta: { ...base.meta, slug }, queries: base.queries.map((q) => ({ ...q, id: `other-${q.id}` })) };
}

// --- naive reference implementations (independent of lib/stats) ---
function naiveRanks(x: number[]): number[] {
  return x.map((v) => {
    let less = 0, equal = 0;
    for (const w of x) {
      if (w < v) less++;
      else if (w === v) equal++;
    }
    return less + (equal + 1) / 2;
  });
}
function naiveTop(x: number[], k: number): Set<number> {
  return new Set(x.map((v, i) => ({ v, i })).sort((p, q) => q.v - p.v || p.i - q.i).slice(0, k).map((e) => e.i));
}
function naiveJaccard(x: number[], y: number[], k: number): number {
  const a = naiveTop(x, k);
  const b = naiveTop(y, k);
  const common = [...a].filter((d) => b.has(d)).length;
  return common / (a.size + b.size - common);
}
/** Scores of query `id` in `input` over the documents listed in `ids`, in that order. */
function scoresOver(input: DatasetInput, id: string, ids: string[]): number[] {
  const q = input.queries.findIndex((x) => x.id === id);
  const index = new Map(input.documents.map((d, i) => [d.id, i]));
  return ids.map((d) => input.scores[q]![index.get(d)!]!);
}
const close = (actual: number, expected: number, rel = 1e-9) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

async function call(query: string) {
  const response = await getAgreement(new Request(`http://test/api/agreement${query}`));
  return { status: response.status, body: (await response.json()) as any };
}

function checkAgainstNaive(body: any, a: DatasetInput, b: DatasetInput, queryIds: string[], documentIds: string[]) {
  expect(body.queriesShared).toBe(queryIds.length);
  expect(body.documentsShared).toBe(documentIds.length);
  const ks = [10, 50, 100, 500, 1000, 5000].filter((k) => k <= documentIds.length / 10);
  expect(body.rows.map((r: any) => r.queryId)).toEqual(queryIds);
  for (const row of body.rows) {
    const x = scoresOver(a, row.queryId, documentIds);
    const y = scoresOver(b, row.queryId, documentIds);
    close(row.pearson, naivePearson(x, y));
    close(row.spearman, naivePearson(naiveRanks(x), naiveRanks(y)));
    expect(Object.keys(row.jaccard)).toEqual(ks.map(String));
    for (const k of ks) close(row.jaccard[String(k)], naiveJaccard(x, y, k));
  }
}

describe.each(SERVER_BACKENDS)("GET /api/agreement on $name", ({ create }) => {
  let served: Awaited<ReturnType<typeof serveDatabase>>;
  let db: Database;
  const second = noisy("small-noisy");
  const third = partial("small-partial");
  const tied = tiedPartial("small-tied");

  beforeAll(async () => {
    served = await serveDatabase(create, async (owner) => {
      for (const input of [base, second, third, tied, otherQueries("small-other")]) await ingestDataset(owner.sql, input);
    });
    db = served.owner;
  });
  afterAll(async () => {
    await served?.close();
  });

  it("compares two methods over one corpus, query by query, and stores the result", async () => {
    const { status, body } = await call("?a=small&b=small-noisy");
    expect(status).toBe(200);
    checkAgainstNaive(body, base, second, base.queries.map((q) => q.id), base.documents.map((d) => d.id));
    expect(body.ks).toEqual([10, 50]);
    const [stored] = await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM agreements");
    expect(stored?.n).toBe(1);
  });

  it("answers the reversed pair from the same stored row, in b's query order", async () => {
    const forward = (await call("?a=small&b=small-partial")).body;
    const reverse = await call("?a=small-partial&b=small");
    expect(reverse.status).toBe(200);
    // Shared: r2 and f0 (small-partial's order), 500 documents (matched by id, not position).
    expect(reverse.body.rows.map((r: any) => r.queryId)).toEqual(["r2", "f0"]);
    expect(forward.rows.map((r: any) => r.queryId)).toEqual(["f0", "r2"]);
    const shared = base.documents.map((d) => d.id).filter((_, d) => d % 6 !== 0);
    checkAgainstNaive(forward, base, third, ["f0", "r2"], shared);
    expect(reverse.body.rows[0]).toEqual(forward.rows[1]);
    const [stored] = await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM agreements");
    expect(stored?.n).toBe(2);
  });

  it("reads a stored pair back without recomputing it", async () => {
    // Overwrite the stored value as the owner: a later request must return it as stored.
    await db.sql.query(`UPDATE agreements SET documents_shared = 12345 WHERE documents_shared = ${D}`);
    const { body } = await call("?a=small-noisy&b=small");
    expect(body.documentsShared).toBe(12345);
  });

  it("refuses bad input with a 400 naming the parameter, and unknown slugs with a 404", async () => {
    for (const [query, parameter] of [["", "a"], ["?a=small", "b"], ["?a=Small!&b=small", "a"], ["?a=small&b=", "b"]] as const) {
      const { status, body } = await call(query);
      expect(status, query).toBe(400);
      expect(body.parameter).toBe(parameter);
    }
    const unknown = await call("?a=small&b=nope");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ parameter: "b", error: expect.stringContaining("nope") });
  });

  it("refuses an incomparable pair, saying why", async () => {
    const same = await call("?a=small&b=small");
    expect(same.status).toBe(400);
    expect(same.body.error).toMatch(/same dataset/);
    const noQueries = await call("?a=small&b=small-other");
    expect(noQueries.status).toBe(400);
    expect(noQueries.body.error).toMatch(/share no queries/);
  });

  it("ranks long runs of ties listed in another order as sorting would, and computes a pair once for concurrent first requests", async () => {
    const [forward, reverse] = await Promise.all([call("?a=small&b=small-tied"), call("?a=small-tied&b=small")]);
    expect(forward.status).toBe(200);
    const shared = base.documents.map((d) => d.id).filter((_, d) => d % 6 !== 0);
    checkAgainstNaive(forward.body, base, tied, ["f0", "r2"], shared);
    expect(reverse.body.rows).toEqual([...forward.body.rows].reverse());
    const [stored] = await db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM agreements a JOIN datasets d ON d.id IN (a.dataset_a, a.dataset_b) WHERE d.slug = 'small-tied'");
    expect(stored?.n).toBe(1);
  });

  it("stores a pair computed for a client that left before the answer", async () => {
    await getAgreement(new Request("http://test/api/agreement?a=small-noisy&b=small-tied", { signal: AbortSignal.abort() }));
    const [stored] = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM agreements a JOIN datasets x ON x.id = a.dataset_a JOIN datasets y ON y.id = a.dataset_b
       WHERE x.slug = 'small-noisy' AND y.slug = 'small-tied'`);
    expect(stored?.n).toBe(1);
  });

  it("drops the stored rows with their dataset", async () => {
    await db.sql.query("DELETE FROM datasets WHERE slug IN ('small-partial', 'small-tied')");
    const [stored] = await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM agreements");
    expect(stored?.n).toBe(1);
  });
});
