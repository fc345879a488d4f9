/**
 * Answers at any depth: every document of the corpus containing a query's answer, with
 * its true rank, stored at ingest and shown by the concentration view. Checked against
 * a scan of every text with the answer rule (lib/domain/answers.ts, tested on its own)
 * and ranks from sorting the scores here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { concentrationView } from "@/lib/data/views/concentration";
import { answerMatcher } from "@/lib/domain/answers";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { BACKENDS, serveDatabase } from "./support/databases";
import { searchDataset } from "./support/search-dataset";

const input = searchDataset("answers");
const D = input.documents.length;

function naiveTopRanks(q: number): Int32Array {
  const row = input.scores[q]!;
  const ids = Array.from({ length: D }, (_, i) => i).sort((a, b) => row[b]! - row[a]! || a - b);
  const rank = new Int32Array(D);
  ids.forEach((d, r) => (rank[d] = r + 1));
  return rank;
}

/** Per query with an answer: the top ranks of all documents containing it, ascending. */
const expected = input.queries.map((q, qi) => {
  if (q.answer === null) return null;
  const matches = answerMatcher(q.answer);
  const ranks = naiveTopRanks(qi);
  return input.documents.flatMap((d, i) => (d.text !== null && matches(d.text) ? [ranks[i]!] : [])).sort((a, b) => a - b);
});

describe.each(BACKENDS)("answers at any depth on $name", ({ create }) => {
  let served: Awaited<ReturnType<typeof serveDatabase>>;
  beforeAll(async () => {
    served = await serveDatabase(create, async (owner) => {
      await ingestDataset(owner.sql, input);
    });
  }, 120_000);
  afterAll(async () => {
    await served?.close();
  });

  it("stores every answer document's rank, deep ones included, and the top 500 agree", async () => {
    // Deep answers exist in this data: the comparison is about more than the top 500.
    expect(expected.some((ranks) => ranks !== null && ranks.some((r) => r > 500))).toBe(true);
    const rows = await served.owner.sql.query<{ query_idx: number; count: number; best_rank: number | null; ranks: number[] }>(
      "SELECT a.query_idx, a.count, a.best_rank, a.ranks FROM answer_documents a JOIN datasets d ON d.id = a.dataset_id WHERE d.slug = 'answers' ORDER BY a.query_idx");
    expect(rows.map((r) => r.query_idx)).toEqual(expected.flatMap((e, q) => (e === null ? [] : [q])));
    for (const row of rows) {
      const ranks = expected[row.query_idx]!;
      expect(row.ranks).toEqual(ranks);
      expect(row.count).toBe(ranks.length);
      expect(row.best_rank).toBe(ranks[0] ?? null);
    }
    const queries = await served.owner.sql.query<{ idx: number; answer_ranks: number[] | null }>(
      "SELECT q.idx, q.answer_ranks FROM queries q JOIN datasets d ON d.id = q.dataset_id WHERE d.slug = 'answers' AND q.answer IS NOT NULL ORDER BY q.idx");
    for (const q of queries) expect(q.answer_ranks).toEqual(expected[q.idx]!.filter((r) => r <= 500));
  });

  it("the concentration view: best rank per query and the share within k by set and correctness", async () => {
    const view = await concentrationView("answers", {});
    expect(view).not.toBeNull();
    const { ks, queries, series } = view!.answerDepth;
    expect(ks).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 3000]);
    expect(queries.map((q) => [q.queryId, q.bestRank, q.documents])).toEqual(
      input.queries.flatMap((q, i) => (expected[i] === null ? [] : [[q.id, expected[i]![0] ?? null, expected[i]!.length]])));
    for (const s of series) {
      const members = input.queries.flatMap((q, i) =>
        q.set === s.set && expected[i] !== null && (s.subset === "all" || q.correct === (s.subset === "correct")) ? [expected[i]!] : []);
      expect(s.queries).toBe(members.length);
      expect(s.points).toEqual(ks.map((k) => ({ k, percent: (100 * members.filter((m) => m.length > 0 && m[0]! <= k).length) / members.length })));
    }
    expect(series.map((s) => s.label)).toEqual(["factual, correct", "factual, incorrect", "reasoning, correct", "reasoning, incorrect"]);
  });
});
