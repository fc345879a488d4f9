/**
 * `npm run ingest -- ... --scores <folder>` end to end, once per library layout (a
 * Kronfluence 2 × 2 partition set, a TRAK save_dir, a Bergson folder), in process against a
 * fresh database per backend: what lands in the database is the library's own combination
 * of the files (checked through each query's stored positive and negative tails, computed
 * here from the fixture) and the provenance the run recorded.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatasetProvenance } from "@/lib/domain/records";
import { openDatabase, type Database } from "@/lib/db/database";
import { runIngest } from "@/lib/ingest/run-ingest";
import { BACKENDS, type TestDatabase } from "./support/databases";
import { tempFolder, type TempFolder } from "./support/ingest-files";
import {
  bergsonScores,
  columnSlice,
  kronfluenceDatasetMetadata,
  kronfluenceFactorArguments,
  kronfluenceScoreArguments,
  kronfluenceScores,
  trakExperiments,
  trakScores,
  writeFolder,
} from "./support/library-folders";
import { npyMatrix } from "./support/score-files";

const Q = 4;
const D = 12;
const queries = Array.from({ length: Q }, (_, q) => ({
  id: `q${q}`,
  prompt: `What is ${q} + ${q}?`,
  completion: String(2 * q),
  set: q % 2 === 0 ? "factual" : "reasoning",
}));
const documents = Array.from({ length: D }, (_, d) => ({ id: `doc-${d}`, source: d % 2 ? "wiki" : "code", text: `Document ${d}.` }));
const jsonl = (records: readonly unknown[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";

/** Per-module-partition matrices [Q, D]: multiples of 1/8, exact in float16, bfloat16 and float32 and in their sums. */
const part = (m: number) => queries.map((_, q) => documents.map((_, d) => (((q * 5 + d * 7 + m * 3) % 13) - 6) / 8));
const M0 = part(0);
const M1 = part(1);
/** Kronfluence's combination, computed here: module partitions added entry by entry. */
const kronfluenceExpected = M0.map((row, q) => row.map((v, d) => v + M1[q]![d]!));

/** What a user checks on the query page: how many documents push each way and by how much. */
function tails(scores: number[][]) {
  return scores.map((row) => {
    const positive = row.filter((v) => v > 0);
    const negative = row.filter((v) => v < 0);
    return {
      positiveCount: positive.length,
      positiveTotal: positive.reduce((a, b) => a + b, 0),
      negativeCount: negative.length,
      negativeTotal: -negative.reduce((a, b) => a + b, 0),
    };
  });
}

let folder: TempFolder;
let ids: { queries: string; documents: string };
beforeAll(async () => {
  folder = await tempFolder("ie-ingest-folders");
  ids = {
    queries: await folder.write("queries.jsonl", jsonl(queries)),
    documents: await folder.write("documents.jsonl", jsonl(documents)),
  };
});
afterAll(() => folder?.cleanup());

for (const backend of BACKENDS) {
  describe(`ingest --scores <folder> on ${backend.name}`, () => {
    let db: TestDatabase;
    let database: Database;

    beforeAll(async () => {
      db = await backend.create();
      database = await openDatabase(db.target);
    });
    afterAll(async () => {
      await database?.close();
      await db?.drop();
    });

    async function ingest(name: string, scores: string, ...extra: string[]) {
      let stdout = "";
      let stderr = "";
      const code = await runIngest(
        ["--name", name, "--queries", ids.queries, "--documents", ids.documents, "--scores", scores, ...extra],
        { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } },
        { database },
      );
      return { code, stdout, stderr };
    }

    async function stored(slug: string) {
      const [dataset] = await database.sql.query<{ id: number; provenance: DatasetProvenance | null }>(
        "SELECT id, provenance FROM datasets WHERE slug = $1",
        [slug],
      );
      expect(dataset, `dataset ${slug}`).toBeDefined();
      const rows = await database.sql.query<{
        positive_count: number;
        positive_total: number;
        negative_count: number;
        negative_total: number;
      }>("SELECT positive_count, positive_total, negative_count, negative_total FROM queries WHERE dataset_id = $1 ORDER BY idx", [
        dataset!.id,
      ]);
      return { provenance: dataset!.provenance, tails: rows };
    }

    function expectTails(actual: Awaited<ReturnType<typeof stored>>["tails"], expected: number[][]) {
      const want = tails(expected);
      expect(actual).toHaveLength(want.length);
      actual.forEach((row, q) => {
        expect(row.positive_count, `query ${q}`).toBe(want[q]!.positiveCount);
        expect(row.negative_count, `query ${q}`).toBe(want[q]!.negativeCount);
        expect(row.positive_total, `query ${q}`).toBeCloseTo(want[q]!.positiveTotal, 9);
        expect(row.negative_total, `query ${q}`).toBeCloseTo(want[q]!.negativeTotal, 9);
      });
    }

    test("a Kronfluence 2 × 2 partition set: stored scores are the partitions combined, with the run's arguments", async () => {
      const dir = path.join(folder.dir, backend.name, "influence_results", "ekfac", "scores_pairwise");
      const files: Record<string, string | Uint8Array> = {
        "score_arguments.json": kronfluenceScoreArguments({ data_partitions: 2, module_partitions: 2, damping_factor: 1e-5 }),
        "factor_arguments.json": kronfluenceFactorArguments({ strategy: "ekfac" }),
        "query_dataset_metadata.json": kronfluenceDatasetMetadata(Q),
        "train_dataset_metadata.json": kronfluenceDatasetMetadata(D),
      };
      [[0, 6], [6, 12]].forEach(([from, to], i) =>
        [M0, M1].forEach((m, j) => {
          files[`pairwise_scores_data_partition${i}_module_partition${j}.safetensors`] = kronfluenceScores(
            { all_modules: { shape: [Q, to! - from!], values: columnSlice(m, from!, to!) } },
            "BF16",
          );
        }),
      );
      await writeFolder(dir, files);
      const result = await ingest("kronfluence-run", dir);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const { provenance, tails: storedTails } = await stored("kronfluence-run");
      expectTails(storedTails, kronfluenceExpected);
      expect(provenance).toMatchObject({
        format: "kronfluence",
        library: "kronfluence",
        libraryVersion: null,
        settings: {
          layout: "partitioned",
          dataPartitions: 2,
          modulePartitions: 2,
          scoreDtype: "BF16",
          scoreArguments: { damping_factor: 1e-5, data_partitions: 2 },
          factorArguments: { strategy: "ekfac" },
        },
      });
      expect(provenance!.files.map((f) => f.role)).toEqual([
        "queries",
        "documents",
        "score arguments",
        "factor arguments",
        "query dataset metadata",
        "train dataset metadata",
        "scores",
        "scores",
        "scores",
        "scores",
      ]);
      expect(provenance!.files.every((f) => Number.isInteger(f.bytes) && f.bytes > 0)).toBe(true);
    });

    test("a TRAK save_dir: --experiment picks the finalized experiment; the other is refused in one line", async () => {
      const dir = path.join(folder.dir, backend.name, "trak_results");
      const trainByTargets = documents.map((_, d) => queries.map((_, q) => M0[q]![d]!));
      await writeFolder(dir, {
        "experiments.json": trakExperiments(dir, { factual: { targets: Q, finalized: true }, held_out: { targets: Q, finalized: false } }),
        "metadata.json": JSON.stringify({ "JL dimension": 4096, "JL matrix type": "rademacher", "train set size": D }),
        "scores/factual.mmap": trakScores(trainByTargets),
        "scores/held_out.mmap": trakScores(trainByTargets),
      });
      const refused = await ingest("trak-held-out", dir, "--experiment", "held_out");
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        `ingest: ${path.join(dir, "experiments.json")}: experiment held_out: scores are not finalized (scores_finalized is 0); run traker.finalize_scores(exp_name="held_out") first\n`,
      );
      const result = await ingest("trak-run", dir, "--experiment", "factual");
      expect(result.stderr).toBe("");
      const { provenance, tails: storedTails } = await stored("trak-run");
      expectTails(storedTails, M0);
      expect(provenance).toMatchObject({
        format: "trak",
        library: "trak",
        settings: { experiment: "factual", scoreDtype: "float16", metadata: { "JL dimension": 4096 } },
      });
      expect(provenance!.files.map((f) => f.path)).toEqual([
        "queries.jsonl",
        "documents.jsonl",
        "experiments.json",
        "metadata.json",
        path.join("scores", "factual.mmap"),
      ]);
    });

    test("a Bergson folder: padded bfloat16 records land as scores, with info.json recorded", async () => {
      const dir = path.join(folder.dir, backend.name, "bergson_scores");
      const itemsByQueries = documents.map((_, d) => queries.map((_, q) => M1[q]![d]!));
      const { info, bin, itemsize } = bergsonScores(itemsByQueries, "bfloat16");
      await writeFolder(dir, {
        "info.json": info,
        "scores.bin": bin,
        "index_config.json": JSON.stringify({ model: "EleutherAI/pythia-160m", projection_dim: 16 }),
      });
      const result = await ingest("bergson-run", dir);
      expect(result.stderr).toBe("");
      const { provenance, tails: storedTails } = await stored("bergson-run");
      expectTails(storedTails, M1);
      expect(provenance).toMatchObject({
        format: "bergson",
        library: "bergson",
        settings: { scoreDtype: "bfloat16", itemsize, numItems: D, numScores: Q, indexConfig: { projection_dim: 16 } },
      });
      expect(provenance!.files.find((f) => f.path === "scores.bin")!.bytes).toBe(D * itemsize);
    });

    test("a single score file still records the format and the files read", async () => {
      const file = await folder.write("scores.npy", npyMatrix([Q, D], M0.flat(), "F32"));
      const result = await ingest("single-file", file);
      expect(result.stderr).toBe("");
      const { provenance } = await stored("single-file");
      expect(provenance).toEqual({
        format: "npy",
        library: null,
        libraryVersion: null,
        files: [
          { path: "queries.jsonl", bytes: expect.any(Number), role: "queries" },
          { path: "documents.jsonl", bytes: expect.any(Number), role: "documents" },
          { path: "scores.npy", bytes: 128 + Q * D * 4, role: "scores" },
        ],
        settings: {},
      });
    });
  });
}
