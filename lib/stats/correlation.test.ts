import { describe, expect, it } from "vitest";
import { randomLcg } from "d3";
import reference from "@/tests/reference/stats-reference.json";
import { blockSummary, CHUNK, CrossProducts, jaccardMatrix, meanOffDiagonal, meanWithinGroups, pearson, pearsonMatrix, spearmanMatrix } from "./correlation";
import { doubledAverageRanks, rankOrder } from "./ranking";
import { naivePearson } from "@/tests/support/naive-stats";
import { expectAllClose, expectClose, nullToNaN, seededNormal, seededUniform } from "@/tests/support/numeric";

/** Average ranks by sorting (value, index) pairs and walking tie runs. */
function naiveRanks(x: Float32Array): number[] {
  const sorted = [...x].map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks: number[] = new Array<number>(x.length).fill(0);
  for (let s = 0; s < sorted.length; ) {
    let e = s;
    while (e < sorted.length && sorted[e]!.v === sorted[s]!.v) e++;
    for (let t = s; t < e; t++) ranks[sorted[t]!.i] = (s + 1 + e) / 2;
    s = e;
  }
  return ranks;
}

function naiveMatrix<T>(rows: T[], f: (a: T, b: T) => number): number[] {
  return rows.flatMap((a, i) => rows.map((b, j) => (i === j ? 1 : f(a, b))));
}

/** Q = 7 rows (not a multiple of the 4-row tile) over n = 2500 (not a multiple of the chunk). */
function randomRows(): Float32Array[] {
  const normal = seededNormal(42);
  const u = seededUniform(43);
  const n = 2500;
  const base = Float32Array.from({ length: n }, normal);
  return [
    base,
    base.map((v) => v + 0.3 * normal()),
    Float32Array.from({ length: n }, normal),
    base.map((v) => -2 * v + normal()),
    Float32Array.from({ length: n }, () => Math.floor(u() * 5)), // heavy ties
    Float32Array.from({ length: n }, () => 500 + 1e-3 * normal()), // large offset
    base.map((v) => Math.exp(v)),
  ];
}

describe("pearsonMatrix", () => {
  it("computes a hand-worked 3 x 3 case", () => {
    // x = 1 2 3, y = 2 4 7, z = 3 2 1
    // x̄ = 2, ȳ = 13/3; dx = -1 0 1; dy = -7/3 -1/3 8/3
    // Sxy = 7/3 + 0 + 8/3 = 5; Sxx = 2; Syy = (49 + 1 + 64)/9 = 114/9
    // r(x, y) = 5 / sqrt(2 * 114/9) = 15 / sqrt(228); r(x, z) = -1; r(y, z) = -r(x, y)
    const r = pearsonMatrix([
      Float32Array.from([1, 2, 3]),
      Float32Array.from([2, 4, 7]),
      Float32Array.from([3, 2, 1]),
    ]);
    const rxy = 15 / Math.sqrt(228);
    expectAllClose(r, [1, rxy, -1, rxy, 1, -rxy, -1, -rxy, 1], 1e-12);
  });

  it("gives NaN off the diagonal for a zero-variance row and 1 on it", () => {
    const r = pearsonMatrix([
      Float32Array.from([1, 2, 3, 4]),
      new Float32Array(4).fill(0.1), // a float64 mean of 0.1f need not be 0.1f exactly
      Float32Array.from([4, 1, 3, 2]),
    ]);
    expect(r[4]).toBe(1);
    for (const i of [1, 3, 5, 7]) expect(r[i]).toBeNaN();
    // x = 1 2 3 4, w = 4 1 3 2: dx = -1.5 -.5 .5 1.5, dw = 1.5 -1.5 .5 -.5
    // Sxw = -2.25 + .75 + .25 - .75 = -2; Sxx = Sww = 5 -> r = -0.4
    expectClose(r[2]!, -0.4, 1e-12);
    expect(r[0]).toBe(1);
  });

  it("returns an empty matrix for no rows and rejects ragged rows", () => {
    expect(pearsonMatrix([]).length).toBe(0);
    expect(() => pearsonMatrix([new Float32Array(3), new Float32Array(4)])).toThrow(RangeError);
  });

  it("matches a naive two-pass Pearson on random rows", () => {
    const rows = randomRows();
    expectAllClose(pearsonMatrix(rows), naiveMatrix(rows, naivePearson), 1e-9, 1e-12);
  });

  it("matches numpy.corrcoef", () => {
    const { rows, pearson } = reference.correlation;
    expectAllClose(pearsonMatrix(rows.map((r) => Float32Array.from(r))), pearson.flat().map(nullToNaN), 1e-9, 1e-12);
  });
});

describe("CrossProducts over blocks of documents (ingest's streaming correlations)", () => {
  /** Rows set one at a time, then blocks of `block` documents across every row, as ingest reads them. */
  function streamed(rows: readonly (Float32Array | Uint32Array)[], block: number): Float64Array {
    const products = new CrossProducts(rows.length);
    rows.forEach((row, r) => products.setRow(r, row));
    const n = rows[0]!.length;
    for (let start = 0; start < n; start += block) products.addBlock(rows.map((row) => row.subarray(start, start + block)));
    return products.matrix();
  }
  // Random rows with ties, a large offset and a constant row, over more than two chunks.
  const normal = seededNormal(5);
  const n = 3 * CHUNK + 517;
  const rows = [
    ...randomRows().map((row) => Float32Array.from({ length: n }, (_, i) => row[i % row.length]! + (i >= row.length ? normal() : 0))),
    Float32Array.from({ length: n }, () => Math.round(normal() * 2) / 2),
    new Float32Array(n).fill(3),
  ];

  it("gives pearsonMatrix exactly for blocks of whole chunks, within 1e-12 for any blocks", () => {
    const whole = pearsonMatrix(rows);
    for (const block of [CHUNK, 2 * CHUNK, n]) expect(Array.from(streamed(rows, block))).toEqual(Array.from(whole));
    expectAllClose(streamed(rows, 700), whole, 1e-12, 1e-12);
  });

  it("gives spearmanMatrix exactly from doubled integer ranks", () => {
    const ranks = rows.map((row) => doubledAverageRanks(row, rankOrder(row, "bottom")));
    ranks.forEach((r, q) => expect(Array.from(r, (x) => x / 2)).toEqual(naiveRanks(rows[q]!)));
    const whole = spearmanMatrix(rows);
    for (const block of [CHUNK, 4 * CHUNK]) expect(Array.from(streamed(ranks, block))).toEqual(Array.from(whole));
    expectAllClose(streamed(ranks, 333), whole, 1e-12, 1e-12);
  });
});

describe("spearmanMatrix in blocks", () => {
  it("gives exactly the all-at-once matrix when rows are ranked a few at a time", () => {
    const random = seededNormal(11);
    // Ties (rounded values) and more rows than one block, with a ragged last block.
    const rows = Array.from({ length: 11 }, () => Float32Array.from({ length: 400 }, () => Math.round(random() * 4) / 4));
    const whole = spearmanMatrix(rows, 11);
    for (const block of [1, 3, 4, 10]) expect(Array.from(spearmanMatrix(rows, block))).toEqual(Array.from(whole));
  });
});

describe("spearmanMatrix", () => {
  it("ranks before correlating (hand-worked)", () => {
    // x = 1 2 3 4 and y = 1 10 100 1000 have the same ranks -> rho = 1 though r < 1;
    // z = 5 5 1 2 -> ranks 3.5 3.5 1 2; x ranks 1 2 3 4:
    // dx = -1.5 -.5 .5 1.5, dz = 1 1 -1.5 -.5; Sxz = -1.5 - .5 - .75 - .75 = -3.5
    // Sxx = 5, Szz = 1 + 1 + 2.25 + .25 = 4.5 -> rho = -3.5 / sqrt(22.5)
    const rho = spearmanMatrix([
      Float32Array.from([1, 2, 3, 4]),
      Float32Array.from([1, 10, 100, 1000]),
      Float32Array.from([5, 5, 1, 2]),
    ]);
    expectClose(rho[1]!, 1, 1e-12);
    expectClose(rho[2]!, -3.5 / Math.sqrt(22.5), 1e-12);
  });

  it("matches naive ranks + naive Pearson on random rows with ties", () => {
    const rows = randomRows();
    const ranked = rows.map(naiveRanks);
    expectAllClose(spearmanMatrix(rows), naiveMatrix(ranked, naivePearson), 1e-9, 1e-12);
  });

  it("matches scipy.stats.spearmanr", () => {
    const { rows, spearman } = reference.correlation;
    expectAllClose(spearmanMatrix(rows.map((r) => Float32Array.from(r))), spearman.flat().map(nullToNaN), 1e-9, 1e-12);
  });
});

describe("jaccardMatrix", () => {
  it("computes a hand-worked case", () => {
    // top-3 sets: A = {0,1,2}, B = {2,3,0}, C = {5,4,3}
    // A∩B = {0,2} (2), A∪B = {0,1,2,3} (4) -> 0.5; A∩C = {} -> 0; B∩C = {3}, |B∪C| = 5 -> 0.2
    const orders = [
      Uint32Array.from([0, 1, 2, 3, 4, 5]),
      Uint32Array.from([2, 3, 0, 1, 5, 4]),
      Uint32Array.from([5, 4, 3, 2, 1, 0]),
    ];
    expect([...jaccardMatrix(orders, 3, 6)]).toEqual([1, 0.5, 0, 0.5, 1, 0.2, 0, 0.2, 1]);
    // k clipped to the corpus: every set is the whole corpus.
    expect([...jaccardMatrix(orders, 100, 6)]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // k = 0: empty sets, overlap undefined.
    expect(jaccardMatrix(orders, 0, 6)[1]).toBeNaN();
  });

  it("matches Set intersection on random rankings", () => {
    const normal = seededNormal(3);
    const documentCount = 3000;
    const orders = Array.from({ length: 6 }, (_, q) => {
      // Shared component so the top sets overlap partially.
      const scores = Float32Array.from({ length: documentCount }, (_, d) => Math.sin(d) * q * 0.2 + normal());
      return rankOrder(scores, "top");
    });
    for (const k of [1, 50, 700]) {
      const sets = orders.map((o) => new Set(o.subarray(0, k)));
      const naive = naiveMatrix(sets, (a, b) => {
        const common = [...a].filter((d) => b.has(d)).length;
        return common / new Set([...a, ...b]).size;
      });
      expectAllClose(jaccardMatrix(orders, k, documentCount), naive, 0, 0);
    }
  });
});

describe("blockSummary", () => {
  // Symmetric 4 x 4 with one NaN (a zero-variance query would give a NaN row; one entry
  // is enough to test the skipping).
  //        0     1     2     3
  //  0  [  1,   .8,   .1,   .2 ]
  //  1  [ .8,    1,  NaN,   .4 ]
  //  2  [ .1,  NaN,    1,   .6 ]
  //  3  [ .2,   .4,   .6,    1 ]
  const m = Float64Array.from([1, 0.8, 0.1, 0.2, 0.8, 1, NaN, 0.4, 0.1, NaN, 1, 0.6, 0.2, 0.4, 0.6, 1]);

  it("averages within and between groups by hand", () => {
    const groups = [
      { key: "g", members: [0, 1] },
      { key: "h", members: [2, 3] },
      { key: "o", members: [1, 2, 3] }, // overlaps both
      { key: "e", members: [] },
    ];
    const out = blockSummary(m, 4, groups);
    const get = (a: string, b: string) => out.find((x) => x.a === a && x.b === b)!;
    expect(out.map((x) => `${x.a}${x.b}`)).toEqual(["gg", "gh", "go", "ge", "hh", "ho", "he", "oo", "oe", "ee"]);
    // g within: (0,1) = .8
    expect(get("g", "g")).toEqual({ a: "g", b: "g", mean: 0.8, pairs: 1 });
    // g x h: (0,2) .1, (0,3) .2, (1,2) NaN skipped, (1,3) .4 -> .7 / 3
    expectClose(get("g", "h").mean, 0.7 / 3, 1e-12);
    expect(get("g", "h").pairs).toBe(3);
    // g x o: (0,1) .8 (0,2) .1 (0,3) .2 (1,1) skipped (self) (1,2) NaN (1,3) .4 -> 1.5 / 4
    expectClose(get("g", "o").mean, 1.5 / 4, 1e-12);
    expect(get("g", "o").pairs).toBe(4);
    // o within: (1,2) NaN, (1,3) .4, (2,3) .6 -> 0.5 over 2
    expectClose(get("o", "o").mean, 0.5, 1e-12);
    expect(get("o", "o").pairs).toBe(2);
    expect(get("g", "e").pairs).toBe(0);
    expect(get("g", "e").mean).toBeNaN();
  });

  it("matches averaging over ordered pairs on a random matrix", () => {
    const u = seededUniform(5);
    const q = 12;
    const matrix = new Float64Array(q * q);
    for (let i = 0; i < q; i++) {
      matrix[i * q + i] = 1;
      for (let j = i + 1; j < q; j++) matrix[i * q + j] = matrix[j * q + i] = u() < 0.1 ? NaN : u() * 2 - 1;
    }
    const groups = [
      { key: "a", members: [0, 1, 2, 3, 4] },
      { key: "b", members: [5, 6, 7] },
      { key: "c", members: [3, 4, 8, 9, 10, 11] },
    ];
    const out = blockSummary(matrix, q, groups);
    for (const { a, b, mean, pairs } of out) {
      const ga = groups.find((g) => g.key === a)!.members;
      const gb = groups.find((g) => g.key === b)!.members;
      // Ordered pairs (i, j), i ≠ j; a within-group block visits each pair twice.
      const values = ga.flatMap((i) => gb.filter((j) => j !== i).map((j) => matrix[i * q + j]!)).filter((v) => !Number.isNaN(v));
      const visits = a === b ? 2 : 1;
      expect(pairs).toBe(values.length / visits);
      expectClose(mean, values.reduce((s, v) => s + v, 0) / values.length, 1e-12);
    }
  });
});

describe("pearson", () => {
  const f32 = (values: number[]) => Float32Array.from(values);

  it("hand-worked cases and a seeded reference", () => {
    expect(pearson(f32([1, 2, 3]), f32([2, 4, 6]))).toBeCloseTo(1, 12);
    expect(pearson(f32([1, 2, 3]), f32([3, 2, 1]))).toBeCloseTo(-1, 12);
    // x = 1..4, y = 1,3,2,4: sxy = 4, sxx = syy = 5 → 0.8
    expect(pearson(f32([1, 2, 3, 4]), f32([1, 3, 2, 4]))).toBeCloseTo(0.8, 12);
    expect(pearson(f32([1, 1, 1]), f32([1, 2, 3]))).toBeNull();
    expect(pearson(f32([1]), f32([1]))).toBeNull();
    expect(pearson(f32([1, Number.NaN, 3]), f32([1, 2, 3]))).toBeNull();
    // y = 0.6 x + 0.8 noise with unit-variance x and noise: r ≈ 0.6.
    const normal = seededNormal(7);
    const x = Array.from({ length: 20_000 }, () => normal());
    const y = x.map((v) => 0.6 * v + 0.8 * normal());
    expect(pearson(f32(x), f32(y))!).toBeCloseTo(0.6, 1);
  });

  it("is the stored matrix's entry to the last digit", () => {
    // An offset far from zero, where a one-pass formula would cancel.
    const rows = [11, 12].map((seed) => {
      const normal = seededNormal(seed, 1e3);
      return Float32Array.from({ length: 3000 }, () => normal());
    });
    expect(pearson(rows[0]!, rows[1]!)).toBe(pearsonMatrix(rows)[1]);
    // Lengths around the chunk size, ties and a constant row.
    const normal = seededNormal(13);
    for (const n of [2, 1023, 1024, 1025, 5000]) {
      const x = Float32Array.from({ length: n }, () => normal() * 10);
      const y = Float32Array.from({ length: n }, () => Math.round(normal()));
      expect(pearson(x, y)).toBe(pearsonMatrix([x, y])[1]);
      expect(pearson(y, x.map((v) => v * v))).toBe(pearsonMatrix([y, x.map((v) => v * v)])[1]);
    }
    expect(pearson(Float32Array.from([2, 2, 2]), Float32Array.from([1, 2, 3]))).toBeNull();
  });

  it("rejects vectors of different lengths", () => {
    expect(() => pearson(f32([1, 2]), f32([1, 2, 3]))).toThrow(RangeError);
  });
});

describe("meanOffDiagonal", () => {
  // 4 x 4, row-major; NaN = undefined r (a zero-variance query).
  const m = Float64Array.from([
    1, 0.5, 0.1, NaN,
    0.5, 1, 0.3, 0.2,
    0.1, 0.3, 1, 0.4,
    NaN, 0.2, 0.4, 1,
  ]);

  it("mean over a group's pairs, and one query's r with its group", () => {
    expect(meanOffDiagonal(m, 4, [0, 1, 2])).toEqual({ mean: (0.5 + 0.1 + 0.3) / 3, pairs: 3 });
    expect(meanOffDiagonal(m, 4, [0, 1, 2, 3]).pairs).toBe(5); // the NaN pair is skipped
    expect(meanOffDiagonal(m, 4, [0, 1, 2], 2)).toEqual({ mean: (0.1 + 0.3) / 2, pairs: 2 });
    expect(meanOffDiagonal(m, 4, [1])).toEqual({ mean: NaN, pairs: 0 });
  });

  it("agrees with blockSummary's within-group and between-group entries", () => {
    const [within, between] = blockSummary(m, 4, [{ key: "g", members: [0, 1, 3] }, { key: "q", members: [2] }]);
    expect(meanOffDiagonal(m, 4, [0, 1, 3])).toEqual({ mean: within!.mean, pairs: within!.pairs });
    expect(meanOffDiagonal(m, 4, [0, 1, 3], 2)).toEqual({ mean: between!.mean, pairs: between!.pairs });
  });
});

describe("meanWithinGroups", () => {
  it("averages the group means, not all pairs, and never counts a pair across groups", () => {
    const random = randomLcg(11);
    const n = 9;
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const v = i === j ? 1 : random() * 2 - 1;
        m[i * n + j] = v;
        m[j * n + i] = v;
      }
    }
    m[1 * n + 2] = m[2 * n + 1] = Number.NaN; // an undefined r is skipped
    const groups = [[0, 1, 2, 3, 4, 5], [6, 7], [8]];
    // Naively: list each group's pairs, average them, then average the group averages.
    const naiveGroup = (g: number[]) => {
      const values: number[] = [];
      for (let a = 0; a < g.length; a++) for (let b = a + 1; b < g.length; b++) if (!Number.isNaN(m[g[a]! * n + g[b]!]!)) values.push(m[g[a]! * n + g[b]!]!);
      return values;
    };
    const perGroup = groups.map(naiveGroup);
    const result = meanWithinGroups(m, n, groups);
    expect(result.groups.map((g) => g.pairs)).toEqual([14, 1, 0]);
    expect(result.groups[0]!.mean).toBeCloseTo(perGroup[0]!.reduce((s, v) => s + v, 0) / 14, 12);
    expect(result.groups[1]!.mean).toBeCloseTo(m[6 * n + 7]!, 12);
    expect(result.groups[2]!.mean).toBeNaN();
    expect(result.mean).toBeCloseTo((result.groups[0]!.mean + result.groups[1]!.mean) / 2, 12);
    // Not the mean over all pooled pairs (what a whole-dataset mean used to be).
    const pooled = perGroup.flat();
    expect(Math.abs(result.mean - pooled.reduce((s, v) => s + v, 0) / pooled.length)).toBeGreaterThan(1e-6);
  });
});
