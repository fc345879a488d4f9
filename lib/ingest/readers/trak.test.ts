import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRefusal, scoreRows, tempFolder } from "@/tests/support/ingest-files";
import { trakExperiments, trakScores, writeFolder } from "@/tests/support/library-folders";
import { readTrakScores } from "./trak";

let folder: Awaited<ReturnType<typeof tempFolder>>;
let counter = 0;
beforeAll(async () => {
  folder = await tempFolder("trak");
});
afterAll(() => folder.cleanup());

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}` }));
const Q = ids("q", 3);
const D = ids("d", 5);

/** [train, targets] as TRAK stores it; float16-exact values with ties. */
const trainByTargets = D.map((_, d) => Q.map((_, q) => ((d * 3 + q * 2) % 7) * 0.5 - 1.5));
/** The same scores per query, as the reader must return them (the transpose). */
const perQuery = Q.map((_, q) => Float32Array.from(D.map((_, d) => trainByTargets[d]![q]!)));

/** A save_dir with two experiments, "factual" finalized, "reasoning" not yet. */
async function saveDir(
  experiments: Record<string, { targets: number; finalized: boolean }> = {
    factual: { targets: 3, finalized: true },
    reasoning: { targets: 3, finalized: false },
  },
) {
  const dir = path.join(folder.dir, `trak_results_${++counter}`);
  return writeFolder(dir, {
    "experiments.json": trakExperiments(dir, experiments),
    "metadata.json": JSON.stringify({ "JL dimension": 2048, "JL matrix type": "rademacher", "train set size": 5 }),
    "scores/factual.mmap": trakScores(trainByTargets),
    "scores/reasoning.mmap": trakScores(trainByTargets.map((row) => row.map(() => 0))),
  });
}

describe("readTrakScores", () => {
  it("reads a finalized experiment's float16 [train, targets] scores per query, recording its settings", async () => {
    const dir = await saveDir();
    const read = await readTrakScores(dir, Q, D, { experiment: "factual", chunkBytes: 6 });
    expect(await scoreRows(read.scores)).toEqual(perQuery);
    expect(read.provenance).toMatchObject({
      format: "trak",
      library: "trak",
      settings: { experiment: "factual", scoreDtype: "float16", metadata: { "JL dimension": 2048 } },
    });
    expect(read.provenance.files.map((f) => [f.path, f.role])).toEqual([
      ["experiments.json", "experiments"],
      ["metadata.json", "TRAKer metadata"],
      [path.join("scores", "factual.mmap"), "scores"],
    ]);
    // 128-byte .npy header (format 1.0 pads to 64) + 15 float16 values.
    expect(read.provenance.files.at(-1)!.bytes).toBe(128 + 15 * 2);
  });

  it("needs --experiment when there are several and refuses one not finalized or not there", async () => {
    const dir = await saveDir();
    const experiments = path.join(dir, "experiments.json");
    await expectRefusal(readTrakScores(dir, Q, D), experiments, undefined, /^several experiments \("factual", "reasoning"\); pick one with --experiment$/);
    await expectRefusal(
      readTrakScores(dir, Q, D, { experiment: "reasoning" }),
      experiments,
      "experiment reasoning",
      /^scores are not finalized \(scores_finalized is 0\); run traker\.finalize_scores\(exp_name="reasoning"\) first$/,
    );
    await expectRefusal(
      readTrakScores(dir, Q, D, { experiment: "math" }),
      experiments,
      undefined,
      /^no experiment named "math"; the file lists "factual", "reasoning"$/,
    );
  });

  it("reads the only experiment without --experiment and refuses a target count that differs from the queries", async () => {
    const single = await saveDir({ factual: { targets: 3, finalized: true } });
    expect(await scoreRows((await readTrakScores(single, Q, D)).scores)).toEqual(perQuery);
    await expectRefusal(
      readTrakScores(single, Q.slice(0, 2), D),
      path.join(single, "experiments.json"),
      "experiment factual",
      /^num_targets is 3 but the queries file has 2 queries$/,
    );
  });
});
