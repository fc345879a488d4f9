/**
 * The synthetic demo datasets through the whole pipeline (generate → ingest → stored
 * statistics): the figures the views will show recover what the generator planted
 * (lib/demo/planted.ts), so the demo shows the paper's findings.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAgreement } from "@/app/api/agreement/route";
import { GET as getRetrieval } from "@/app/api/datasets/[slug]/retrieval/route";
import { retrievalResponse } from "@/lib/api-schemas";
import { openDatabase, type Database } from "@/lib/db/database";
import { setDatabase } from "@/lib/db/server";
import { migrate } from "@/lib/db/migrate";
import { PLANTED } from "@/lib/demo/planted";
import { seedDemoDatasets } from "@/lib/demo/seed";

let db: Database;

// Three 20,000-document datasets into PGlite (demo-35b regenerates demo-7b's scores for
// its shared prompts): allow for a machine shared with other work.
beforeAll(async () => {
  db = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  await migrate(db.sql);
  await seedDemoDatasets(db.sql);
  setDatabase(db);
}, 900_000); // five datasets, on a busy machine
afterAll(async () => db?.close());

const groupKey = (task: string) =>
  task.endsWith("_control") ? `control:${task}` : task === "factual" ? "set:factual" : `type:${task}`;

describe.each(["7b", "35b"] as const)("demo-%s", (model) => {
  const slug = `demo-${model}`;

  it("recovers the planted within-task Pearson correlation to within 0.05", async () => {
    for (const [task, planted] of Object.entries(PLANTED.correlation[model])) {
      const [row] = await db.sql.query<{ mean: number }>(
        `SELECT b.mean FROM block_summaries b JOIN datasets d ON d.id = b.dataset_id
         WHERE d.slug = $1 AND b.method = 'pearson' AND b.group_a = $2 AND b.group_b = $2`,
        [slug, groupKey(task)],
      );
      expect(row, task).toBeDefined();
      expect(Math.abs(row!.mean - planted), `${task}: ${row!.mean} vs planted ${planted}`).toBeLessThan(0.05);
    }
    // Transfer between the two sets is nil.
    const [between] = await db.sql.query<{ mean: number }>(
      `SELECT b.mean FROM block_summaries b JOIN datasets d ON d.id = b.dataset_id
       WHERE d.slug = $1 AND b.method = 'pearson' AND b.group_a = 'set:factual' AND b.group_b = 'set:reasoning'`,
      [slug],
    );
    expect(Math.abs(between!.mean)).toBeLessThan(0.05);
  });

  it("concentrates reasoning's top documents in math and StackExchange, factual's in wiki", async () => {
    const multiplier = async (group: string, source: string) => {
      const [row] = await db.sql.query<{ multiplier: number }>(
        `SELECT e.multiplier FROM source_enrichment e JOIN datasets d ON d.id = e.dataset_id
         WHERE d.slug = $1 AND e.group_key = $2 AND e.tail = 'top' AND e.k = 50 AND e.source = $3`,
        [slug, group, source],
      );
      return row!.multiplier;
    };
    expect(await multiplier("set:reasoning", "math_and_trivia")).toBeGreaterThan(10);
    expect(await multiplier("set:reasoning", "stackexchange")).toBeGreaterThan(3);
    expect(await multiplier("set:reasoning", "wiki")).toBeLessThan(0.2);
    expect(await multiplier("set:factual", "wiki")).toBeGreaterThan(3);
  });

  it("finds answers in the top 500 for the planted share of correct factual queries, never for reasoning", async () => {
    const rows = await db.sql.query<{ set: string; correct: boolean; control: boolean; hit: boolean }>(
      `SELECT q.set, q.correct, q.control, cardinality(q.answer_ranks) > 0 AS hit
       FROM queries q JOIN datasets d ON d.id = q.dataset_id
       WHERE d.slug = $1 AND q.answer IS NOT NULL`,
      [slug],
    );
    const factual = rows.filter((r) => r.set === "factual" && !r.control && r.correct);
    const share = factual.filter((r) => r.hit).length / factual.length;
    expect(Math.abs(share - PLANTED.answerOccurrence.share[model])).toBeLessThan(0.05);
    expect(rows.filter((r) => r.set === "reasoning" && r.hit)).toEqual([]);
  });

  it("fits steeper power laws for reasoning than for factual queries, near the planted alphas", async () => {
    const [row] = await db.sql.query<{ summary: { powerLaw: { subset: string; factual: { mean: number }; reasoning: { mean: number } }[] } }>(
      "SELECT summary FROM datasets WHERE slug = $1", [slug]);
    const all = row!.summary.powerLaw.find((t) => t.subset === "all")!;
    expect(all.reasoning.mean).toBeLessThan(all.factual.mean);
    expect(Math.abs(all.factual.mean - PLANTED.powerLawAlpha[model].factual)).toBeLessThan(0.05);
    expect(Math.abs(all.reasoning.mean - PLANTED.powerLawAlpha[model].reasoning)).toBeLessThan(0.05);
  });
});

describe("the demo's evaluation: ground truth for demo-7b and its methods, and the BM25 baseline", () => {
  const retrieval = async (slug: string) => {
    const response = await getRetrieval(new Request(`http://test/api/datasets/${slug}/retrieval`), { params: Promise.resolve({ slug }) });
    expect(response.status, slug).toBe(200);
    return retrievalResponse.parse(await response.json());
  };
  const agreement = async (a: string, b: string) => {
    const response = await getAgreement(new Request(`http://test/api/agreement?a=${a}&b=${b}`));
    expect(response.status).toBe(200);
    return (await response.json()) as { rows: { queryId: string; spearman: number }[] };
  };
  const factualCorrect = async () =>
    new Set((await db.sql.query<{ id: string }>(
      `SELECT q.external_id AS id FROM queries q JOIN datasets d ON d.id = q.dataset_id
       WHERE d.slug = 'demo-7b' AND q.set = 'factual' AND NOT q.control AND q.correct`)).map((r) => r.id));
  const at = (r: Awaited<ReturnType<typeof retrieval>>, queryId: string, k: number) => r.rows.find((x) => x.queryId === queryId && x.k === k)!;

  it("finds demo-7b's answer documents in the top 500 exactly for the planted share of correct factual queries", async () => {
    const r = await retrieval("demo-7b");
    const correct = await factualCorrect();
    // Ground truth for every factual query (the facts' reference paragraphs), none for reasoning.
    expect(r.reciprocalRanks).toHaveLength(40);
    expect(r.reciprocalRanks.every((x) => x.queryId.startsWith("factual-"))).toBe(true);
    // Planted: the reference documents of round(55% of 34) correct queries at ranks 1-300; every other
    // factual query keeps every answer-bearing document out of its top 500.
    const found = r.reciprocalRanks.filter((x) => at(r, x.queryId, 500).recall > 0);
    expect(found).toHaveLength(Math.round(PLANTED.answerOccurrence.share["7b"] * correct.size));
    for (const x of found) {
      expect(correct.has(x.queryId)).toBe(true);
      expect(x.firstRank).toBeLessThanOrEqual(PLANTED.answerOccurrence.maxRank);
    }
    for (const x of r.reciprocalRanks.filter((y) => !found.includes(y))) expect(x.firstRank).toBeGreaterThan(500);
    const factual = r.groups.find((g) => g.group === "set:factual")!;
    // lib/demo/README.md: mean recall@500 0.416 (16 queries whose relevant documents are all references
    // score 1, three planted queries with extra answer-bearing documents further down score less).
    expect(factual.atK.find((p) => p.k === 500)!.recall).toBeCloseTo(0.416, 3);
  });

  it("BM25 retrieves the answer documents almost always, the TRAK-like method hardly", async () => {
    const [bm25, trak, ekfac] = await Promise.all([retrieval("demo-7b-bm25"), retrieval("demo-7b-trak"), retrieval("demo-7b")]);
    const mrr = (r: typeof bm25) => r.groups.find((g) => g.group === "set:factual")!.mrr;
    // lib/demo/README.md: MRR 0.98 (BM25), 0.17 (demo-7b), 0.001 (demo-7b-trak).
    expect(mrr(bm25)).toBeGreaterThan(0.9);
    expect(mrr(trak)).toBeLessThan(0.05);
    expect(mrr(ekfac)).toBeGreaterThan(mrr(trak));
    expect(mrr(ekfac)).toBeLessThan(mrr(bm25));
  });

  it("BM25 agrees with the influence scores only weakly", async () => {
    const { rows } = await agreement("demo-7b", "demo-7b-bm25");
    expect(rows).toHaveLength(100);
    const mean = rows.reduce((s, r) => s + r.spearman, 0) / rows.length;
    expect(Math.abs(mean)).toBeLessThan(0.2);
  });
});
