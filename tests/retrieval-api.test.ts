/**
 * GET /api/datasets/{slug}/retrieval on each backend (PGlite; PostgreSQL as the owner and
 * as the web server's role): a ranking evaluated against ground truth stored at ingest,
 * checked against a naive recomputation from the scores; 404 naming why for a dataset
 * without ground truth and for an unknown one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getRetrieval } from "@/app/api/datasets/[slug]/retrieval/route";
import { retrievalResponse } from "@/lib/api-schemas";
import type { DatasetInput } from "@/lib/domain/records";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { serveDatabase, SERVER_BACKENDS } from "./support/databases";
import { expectClose } from "./support/numeric";
import { smallDataset } from "./support/small-dataset";

const base = smallDataset("small");
const D = base.documents.length; // 600: ks 10 and 50

/** Ground truth by query id (document indices); queries not listed have none. */
const TRUTH: Record<string, number[]> = {
  f0: [7, 3, 599], // 7 tops f0 (score 1000)
  f1: [100, 101, 102, 103, 104], // inside the block of tied scores 0.25
  r0: [0],
  r2: [42, 43],
};
const withTruth: DatasetInput = {
  ...base,
  meta: { ...base.meta, slug: "small-truth" },
  relevant: base.queries.map((q) => Uint32Array.from(TRUTH[q.id] ?? [])),
};

/** Naive: rank documents by score descending (ties by index), then count. */
function naive(queryId: string, k: number) {
  const q = base.queries.findIndex((x) => x.id === queryId);
  const order = Array.from(base.scores[q]!, (s, d) => ({ s, d })).sort((a, b) => b.s - a.s || a.d - b.d).map((e) => e.d);
  const relevant = new Set(TRUTH[queryId]);
  const hits = order.slice(0, k).filter((d) => relevant.has(d)).length;
  const first = order.findIndex((d) => relevant.has(d)) + 1;
  return { recall: hits / relevant.size, precision: hits / k, rr: 1 / first, hits };
}

async function call(slug: string) {
  const response = await getRetrieval(new Request(`http://test/api/datasets/${slug}/retrieval`), { params: Promise.resolve({ slug }) });
  return { status: response.status, body: (await response.json()) as any };
}

describe.each(SERVER_BACKENDS)("GET /api/datasets/{slug}/retrieval on $name", ({ create }) => {
  let served: Awaited<ReturnType<typeof serveDatabase>>;

  beforeAll(async () => {
    served = await serveDatabase(create, async (owner) => {
      await ingestDataset(owner.sql, base);
      await ingestDataset(owner.sql, withTruth);
    });
  });
  afterAll(async () => {
    await served?.close();
  });

  it("gives recall@k, precision@k and reciprocal rank per query with ground truth, as recomputed naively", async () => {
    const { status, body } = await call("small-truth");
    expect(status).toBe(200);
    const parsed = retrievalResponse.parse(body);
    expect(parsed.ks).toEqual([10, 50].filter((k) => k <= D / 10));
    const ids = Object.keys(TRUTH);
    expect(parsed.reciprocalRanks.map((r) => r.queryId)).toEqual(base.queries.map((q) => q.id).filter((id) => ids.includes(id)));
    expect(parsed.rows).toHaveLength(ids.length * parsed.ks.length);
    for (const row of parsed.rows) {
      const expected = naive(row.queryId, row.k);
      expectClose(row.recall, expected.recall);
      expectClose(row.precision, expected.precision);
      expect(row.hits).toBe(expected.hits);
    }
    for (const r of parsed.reciprocalRanks) {
      expectClose(r.rr, naive(r.queryId, 1).rr);
      expect(r.relevant).toBe(TRUTH[r.queryId]!.length);
    }
    // f0's answer document tops its ranking.
    expect(parsed.reciprocalRanks.find((r) => r.queryId === "f0")).toMatchObject({ rr: 1, firstRank: 1 });
  });

  it("gives each group's means over its queries with ground truth", async () => {
    const { body } = await call("small-truth");
    const parsed = retrievalResponse.parse(body);
    const factual = parsed.groups.find((g) => g.group === "set:factual")!;
    expect(factual.queries).toBe(2); // f0 and f1; f2 has no ground truth
    expectClose(factual.mrr, (naive("f0", 1).rr + naive("f1", 1).rr) / 2);
    for (const { k, recall, precision } of factual.atK) {
      expectClose(recall, (naive("f0", k).recall + naive("f1", k).recall) / 2);
      expectClose(precision, (naive("f0", k).precision + naive("f1", k).precision) / 2);
    }
    const slopes = parsed.groups.find((g) => g.group === "type:slopes")!;
    expect(slopes.queries).toBe(2);
  });

  it("answers 404 naming why for a dataset without ground truth, and for an unknown dataset", async () => {
    const none = await call("small");
    expect(none.status).toBe(404);
    expect(none.body.error).toMatch(/small.*has no ground truth.*--relevant/);
    const unknown = await call("no-such-dataset");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/No dataset "no-such-dataset"/);
  });
});
