/**
 * Numeric assertions and seeded generators shared by the unit tests (lib/stats, lib/data, ...).
 */
import { randomLcg, randomNormal } from "d3";
import { expect } from "vitest";

/**
 * Asserts |actual - expected| <= max(abs, rel * |expected|); NaN expects NaN, ±Infinity
 * expects the same infinity.
 */
export function expectClose(actual: number, expected: number, rel = 1e-9, abs = 1e-15): void {
  if (Number.isNaN(expected)) {
    expect(actual, `expected NaN, got ${actual}`).toBeNaN();
    return;
  }
  if (!Number.isFinite(expected)) {
    expect(actual).toBe(expected);
    return;
  }
  const tolerance = Math.max(abs, rel * Math.abs(expected));
  expect(
    Math.abs(actual - expected),
    `${actual} vs ${expected} (tolerance ${tolerance})`,
  ).toBeLessThanOrEqual(tolerance);
}

/** expectClose element-wise, after checking the lengths agree. */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rel = 1e-9,
  abs = 1e-15,
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i]!, expected[i]!, rel, abs);
}

/** A seeded standard-normal-based generator: normal(mu, sigma) draws. */
export function seededNormal(seed: number, mu = 0, sigma = 1): () => number {
  return randomNormal.source(randomLcg(seed))(mu, sigma);
}

/** A seeded uniform [0, 1) generator. */
export function seededUniform(seed: number): () => number {
  return randomLcg(seed);
}

/** JSON has no NaN: the reference file writes null for it. */
export function nullToNaN(value: number | null): number {
  return value ?? NaN;
}
