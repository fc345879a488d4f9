import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectRefusal, openScratchFiles, scoreRows, tempFolder } from "@/tests/support/ingest-files";
import {
  columnSlice,
  kronfluenceDatasetMetadata,
  kronfluenceFactorArguments,
  kronfluenceScoreArguments,
  kronfluenceScores,
  writeFolder,
} from "@/tests/support/library-folders";
import { readKronfluenceScores, roundToBfloat16, roundToFloat16 } from "./kronfluence";

let folder: Awaited<ReturnType<typeof tempFolder>>;
let counter = 0;
beforeAll(async () => {
  folder = await tempFolder("kronfluence");
});
afterAll(() => folder.cleanup());
// Sums and index remaps go through a temporary file: closed with the source, or on a refusal.
afterEach(async () => expect(await openScratchFiles()).toEqual([]));

/** A fresh scores_<name> folder holding `files`. */
const scoresFolder = (files: Record<string, string | Uint8Array>) =>
  writeFolder(path.join(folder.dir, `analysis-${++counter}`, "scores_pairwise"), files);

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}` }));
const Q = ids("q", 3);
const D = ids("d", 7);

/** A [3, 7] matrix per module; multiples of 1/4 so float32 sums are exact whatever the order. */
const moduleMatrix = (m: number) => Q.map((_, q) => D.map((_, d) => ((q * 7 + d * 3 + m * 5) % 11) * 0.25 - 1.25 * m));
const A = moduleMatrix(0);
const B = moduleMatrix(1);
const C = moduleMatrix(2);
/** What the library's sum is, computed apart from the reader: plain addition per entry. */
const sum = (...ms: number[][][]) => Q.map((_, q) => D.map((_, d) => ms.reduce((s, m) => s + m[q]![d]!, 0)));
const rowsOf = (m: number[][]) => m.map((row) => Float32Array.from(row));
const tensor = (m: number[][], from = 0, to = 7) => ({ shape: [m.length, to - from], values: columnSlice(m, from, to) });

/** A 2 × 2 partition set: data partitions split the 7 train columns 4 + 3, module partitions hold `modules[j]`. */
function partitionSet(modules: Record<string, number[][]>[], options: { declare?: boolean } = {}) {
  const files: Record<string, string | Uint8Array> = {
    "factor_arguments.json": kronfluenceFactorArguments(),
    "query_dataset_metadata.json": kronfluenceDatasetMetadata(3),
    "train_dataset_metadata.json": kronfluenceDatasetMetadata(7),
  };
  if (options.declare !== false) {
    files["score_arguments.json"] = kronfluenceScoreArguments({ data_partitions: 2, module_partitions: modules.length });
  }
  [[0, 4], [4, 7]].forEach(([from, to], i) =>
    modules.forEach((tensors, j) => {
      files[`pairwise_scores_data_partition${i}_module_partition${j}.safetensors`] = kronfluenceScores(
        Object.fromEntries(Object.entries(tensors).map(([name, m]) => [name, tensor(m, from, to)])),
      );
    }),
  );
  return files;
}

describe("readKronfluenceScores", () => {
  it("reads the combined pairwise_scores.safetensors (all_modules) and records the run's arguments", async () => {
    const dir = await scoresFolder({
      "pairwise_scores.safetensors": kronfluenceScores({ all_modules: tensor(A) }),
      "score_arguments.json": kronfluenceScoreArguments({ damping_factor: 0.001, query_gradient_low_rank: 64 }),
      "factor_arguments.json": kronfluenceFactorArguments({ strategy: "ekfac" }),
      "query_dataset_metadata.json": kronfluenceDatasetMetadata(3),
      "train_dataset_metadata.json": kronfluenceDatasetMetadata(7),
    });
    const read = await readKronfluenceScores(dir, Q, D);
    expect(await scoreRows(read.scores)).toEqual(rowsOf(A));
    expect(read.queries).toEqual(Q);
    expect(read.documents).toEqual(D);
    const { provenance } = read;
    expect(provenance.format).toBe("kronfluence");
    expect(provenance.library).toBe("kronfluence");
    expect(provenance.settings.layout).toBe("combined");
    expect(provenance.settings.scoreArguments).toMatchObject({ damping_factor: 0.001, query_gradient_low_rank: 64 });
    expect(provenance.settings.factorArguments).toMatchObject({ strategy: "ekfac", eigendecomposition_dtype: "torch.float64" });
    expect(provenance.settings.trainDatasetMetadata).toEqual({ type: "Dataset", dataset_size: 7, indexCount: null });
    expect(provenance.files.map((f) => f.path)).toEqual([
      "score_arguments.json",
      "factor_arguments.json",
      "query_dataset_metadata.json",
      "train_dataset_metadata.json",
      "pairwise_scores.safetensors",
    ]);
    // 8-byte length + padded JSON header + 21 float32 values.
    const scoresEntry = provenance.files.at(-1)!;
    expect(scoresEntry.bytes % 8).toBe(4);
    expect(scoresEntry.bytes).toBeGreaterThan(21 * 4 + 8);
  });

  it("sums per-module keys, or takes the one --module names", async () => {
    const dir = await scoresFolder({
      "pairwise_scores.safetensors": kronfluenceScores({ "model.layers.0.mlp": tensor(A), "model.layers.1.mlp": tensor(B), lm_head: tensor(C) }),
      "score_arguments.json": kronfluenceScoreArguments({ compute_per_module_scores: true }),
    });
    const summed = await readKronfluenceScores(dir, Q, D);
    expect(await scoreRows(summed.scores)).toEqual(rowsOf(sum(A, B, C)));
    expect(summed.provenance.settings.modulesSummed).toBe(true);
    expect(await scoreRows((await readKronfluenceScores(dir, Q, D, { module: "model.layers.1.mlp" })).scores)).toEqual(rowsOf(B));
    await expectRefusal(
      readKronfluenceScores(dir, Q, D, { module: "model.layers.2.mlp" }),
      path.join(dir, "pairwise_scores.safetensors"),
      undefined,
      /^no tensor named "model\.layers\.2\.mlp"; the file has "model\.layers\.0\.mlp", "model\.layers\.1\.mlp", "lm_head"$/,
    );
  });

  it("assembles a 2 × 2 partition set: module partitions summed, data partitions concatenated along train", async () => {
    const dir = await scoresFolder(partitionSet([{ all_modules: A }, { all_modules: sum(B, C) }]));
    const read = await readKronfluenceScores(dir, Q, D, { chunkBytes: 8 });
    expect(await scoreRows(read.scores)).toEqual(rowsOf(sum(A, B, C)));
    expect(read.provenance.settings).toMatchObject({ layout: "partitioned", dataPartitions: 2, modulePartitions: 2, modulesSummed: true });
    expect(read.provenance.files.filter((f) => f.role === "scores").map((f) => f.path)).toEqual([
      "pairwise_scores_data_partition0_module_partition0.safetensors",
      "pairwise_scores_data_partition0_module_partition1.safetensors",
      "pairwise_scores_data_partition1_module_partition0.safetensors",
      "pairwise_scores_data_partition1_module_partition1.safetensors",
    ]);
  });

  it("assembles per-module partitions (each module partition holds its own modules) and picks one with --module", async () => {
    const dir = await scoresFolder(partitionSet([{ "layer.0": A, "layer.1": B }, { "layer.2": C }], { declare: false }));
    expect(await scoreRows((await readKronfluenceScores(dir, Q, D)).scores)).toEqual(rowsOf(sum(A, B, C)));
    expect(await scoreRows((await readKronfluenceScores(dir, Q, D, { module: "layer.2" })).scores)).toEqual(rowsOf(C));
  });

  it("refuses a sum of module partitions that overflows their dtype, naming the pair", async () => {
    // F16 holds 40000 but not 80000: the sum at q2 / d5 is Infinity, after q0 and q1 were written.
    const half = Q.map((_, q) => D.map((_, d) => (q === 2 && d === 5 ? 40000 : q + d)));
    const dir = await scoresFolder({
      "pairwise_scores_data_partition0_module_partition0.safetensors": kronfluenceScores({ all_modules: tensor(half) }, "F16"),
      "pairwise_scores_data_partition0_module_partition1.safetensors": kronfluenceScores({ all_modules: tensor(half) }, "F16"),
    });
    await expectRefusal(readKronfluenceScores(dir, Q, D), dir, "query q2 / document d5", /^the sum of the module partitions is Infinity in F16; every score must be finite$/);
  });

  it("refuses an incomplete partition set, naming every missing partition", async () => {
    const dir = await scoresFolder(partitionSet([{ all_modules: A }, { all_modules: B }]));
    await rm(path.join(dir, "pairwise_scores_data_partition1_module_partition0.safetensors"));
    await expectRefusal(
      readKronfluenceScores(dir, Q, D),
      dir,
      undefined,
      /^incomplete partition set: missing pairwise_scores_data_partition1_module_partition0\.safetensors \(score_arguments\.json declares 2 data × 2 module partitions;/,
    );
    const declaredThree = await scoresFolder({
      ...partitionSet([{ all_modules: A }, { all_modules: B }]),
      "score_arguments.json": kronfluenceScoreArguments({ data_partitions: 3, module_partitions: 2 }),
    });
    await expectRefusal(
      readKronfluenceScores(declaredThree, Q, D),
      declaredThree,
      undefined,
      /missing pairwise_scores_data_partition2_module_partition0\.safetensors, pairwise_scores_data_partition2_module_partition1\.safetensors \(score_arguments\.json declares 3 data × 2 module/,
    );
  });

  it("refuses shapes that disagree across partitions", async () => {
    const files = partitionSet([{ all_modules: A }, { all_modules: B }]);
    files["pairwise_scores_data_partition0_module_partition1.safetensors"] = kronfluenceScores({ all_modules: tensor(B, 0, 3) });
    const dir = await scoresFolder(files);
    await expectRefusal(
      readKronfluenceScores(dir, Q, D),
      path.join(dir, "pairwise_scores_data_partition0_module_partition1.safetensors"),
      undefined,
      /^shape mismatch across partitions: \[3, 3\] here but \[3, 4\] in pairwise_scores_data_partition0_module_partition0\.safetensors/,
    );
    const rowsDiffer = partitionSet([{ all_modules: A }]);
    const two = { shape: [2, 3], values: columnSlice(A.slice(0, 2), 4, 7) };
    rowsDiffer["pairwise_scores_data_partition1_module_partition0.safetensors"] = kronfluenceScores({ all_modules: two });
    const dir2 = await scoresFolder(rowsDiffer);
    await expectRefusal(
      readKronfluenceScores(dir2, Q, D),
      path.join(dir2, "pairwise_scores_data_partition1_module_partition0.safetensors"),
      undefined,
      /^shape mismatch across partitions: 2 query rows here but 3 in pairwise_scores_data_partition0_module_partition0\.safetensors/,
    );
  });

  it("reads bf16 scores with ties exactly and sums bf16 partitions in bf16, as torch's add_ does", async () => {
    // Ties: bfloat16 keeps 8 significant bits, so nearby scores collapse onto one value.
    const tied = [
      [0.5, 0.5, 0.5, -0.25, 1.0078125, 1.0078125, 0],
      [2, 2, -2, -2, 0.00390625, 0.00390625, 0.5],
      [0, 0, 0, 0, 0, 0, 0],
    ];
    const combined = await scoresFolder({ "pairwise_scores.safetensors": kronfluenceScores({ all_modules: tensor(tied) }, "BF16") });
    expect(await scoreRows((await readKronfluenceScores(combined, Q, D)).scores)).toEqual(rowsOf(tied));

    // Partition 0 holds `tied`, partition 1 adds 2^-8 where noted. Worked by hand:
    // 1.0078125 + 0.00390625 = 1 + 3·2^-8, halfway between the bfloat16 neighbours
    // 1 + 2·2^-8 and 1 + 4·2^-8; ties go to the even significand, 1.015625.
    const add = tied.map((row, q) => row.map((_, d) => (q === 0 && (d === 4 || d === 5) ? 0.00390625 : 0)));
    const expected = tied.map((row) => [...row]);
    expected[0]![4] = 1.015625;
    expected[0]![5] = 1.015625;
    const files: Record<string, Uint8Array> = {};
    [[0, 4], [4, 7]].forEach(([from, to], i) => {
      files[`pairwise_scores_data_partition${i}_module_partition0.safetensors`] = kronfluenceScores({ all_modules: tensor(tied, from, to) }, "BF16");
      files[`pairwise_scores_data_partition${i}_module_partition1.safetensors`] = kronfluenceScores({ all_modules: tensor(add, from, to) }, "BF16");
    });
    const partitioned = await scoresFolder(files);
    const read = await readKronfluenceScores(partitioned, Q, D);
    expect(await scoreRows(read.scores)).toEqual(rowsOf(expected));
    expect(read.provenance.settings.scoreDtype).toBe("BF16");
  });

  it("maps columns through train_dataset_metadata.json indices onto the documents file", async () => {
    // The run scored dataset items 6, 0 and 3 in that column order; queries 2 and 0 likewise.
    const columns = [6, 0, 3];
    const rows = [2, 0];
    const m = rows.map((q) => columns.map((d) => A[q]![d]!));
    const dir = await scoresFolder({
      "pairwise_scores.safetensors": kronfluenceScores({ all_modules: { shape: [2, 3], values: m.flat() } }),
      "query_dataset_metadata.json": kronfluenceDatasetMetadata(3, rows),
      "train_dataset_metadata.json": kronfluenceDatasetMetadata(7, columns),
    });
    const read = await readKronfluenceScores(dir, Q, D);
    expect(read.queries.map((q) => q.id)).toEqual(["q0", "q2"]);
    expect(read.documents.map((d) => d.id)).toEqual(["d0", "d3", "d6"]);
    expect(await scoreRows(read.scores)).toEqual(rowsOf([0, 2].map((q) => [0, 3, 6].map((d) => A[q]![d]!))));
    expect(read.provenance.settings.trainDatasetMetadata).toEqual({ type: "Dataset", dataset_size: 7, indexCount: 3 });

    const outOfRange = await scoresFolder({
      "pairwise_scores.safetensors": kronfluenceScores({ all_modules: { shape: [3, 3], values: A.flatMap((r) => r.slice(0, 3)) } }),
      "train_dataset_metadata.json": kronfluenceDatasetMetadata(9, [0, 8, 1]),
    });
    await expectRefusal(
      readKronfluenceScores(outOfRange, Q, D),
      path.join(outOfRange, "train_dataset_metadata.json"),
      undefined,
      /^"indices"\[1\] is 8: expected an index into the 7 documents of the documents file$/,
    );
  });

  it("refuses a folder without pairwise scores, per-token scores, and a train count that does not match", async () => {
    const empty = await scoresFolder({ "score_arguments.json": kronfluenceScoreArguments() });
    await expectRefusal(readKronfluenceScores(empty, Q, D), empty, undefined, /^no pairwise scores: expected pairwise_scores\.safetensors/);

    const perToken = await scoresFolder({
      "pairwise_scores.safetensors": kronfluenceScores({ all_modules: { shape: [3, 7, 2], values: [...A.flat(), ...A.flat()] } }),
    });
    await expectRefusal(
      readKronfluenceScores(perToken, Q, D),
      path.join(perToken, "pairwise_scores.safetensors"),
      "tensor all_modules",
      /^per-token scores \(shape \[3, 7, 2\], compute_per_token_scores\) go in --token-scores/,
    );

    const short = await scoresFolder({ "pairwise_scores.safetensors": kronfluenceScores({ all_modules: tensor(A, 0, 6) }) });
    await expectRefusal(
      readKronfluenceScores(short, Q, D),
      path.join(short, "pairwise_scores.safetensors"),
      undefined,
      /^the scores have 6 train columns but the documents file has 7 documents$/,
    );
  });
});

describe("half-precision rounding", () => {
  it("rounds to the nearest bfloat16 and float16, ties to even", () => {
    expect(roundToBfloat16(1 + 3 * 2 ** -8)).toBe(1 + 4 * 2 ** -8);
    expect(roundToBfloat16(1 + 5 * 2 ** -8)).toBe(1 + 4 * 2 ** -8);
    expect(roundToBfloat16(-(1 + 2 ** -8))).toBe(-1);
    expect(roundToBfloat16(3.4e38)).toBe(Infinity);
    expect(roundToFloat16(1 + 2 ** -11)).toBe(1);
    expect(roundToFloat16(1 + 3 * 2 ** -11)).toBe(1 + 2 * 2 ** -10);
    expect(roundToFloat16(65519)).toBe(65504);
    expect(roundToFloat16(65520)).toBe(Infinity);
    expect(roundToFloat16(3 * 2 ** -25)).toBe(2 * 2 ** -24); // subnormal tie: 1.5 quanta -> 2
  });
});

describe("self_scores.safetensors beside the pairwise scores", () => {
  it("maps self-influence through the train indices and sums per-module values", async () => {
    // The run scored documents 5, 1, 3 (in that order); self-influence per module as written.
    const pairwise = Q.map((_, q) => [5, 1, 3].map((d) => A[q]![d]!));
    const dir = await scoresFolder({
      "pairwise_scores.safetensors": kronfluenceScores({ all_modules: tensor(pairwise, 0, 3) }),
      "self_scores.safetensors": kronfluenceScores({
        "model.layers.0.mlp": { shape: [3], values: [0.5, 0.25, 2] },
        "model.layers.1.mlp": { shape: [3], values: [1, 0.75, 0.5] },
      }),
      "train_dataset_metadata.json": kronfluenceDatasetMetadata(7, [5, 1, 3]),
    });
    const read = await readKronfluenceScores(dir, Q, D);
    expect(read.documents.map((d) => d.id)).toEqual(["d1", "d3", "d5"]);
    expect(await scoreRows(read.scores)).toEqual(rowsOf(Q.map((_, q) => [1, 3, 5].map((d) => A[q]![d]!))));
    // d1 is column 1 (0.25 + 0.75), d3 column 2 (2 + 0.5), d5 column 0 (0.5 + 1).
    expect(Array.from(read.selfInfluence!)).toEqual([1, 2.5, 1.5]);
    expect(read.provenance.files.map((f) => f.role)).toContain("self-influence");
  });

  it("refuses a self-influence that is zero, naming the document, and a count that does not match", async () => {
    const dir = await scoresFolder({
      "pairwise_scores.safetensors": kronfluenceScores({ all_modules: tensor(A) }),
      "self_scores.safetensors": kronfluenceScores({ all_modules: { shape: [7], values: [1, 1, 0, 1, 1, 1, 1] } }),
    });
    await expectRefusal(readKronfluenceScores(dir, Q, D), path.join(dir, "self_scores.safetensors"), "document d2", /^self-influence is 0; .* finite and positive/);
    const short = await scoresFolder({
      "pairwise_scores.safetensors": kronfluenceScores({ all_modules: tensor(A) }),
      "self_scores.safetensors": kronfluenceScores({ all_modules: { shape: [6], values: [1, 1, 1, 1, 1, 1] } }),
    });
    await expectRefusal(readKronfluenceScores(short, Q, D), path.join(short, "self_scores.safetensors"), undefined, /^6 self-influence values but the pairwise scores have 7 train columns/);
  });
});
