import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectRefusal, openScratchFiles, scoreRows, tempFolder } from "@/tests/support/ingest-files";
import { bergsonScores, writeFolder } from "@/tests/support/library-folders";
import { readBergsonScores } from "./bergson";

let folder: Awaited<ReturnType<typeof tempFolder>>;
let counter = 0;
beforeAll(async () => {
  folder = await tempFolder("bergson");
});
afterAll(() => folder.cleanup());
// The scores go through a temporary file: closed with the source, or on a refusal.
afterEach(async () => expect(await openScratchFiles()).toEqual([]));

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}` }));
const Q = ids("q", 3);
const D = ids("d", 6);

/** [items, queries], exact in bfloat16 and float16, with ties. */
const itemsByQueries = D.map((_, d) => Q.map((_, q) => ((d + 2 * q) % 4) * 0.25 - 0.5));
const perQuery = Q.map((_, q) => Float32Array.from(D.map((_, d) => itemsByQueries[d]![q]!)));

async function bergsonFolder(format: "float32" | "float16" | "bfloat16", written?: (d: number, q: number) => boolean) {
  const { info, bin, itemsize } = bergsonScores(itemsByQueries, format, written);
  const dir = await writeFolder(path.join(folder.dir, `run-${++counter}`), {
    "info.json": info,
    "scores.bin": bin,
    "score_config.json": JSON.stringify({ score: "individual", unit_normalize: false }),
  });
  return { dir, itemsize };
}

describe("readBergsonScores", () => {
  it("reads padded records in every score dtype (pairs padded to a power of two, records to 8 bytes)", async () => {
    // float32: pair 5 -> 8 bytes, 3 pairs = 24. bfloat16 and float16: pair 3 -> 4, 3 pairs = 12 -> 16.
    for (const [format, itemsize] of [["float32", 24], ["bfloat16", 16], ["float16", 16]] as const) {
      const built = await bergsonFolder(format);
      expect(built.itemsize, format).toBe(itemsize);
      for (const chunkBytes of [undefined, 1, 40]) {
        const read = await readBergsonScores(built.dir, Q, D, { chunkBytes });
        expect(await scoreRows(read.scores), `${format} ${chunkBytes}`).toEqual(perQuery);
      }
      const { provenance, scores } = await readBergsonScores(built.dir, Q, D);
      await scoreRows(scores);
      expect(provenance).toMatchObject({ format: "bergson", library: "bergson", settings: { scoreDtype: format, itemsize, scoreConfig: { score: "individual" } } });
      expect(provenance.files.map((f) => [f.path, f.bytes])).toEqual([
        ["info.json", expect.any(Number)],
        ["score_config.json", expect.any(Number)],
        ["scores.bin", 6 * itemsize],
      ]);
    }
  });

  it("refuses a pair never written, naming it and the count", async () => {
    const { dir } = await bergsonFolder("bfloat16", (d, q) => !(d === 4 && q === 1) && !(d === 5 && q === 2));
    await expectRefusal(
      readBergsonScores(dir, Q, D),
      path.join(dir, "scores.bin"),
      "query q1 / document d4",
      /^pair missing: 2 of 18 \(query, document\) pairs were never written \(written_1 is false\)/,
    );
  });

  it("refuses an info.json inconsistent with the file size or with the queries and documents", async () => {
    const { dir } = await bergsonFolder("float32");
    const { bin } = bergsonScores(itemsByQueries, "float32");
    await writeFile(path.join(dir, "scores.bin"), bin.subarray(0, bin.length - 8));
    await expectRefusal(
      readBergsonScores(dir, Q, D),
      path.join(dir, "scores.bin"),
      undefined,
      /^info\.json is inconsistent with the file size: 6 items × 24 bytes = 144 bytes, but the file has 136$/,
    );
    await expectRefusal(
      readBergsonScores(dir, Q.slice(0, 2), D),
      path.join(dir, "info.json"),
      undefined,
      /^num_scores is 3 but the queries file has 2 queries$/,
    );
  });
});
