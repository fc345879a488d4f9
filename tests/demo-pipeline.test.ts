/**
 * The synthetic demo datasets through the whole pipeline (generate → ingest → stored
 * statistics): the figures the views will show recover what the generator planted
 * (lib/demo/planted.ts), so the demo shows the paper's findings.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/database";
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
}, 300_000);
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
