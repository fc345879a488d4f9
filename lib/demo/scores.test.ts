import { randomLcg } from "d3";
import { describe, expect, it } from "vitest";
import { LCG_INC, LCG_MUL, LcgStream, lcgJump, seededStream } from "./random";
import { calibratedProfile, drawComponent, topIndices } from "./scores";

describe("LcgStream", () => {
  it("reproduces d3's randomLcg draw for draw", () => {
    for (const seed of [1, 12345, 0x7fffffff, 0x9e3779b9, 0xffffffff]) {
      const d3 = randomLcg(seed);
      const ours = new LcgStream(seed);
      for (let i = 0; i < 1000; i++) expect(ours.next()).toBe(d3());
    }
  });

  it("jumps ahead exactly as many draws as stepping would", () => {
    for (const steps of [0, 1, 2, 12_345, 2 ** 20 + 7]) {
      let state = 987_654_321;
      for (let i = 0; i < steps; i++) state = (Math.imul(LCG_MUL, state) + LCG_INC) | 0;
      expect(lcgJump(987_654_321, steps)).toBe(state >>> 0);
    }
  });

  it("spaces streams 2^27 draws apart on one cycle", () => {
    const first = seededStream(42, 0).state >>> 0;
    expect(seededStream(42, 1).state >>> 0).toBe(lcgJump(first, 2 ** 27));
    expect(seededStream(42, 3).state >>> 0).toBe(lcgJump(first, 3 * 2 ** 27));
  });
});

describe("topIndices", () => {
  it("ranks like a full sort, ties in index order", () => {
    const random = randomLcg(3);
    for (const n of [1, 7, 1000, 50_000]) {
      // Coarse values force ties.
      const values = Float32Array.from({ length: n }, () => Math.round((random() - 0.5) * 200) / 10);
      const full = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b);
      for (const k of [1, 10, 500, n, n + 5]) {
        expect(Array.from(topIndices(values, k))).toEqual(full.slice(0, Math.min(k, n)));
      }
    }
  });
});

describe("calibratedProfile", () => {
  const shares = [0.05, 0.1, 0.12, 0.01, 0.11, 0.03, 0.48, 0.1];
  const top = [2.5, 2, 0.3, 40, 0.1, 10, 0.2, 0.05];
  const bottom = [1.5, 2, 0.9, 3, 0.8, 2, 1, 0.7];

  it("gives every source a zero mean, so tasks stay uncorrelated", () => {
    const profile = calibratedProfile(shares, top, bottom, 0.0025, 3);
    for (let s = 0; s < shares.length; s++) {
      const p = profile.positive[s]!;
      expect(p * profile.scalePositive[s]!).toBeCloseTo((1 - p) * profile.scaleNegative[s]!, 9);
    }
  });

  it("puts the planted multipliers into the tails of a draw", () => {
    const n = 400_000;
    const sources = new Uint8Array(n);
    let offset = 0;
    shares.forEach((share, s) => {
      const count = s === shares.length - 1 ? n - offset : Math.round(share * n);
      sources.fill(s, offset, offset + count);
      offset += count;
    });
    const profile = calibratedProfile(shares, top, bottom, 0.0025, 3);
    const values = new Float32Array(n);
    drawComponent(seededStream(9, 0), sources, profile, values);
    const k = 0.0025 * n;
    for (const [tail, planted, row] of [
      ["top", top, values],
      ["bottom", bottom, values.map((v) => -v)],
    ] as const) {
      const normalisation = shares.reduce((sum, share, s) => sum + share * planted[s]!, 0);
      const counts = new Array<number>(shares.length).fill(0);
      for (const d of topIndices(row, k)) counts[sources[d]!]!++;
      shares.forEach((share, s) => {
        const expected = (planted[s]! / normalisation) * share * k;
        // Only sources with enough documents in the tail for a stable count.
        if (expected < 50) return;
        const ratio = counts[s]! / expected;
        expect(Math.abs(Math.log(ratio)), `${tail} source ${s}`).toBeLessThan(Math.log(1.25));
      });
    }
  });
});
