/**
 * Reads that do not grow with the corpus (issue 8), on each backend the server meets
 * (PGlite; PostgreSQL as the owner and as the web server's least-privileged role):
 * - the pair scatter's density counted from the bins prepared at ingest and its r read
 *   from the stored matrix give the numbers of binning and correlating the scores
 *   themselves (checked against the input scores, and against the scatter of a dataset
 *   whose bins are missing, which still bins its by_document columns as before);
 * - the cross-dataset compare through the stored document alignment gives the numbers
 *   of a naive join by document id, for a reordered subset and for identical corpora,
 *   and stores the alignment once; its statistics are stored once per query pair (later
 *   requests read the row, equal to the computation) and a replaced dataset never meets
 *   its predecessor's rows.
 */
import { randomLcg, randomNormal } from "d3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDataset } from "@/lib/data/store/datasets";
import { densityBinColumn } from "@/lib/data/store/scores";
import { compareView } from "@/lib/data/views/compare";
import { DENSITY_BINS, pairScatter, POINTS_LIMIT } from "@/lib/data/views/transfer-pair";
import type { Database } from "@/lib/db/database";
import type { DatasetInput, QueryRecord } from "@/lib/domain/records";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { robustExtent } from "@/lib/stats/extent";
import { serveDatabase, SERVER_BACKENDS } from "./support/databases";
import { naivePearson } from "./support/naive-stats";

const D = POINTS_LIMIT + 1_500; // above the points limit: the density mode

/** 3 queries (two correlated reasoning queries, one factual) over D documents, seeded. */
function largeDataset(slug: string, seed = 5): DatasetInput {
  const normal = randomNormal.source(randomLcg(seed))(0, 1);
  const queries: QueryRecord[] = ["r0", "r1", "f0"].map((id, i) => ({
    id, prompt: `Prompt ${id}`, completion: "c", set: i < 2 ? "reasoning" : "factual", type: i < 2 ? "slopes" : "factual",
    control: false, answer: null, correct: null, nats: null,
  }));
  const documents = Array.from({ length: D }, (_, d) => ({ id: `doc-${d}`, source: ["wiki", "code", "arxiv"][d % 3]!, text: `Text ${d}`, tokens: null }));
  const shared = Array.from({ length: D }, () => normal());
  const scores = queries.map((q) => Float32Array.from(shared, (s) => (q.set === "reasoning" ? 0.8 * s + 0.6 * normal() : normal() ** 3)));
  return {
    meta: { slug, name: slug, model: "test", method: "test", description: null, synthetic: true, origin: "tests/scale-reads.test.ts" },
    queries, documents, scores, globalRanks: null,
  };
}

/** The same queries over a reordered subset of the documents (every 5th dropped) and 30 of its own. */
function partialDataset(base: DatasetInput, slug: string): DatasetInput {
  const normal = randomNormal.source(randomLcg(11))(0, 1);
  const keep = base.documents.map((_, d) => d).filter((d) => d % 5 !== 0).reverse();
  const documents = [...keep.map((d) => base.documents[d]!), ...Array.from({ length: 30 }, (_, i) => ({ id: `own-${i}`, source: "wiki", text: null, tokens: null }))];
  const scores = base.scores.map((row) => Float32Array.from(documents, (_, i) => (i < keep.length ? 0.5 * row[keep[i]!]! + normal() : normal())));
  return { ...base, meta: { ...base.meta, slug, name: slug }, documents, scores };
}

/** Binning as a reader would do it by hand: equal-width bins over each query's [min, max]. */
function naiveDensity(x: Float32Array, y: Float32Array, bins: number): number[] {
  const extent = (v: Float32Array) => [Math.min(...v), Math.max(...v)] as const;
  const [x0, x1] = extent(x);
  const [y0, y1] = extent(y);
  const counts = new Array<number>(bins * bins).fill(0);
  for (let i = 0; i < x.length; i++) {
    const bx = Math.min(bins - 1, Math.floor(((x[i]! - x0) / (x1 - x0)) * bins));
    const by = Math.min(bins - 1, Math.floor(((y[i]! - y0) / (y1 - y0)) * bins));
    counts[by * bins + bx]!++;
  }
  return counts;
}

/** Binning with values beyond each domain put in its edge bin, written out by hand. */
function naiveClampedDensity(x: Float32Array, y: Float32Array, [x0, x1]: readonly number[], [y0, y1]: readonly number[], bins: number): number[] {
  const bin = (v: number, lo: number, hi: number) => Math.min(bins - 1, Math.max(0, Math.floor(((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * bins)));
  const counts = new Array<number>(bins * bins).fill(0);
  for (let i = 0; i < x.length; i++) counts[bin(y[i]!, y0!, y1!) * bins + bin(x[i]!, x0!, x1!)]!++;
  return counts;
}

/** Median of |a_i| / |b_i|, by sorting. */
function naiveMedianRatio(a: number[], b: number[]): number {
  const ratios = a.map((v, i) => Math.abs(v) / Math.abs(b[i]!)).sort((p, q) => p - q);
  const mid = ratios.length >> 1;
  return ratios.length % 2 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
}

/** The compare's cross-dataset statistics by a join on document id, in the obvious way. */
function naiveCross(a: DatasetInput, b: DatasetInput, q: number) {
  const indexInB = new Map(b.documents.map((d, i) => [d.id, i]));
  const pairs = a.documents.flatMap((d, i) => (indexInB.has(d.id) ? [[i, indexInB.get(d.id)!] as const] : []));
  const x = pairs.map(([i]) => a.scores[q]![i]!);
  const y = pairs.map(([, j]) => b.scores[q]![j]!);
  const n = Math.min(50_000, x.length);
  const desc = (v: number[]) => [...v].sort((p, r) => r - p).slice(0, n);
  const order = x.map((_, i) => i).sort((i, j) => x[j]! - x[i]! || i - j).slice(0, n);
  return {
    sharedDocuments: pairs.length,
    pearson: naivePearson(x, y),
    rankRatio: naiveMedianRatio(desc(x), desc(y)),
    documentRatio: naiveMedianRatio(order.map((i) => x[i]!), order.map((i) => y[i]!)),
    n,
  };
}

const large = largeDataset("large");
const partial = partialDataset(large, "large-partial");
const twin: DatasetInput = { ...largeDataset("large-twin", 6), documents: large.documents };

describe.each(SERVER_BACKENDS)("reads bounded by the page on $name", ({ create }) => {
  let owner: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ owner, close } = await serveDatabase(create, async (db) => {
      for (const input of [large, partial, twin]) await ingestDataset(db.sql, input);
      // The same dataset ingested as before the bins existed: the scatter's fallback path.
      await ingestDataset(db.sql, { ...large, meta: { ...large.meta, slug: "large-unbinned" } });
      await db.sql.query("UPDATE query_scores SET density_bins = NULL, density_bins_robust = NULL WHERE dataset_id = (SELECT id FROM datasets WHERE slug = 'large-unbinned')");
      await db.sql.query("UPDATE datasets SET documents_digest = NULL WHERE slug = 'large-unbinned'");
    }));
  });
  afterAll(async () => close?.());

  it("the scatter's density and r equal binning and correlating the input scores", async () => {
    const dataset = (await findDataset("large"))!;
    const [binned] = await owner.sql.query<{ n: number }>("SELECT length(density_bins) AS n FROM query_scores WHERE dataset_id = $1 AND query_idx = 0", [dataset.id]);
    expect(binned!.n).toBe(D + 1); // prepared at ingest: the bin count, then a byte a document
    for (const [a, b] of [[0, 1], [0, 2], [1, 1]] as const) {
      const scatter = (await pairScatter(dataset.id, a, b, 50, "full"))!;
      const [x, y] = [large.scores[a]!, large.scores[b]!];
      expect(scatter.mode).toBe("density");
      expect(scatter.extent).toBe("full");
      expect(scatter.documentCount).toBe(D);
      expect(scatter.density!.counts).toEqual(naiveDensity(x, y, DENSITY_BINS));
      expect(scatter.density!.max).toBe(Math.max(...naiveDensity(x, y, DENSITY_BINS)));
      expect(scatter.pearson).toBeCloseTo(naivePearson(x, y), 12);
      expect(scatter.xDomain).toEqual([Math.min(...x), Math.max(...x)]);
      expect(scatter.yDomain).toEqual([Math.min(...y), Math.max(...y)]);
      // The default axes: each query's robust extent over all its scores (read from its
      // rankings' ends), the density over them with outliers in the edge bins.
      const [rx, ry] = [robustExtent(x), robustExtent(y)];
      expect([scatter.robust.xDomain, scatter.robust.yDomain]).toEqual([rx.domain, ry.domain]);
      expect(scatter.robust.beyond).toEqual({ left: rx.below, right: rx.above, bottom: ry.below, top: ry.above });
      const robust = (await pairScatter(dataset.id, a, b, 50))!;
      // Asked for the robust axes with nothing beyond them (they are the full ones), the full density is counted.
      expect(robust.extent).toBe(rx.below + rx.above + ry.below + ry.above > 0 ? "robust" : "full");
      expect(robust.density!.counts).toEqual(naiveClampedDensity(x, y, rx.domain, ry.domain, DENSITY_BINS));
      // Only the density differs between the two extents.
      expect({ ...robust, density: null, extent: null }).toEqual({ ...scatter, density: null, extent: null });
      // The drawn top documents carry their own scores.
      for (const point of scatter.points) {
        const idx = Number(point.documentId.slice("doc-".length));
        expect([point.x, point.y]).toEqual([x[idx], y[idx]]);
      }
      expect(scatter.points.length).toBeGreaterThanOrEqual(50);
    }
  });

  it("a bin column read in slices is the column, byte for byte", async () => {
    const dataset = (await findDataset("large"))!;
    for (const extent of ["full", "robust"] as const) {
      // As bytes (one slice comes back as the driver's Buffer).
      const read = async (slice?: number) => Uint8Array.from((await densityBinColumn(dataset.id, 2, extent, D, slice))!);
      const whole = await read();
      expect(whole.length).toBe(D + 1);
      // Slices that do not divide the column, and one past its end.
      for (const slice of [1_000, 3_333, D + 1, D + 50]) expect(await read(slice)).toEqual(whole);
    }
    const unbinned = (await findDataset("large-unbinned"))!;
    expect(await densityBinColumn(unbinned.id, 2, "full", D, 1_000)).toBeNull();
  });

  it("one outlier does not set the default axes (the heavy-tailed query's robust extent is narrower)", async () => {
    const dataset = (await findDataset("large"))!;
    const scatter = (await pairScatter(dataset.id, 2, 0, 50))!;
    expect(scatter.robust.xDomain[1] - scatter.robust.xDomain[0]).toBeLessThan((scatter.xDomain[1] - scatter.xDomain[0]) / 1.5);
    expect(scatter.robust.beyond.left + scatter.robust.beyond.right).toBeGreaterThan(0);
  });

  it("a dataset without bins (ingested before them) gets the same scatter from its scores", async () => {
    const withBins = (await findDataset("large"))!;
    const without = (await findDataset("large-unbinned"))!;
    for (const extent of ["robust", "full"] as const) {
      // Query 2's heavy tail puts documents beyond the robust axes: both extents are counted.
      const [a, b] = [(await pairScatter(withBins.id, 0, 2, 500, extent))!, (await pairScatter(without.id, 0, 2, 500, extent))!];
      expect([a.extent, b.extent]).toEqual([extent, extent]);
      expect(b.density).toEqual(a.density);
    }
    const [a, b] = [(await pairScatter(withBins.id, 0, 1, 500))!, (await pairScatter(without.id, 0, 1, 500))!];
    expect(b.robust).toEqual(a.robust);
    expect(b.points).toEqual(a.points);
    expect(b.shared).toEqual(a.shared);
    expect(b.pearson).toBe(a.pearson);
    expect(a.shared.items.length).toBeGreaterThan(0); // correlated queries share top documents
  });

  it("the cross-dataset compare equals a naive join by document id, the alignment stored once", async () => {
    const view = await compareView({ a: "large/query/r0", b: "large-partial/query/r0" });
    const cross = (await view.cross)!;
    const expected = naiveCross(large, partial, 0);
    expect(cross.sharedDocuments).toBe(expected.sharedDocuments);
    expect(cross.n).toBe(expected.n);
    expect(cross.pearson).toBeCloseTo(expected.pearson, 12);
    expect(cross.rankRatio).toBeCloseTo(expected.rankRatio, 12);
    expect(cross.documentRatio).toBeCloseTo(expected.documentRatio, 12);

    const alignments = await owner.sql.query<{ shared: number; identical: boolean; bytes: number }>(
      "SELECT shared, identical, length(pairs) AS bytes FROM document_alignments");
    expect(alignments).toEqual([{ shared: expected.sharedDocuments, identical: false, bytes: 8 * expected.sharedDocuments }]);

    // Another query of the pair reads the stored alignment (no second row) and is right too.
    const other = (await (await compareView({ a: "large/query/f0", b: "large-partial/query/f0" })).cross)!;
    expect(other.pearson).toBeCloseTo(naiveCross(large, partial, 2).pearson, 12);
    expect(await owner.sql.query("SELECT 1 FROM document_alignments")).toHaveLength(1);
  });

  it("the cross-dataset statistics are stored once per query pair and later read from the row", async () => {
    const url = { a: "large/query/r1", b: "large-partial/query/r1" };
    const first = (await (await compareView(url)).cross)!;
    const expected = naiveCross(large, partial, 1);
    expect(first.pearson).toBeCloseTo(expected.pearson, 12);
    expect(first.rankRatio).toBeCloseTo(expected.rankRatio, 12);
    expect(first.documentRatio).toBeCloseTo(expected.documentRatio, 12);
    const [a, b] = [(await findDataset("large"))!, (await findDataset("large-partial"))!];
    const rows = await owner.sql.query<Record<string, number>>(
      "SELECT shared, pearson, rank_ratio, document_ratio, n FROM cross_query_statistics WHERE dataset_a = $1 AND query_a = 1 AND dataset_b = $2 AND query_b = 1",
      [a.id, b.id]);
    // The stored row is exactly what the first request computed.
    expect(rows).toEqual([{ shared: first.sharedDocuments, pearson: first.pearson, rank_ratio: first.rankRatio, document_ratio: first.documentRatio, n: first.n }]);
    expect(await compareView(url).then((v) => v.cross)).toEqual(first);

    // A later request reads the row, not the scores: a changed row shows through.
    await owner.sql.query("UPDATE cross_query_statistics SET pearson = 0.123 WHERE dataset_a = $1 AND query_a = 1 AND dataset_b = $2", [a.id, b.id]);
    expect((await (await compareView(url)).cross)!.pearson).toBe(0.123);
    // The pair is ordered (A's magnitudes over B's): the other order is its own row.
    const reversed = (await (await compareView({ a: url.b, b: url.a })).cross)!;
    expect(reversed.pearson).toBeCloseTo(expected.pearson, 12);
    expect(reversed.rankRatio).toBeCloseTo(naiveCross(partial, large, 1).rankRatio, 12);
  });

  it("a replaced dataset (--replace) is compared with its new scores, never its predecessor's stored rows", async () => {
    const url = { a: "large/query/f0", b: "large-swap/query/f0" };
    await ingestDataset(owner.sql, { ...partial, meta: { ...partial.meta, slug: "large-swap", name: "large-swap" } });
    const before = (await (await compareView(url)).cross)!;
    expect(before.pearson).toBeCloseTo(naiveCross(large, partial, 2).pearson, 12);
    const replacement = { ...largeDataset("large-swap", 7), documents: large.documents };
    await ingestDataset(owner.sql, replacement, { replace: true });
    const after = (await (await compareView(url)).cross)!;
    const expected = naiveCross(large, replacement, 2);
    expect(after.sharedDocuments).toBe(D);
    expect(after.pearson).toBeCloseTo(expected.pearson, 12);
    expect(after.rankRatio).toBeCloseTo(expected.rankRatio, 12);
    expect(after.documentRatio).toBeCloseTo(expected.documentRatio, 12);
    expect(after.pearson).not.toBeCloseTo(before.pearson!, 3);
    // The replaced dataset's rows went with it: only the new one's remain.
    const swap = (await findDataset("large-swap"))!;
    const rows = await owner.sql.query<{ dataset_b: number }>(
      "SELECT dataset_b FROM cross_query_statistics WHERE dataset_b NOT IN (SELECT id FROM datasets) OR dataset_a NOT IN (SELECT id FROM datasets)");
    expect(rows).toEqual([]);
    expect(await owner.sql.query("SELECT 1 FROM cross_query_statistics WHERE dataset_b = $1", [swap.id])).toHaveLength(1);
  });

  it("identical corpora align without pairs and compare over every document", async () => {
    const cross = (await (await compareView({ a: "large/query/r1", b: "large-twin/query/r1" })).cross)!;
    const expected = naiveCross(large, twin, 1);
    expect(cross.sharedDocuments).toBe(D);
    expect(cross.pearson).toBeCloseTo(expected.pearson, 12);
    expect(cross.rankRatio).toBeCloseTo(expected.rankRatio, 12);
    expect(cross.documentRatio).toBeCloseTo(expected.documentRatio, 12);
    const [row] = await owner.sql.query<{ identical: boolean; pairs: unknown }>(
      "SELECT identical, pairs FROM document_alignments a JOIN datasets d ON d.id = a.dataset_b WHERE d.slug = 'large-twin'");
    expect(row).toEqual({ identical: true, pairs: null });
    const digests = await owner.sql.query<{ slug: string; documents_digest: string }>(
      "SELECT slug, documents_digest FROM datasets WHERE slug IN ('large', 'large-twin', 'large-partial') ORDER BY slug");
    expect(digests[0]!.documents_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digests.map((d) => d.documents_digest === digests[0]!.documents_digest)).toEqual([true, false, true]);

    // A dataset ingested before the digests (none stored) is found identical by a join.
    const older = (await (await compareView({ a: "large/query/r0", b: "large-unbinned/query/r0" })).cross)!;
    expect(older.sharedDocuments).toBe(D);
    expect(older.pearson).toBeCloseTo(1, 12);
    const [olderRow] = await owner.sql.query<{ identical: boolean }>(
      "SELECT identical FROM document_alignments a JOIN datasets d ON d.id = a.dataset_b WHERE d.slug = 'large-unbinned'");
    expect(olderRow).toEqual({ identical: true });
  });
});
