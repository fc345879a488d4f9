import { randomLcg, randomNormal } from "d3";
import { describe, expect, it } from "vitest";
import { logBins, logMagnitudeHistogram, magnitudeRange } from "./histogram";
import { TaskDocuments, taskDocuments } from "./task-documents";

const random = randomNormal.source(randomLcg(7))(0, 1);
const rows = Array.from({ length: 5 }, () => Float32Array.from({ length: 3000 }, () => random()));

describe("taskDocuments", () => {
  it("orders documents by their mean score over the members, as a naive sort does", () => {
    const members = [0, 2, 4];
    const naive = Array.from({ length: 3000 }, (_, d) => ({
      d,
      mean: members.reduce((s, q) => s + rows[q]![d]!, 0) / members.length,
    }));
    const top = [...naive].sort((a, b) => b.mean - a.mean || a.d - b.d).slice(0, 20);
    const bottom = [...naive].sort((a, b) => a.mean - b.mean || a.d - b.d).slice(0, 20);
    const result = taskDocuments(rows, members, "top", 20);
    expect(result.map((r) => r.documentIdx)).toEqual(top.map((t) => t.d));
    result.forEach((r, i) => expect(r.meanScore).toBeCloseTo(top[i]!.mean, 12));
    expect(taskDocuments(rows, members, "bottom", 20).map((r) => r.documentIdx)).toEqual(bottom.map((t) => t.d));
  });

  it("counts the members a document helps", () => {
    // Hand-worked: document 1 is positive for queries 0 and 1, negative for 2.
    const small = [new Float32Array([0, 2, -1]), new Float32Array([0, 4, -1]), new Float32Array([0, -3, -1])];
    const [first] = taskDocuments(small, [0, 1, 2], "top", 1);
    expect(first).toEqual({ documentIdx: 1, meanScore: 1, positiveMembers: 2 });
  });
});

describe("log-magnitude histograms", () => {
  it("bins every positive score exactly once, matching a naive count", () => {
    const range = magnitudeRange(rows)!;
    const bins = logBins(range, 10);
    const counts = logMagnitudeHistogram(rows, [1, 3], "positive", bins);
    const positives = [...rows[1]!, ...rows[3]!].filter((s) => s > 0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(positives.length);
    const naive = new Array<number>(10).fill(0);
    for (const s of positives) {
      const x = Math.log10(s);
      const i = bins.edges.findIndex((e, j) => j < 10 && x >= e && (x < bins.edges[j + 1]! || j === 9));
      naive[i]! += 1;
    }
    expect(counts).toEqual(naive);
  });

  it("puts hand-worked magnitudes in the right decade", () => {
    const small = [new Float32Array([1, 10, 100, -1000, 0])];
    const bins = logBins(magnitudeRange(small)!, 3); // edges 0, 1, 2, 3 on log10
    expect(bins.edges).toEqual([0, 1, 2, 3]);
    expect(logMagnitudeHistogram(small, [0], "positive", bins)).toEqual([1, 1, 1]);
    expect(logMagnitudeHistogram(small, [0], "negative", bins)).toEqual([0, 0, 1]);
  });
});

describe("TaskDocuments over blocks of documents", () => {
  it("keeps the order taskDocuments gives over all documents, ties included, whatever the blocks", () => {
    // Rounded scores: many documents share a mean, so the document-order tie rule decides.
    const tied = rows.map((row) => row.map((v) => Math.round(v * 2) / 2));
    const members = [1, 2, 4];
    for (const tail of ["top", "bottom"] as const) {
      const whole = taskDocuments(tied, members, tail, 50);
      for (const block of [1, 7, 64, 1000]) {
        const accumulator = new TaskDocuments(members, tail, 50);
        for (let start = 0; start < 3000; start += block) accumulator.add(tied.map((row) => row.subarray(start, start + block)), start);
        expect(accumulator.result()).toEqual(whole);
      }
    }
  });
});
