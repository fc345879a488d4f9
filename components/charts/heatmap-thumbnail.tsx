"use client";

import { useEffect, useRef } from "react";
import { unpackCells } from "./heatmap-layout";
import { heatmapPixels } from "./heatmap-ramp";
import { useRampTheme } from "./use-ramp-theme";

/**
 * A small picture of the transfer heatmap (one pixel per cell, scaled up crisply) in the
 * theme's ramp: enough to see the blocks of related queries at a glance.
 */
export function HeatmapThumbnail({ size, cells, label, pixels = 132 }: {
  /** Rows (= columns). */
  size: number;
  /** Row-major values in heatmap order (packCells: bytes, not 10,000 numbers, in the page). */
  cells: Int16Array;
  /** Accessible name (what the picture shows, in words). */
  label: string;
  /** Side of the drawn square in CSS pixels. */
  pixels?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useRampTheme();
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context || size === 0) return;
    canvas.width = size;
    canvas.height = size;
    context.putImageData(new ImageData(heatmapPixels(unpackCells(cells), size, theme), size, size), 0, 0);
  }, [cells, size, theme]);
  return <canvas ref={ref} role="img" aria-label={label} className="rounded-sm border border-zinc-200 dark:border-zinc-800" style={{ width: pixels, height: pixels, imageRendering: "pixelated" }} />;
}
