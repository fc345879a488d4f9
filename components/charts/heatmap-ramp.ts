import { interpolateBlues, rgb } from "d3";

/**
 * Colour of the transfer view's heatmap cells (a white-to-blue ramp over [0, 1]). Pure,
 * so the canvas, the legend, the block summary and the tests agree.
 */

/** Colour of a cell with no value (a zero-variance query), as RGB bytes. */
export const UNDEFINED_RGB: readonly [number, number, number] = [161, 161, 170];

const LUT_SIZE = 256;
/** interpolateBlues sampled at 256 steps: [r, g, b] bytes per step. */
const BLUES_LUT: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) {
    const c = rgb(interpolateBlues(i / (LUT_SIZE - 1)));
    lut[i * 3] = c.r;
    lut[i * 3 + 1] = c.g;
    lut[i * 3 + 2] = c.b;
  }
  return lut;
})();

/**
 * Where a value sits on the white-to-blue ramp, in [0, 1]: values are clamped to
 * [0, 1] as in the paper's figure (negative correlations show as white; the tooltip
 * still shows the true value); null or NaN gives null.
 */
export function rampPosition(value: number | null): number | null {
  if (value === null || Number.isNaN(value)) return null;
  return Math.min(1, Math.max(0, value));
}

/** RGB bytes of a heatmap cell (white-to-blue from 0 to 1; grey when undefined). */
export function cellRgb(value: number | null): readonly [number, number, number] {
  const t = rampPosition(value);
  if (t === null) return UNDEFINED_RGB;
  const i = Math.round(t * (LUT_SIZE - 1)) * 3;
  return [BLUES_LUT[i]!, BLUES_LUT[i + 1]!, BLUES_LUT[i + 2]!];
}

/** CSS colour of a position on the ramp (for the legend and the block summary). */
export function rampColor(value: number | null): string {
  const [r, g, b] = cellRgb(value);
  return `rgb(${r}, ${g}, ${b})`;
}

/** Text colour that stays readable on a ramp cell: white on the dark blues. */
export function textOnRamp(value: number | null): "black" | "white" {
  const t = rampPosition(value);
  return t !== null && t > 0.55 ? "white" : "black";
}
