import { interpolateBlues, interpolateLab, piecewise, rgb } from "d3";

/**
 * Colour of the transfer view's heatmap cells (a ramp over [0, 1]) in either theme: in
 * the light theme white to dark blue (the paper's figure), in the dark theme from the
 * page's near-black to light blue, so 0 melts into the background in both and larger
 * values stand out. Pure, so the canvas, the legend, the block summary, the export and
 * the tests agree.
 */

export type RampTheme = "light" | "dark";

/** Colour of a cell with no value (a zero-variance query), as RGB bytes, per theme. */
export const UNDEFINED_RGB: readonly [number, number, number] = [161, 161, 170];
const UNDEFINED_RGB_DARK: readonly [number, number, number] = [82, 82, 91];

const LUT_SIZE = 256;

function lut(interpolate: (t: number) => string): Uint8ClampedArray {
  const table = new Uint8ClampedArray(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) {
    const c = rgb(interpolate(i / (LUT_SIZE - 1)));
    table[i * 3] = c.r;
    table[i * 3 + 1] = c.g;
    table[i * 3 + 2] = c.b;
  }
  return table;
}

const LUTS: Record<RampTheme, Uint8ClampedArray> = {
  light: lut(interpolateBlues),
  // zinc-900 → blue-900 → blue-600 → blue-400 → blue-100: lightness rises monotonically.
  dark: lut(piecewise(interpolateLab, ["#18181b", "#1e3a8a", "#2563eb", "#60a5fa", "#dbeafe"])),
};

/**
 * Where a value sits on the ramp, in [0, 1]: values are clamped to [0, 1] as in the
 * paper's figure (negative correlations show as 0; the tooltip still shows the true
 * value); null or NaN gives null.
 */
export function rampPosition(value: number | null): number | null {
  if (value === null || Number.isNaN(value)) return null;
  return Math.min(1, Math.max(0, value));
}

/** RGB bytes of a heatmap cell (the theme's ramp from 0 to 1; grey when undefined). */
export function cellRgb(value: number | null, theme: RampTheme = "light"): readonly [number, number, number] {
  const t = rampPosition(value);
  if (t === null) return theme === "dark" ? UNDEFINED_RGB_DARK : UNDEFINED_RGB;
  const table = LUTS[theme];
  const i = Math.round(t * (LUT_SIZE - 1)) * 3;
  return [table[i]!, table[i + 1]!, table[i + 2]!];
}

/** CSS colour of a position on the ramp (for the legend, the block summary and the export's colour bar). */
export function rampColor(value: number | null, theme: RampTheme = "light"): string {
  const [r, g, b] = cellRgb(value, theme);
  return `rgb(${r}, ${g}, ${b})`;
}

/** Text colour that stays readable on a ramp cell: white on the dark end of the theme's ramp. */
export function textOnRamp(value: number | null, theme: RampTheme = "light"): "black" | "white" {
  const t = rampPosition(value);
  if (theme === "dark") return t !== null && t > 0.6 ? "black" : "white";
  return t !== null && t > 0.55 ? "white" : "black";
}

/** One RGBA pixel per cell of a row-major size x size matrix, in the theme's ramp. */
export function heatmapPixels(values: readonly (number | null)[], size: number, theme: RampTheme): Uint8ClampedArray<ArrayBuffer> {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const [r, g, b] = cellRgb(values[i] ?? null, theme);
    data[i * 4] = r;
    data[i * 4 + 1] = g;
    data[i * 4 + 2] = b;
    data[i * 4 + 3] = 255;
  }
  return data;
}
