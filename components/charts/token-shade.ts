import { interpolateRdBu, rgb } from "d3";

/**
 * The diverging colour of a token's influence: blue for positive (raises the completion's
 * likelihood), red for negative, white at zero, on a scale symmetric about zero so equal
 * magnitudes get equal depth of colour. Pure, so the text, the legend and the tests agree.
 */

/** The scale's half-width: the largest |score| (1 when every score is 0, so all stay white). */
export function shadeExtent(scores: readonly number[]): number {
  const max = scores.reduce((m, s) => Math.max(m, Math.abs(s)), 0);
  return max > 0 ? max : 1;
}

/** Position of a score on the scale, in [-1, 1]. */
export const shadePosition = (score: number, extent: number): number => Math.max(-1, Math.min(1, score / extent));

/** CSS background of a score (RdBu: -1 red, 0 white, +1 blue). */
export function shadeColor(score: number, extent: number): string {
  // interpolateRdBu runs red (0) to blue (1); the middle is near-white.
  return rgb(interpolateRdBu((shadePosition(score, extent) + 1) / 2)).formatHex();
}

/** Text colour that stays readable on a shade: white on the deepest blues and reds. */
export const textOnShade = (score: number, extent: number): "black" | "white" =>
  Math.abs(shadePosition(score, extent)) > 0.6 ? "white" : "black";
