"use client";

import type { RefObject } from "react";
import { toCsv } from "@/lib/csv";

function download(filename: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Serialises an SVG element with its computed text colour inlined (currentColor survives export). */
function svgMarkup(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("color", getComputedStyle(svg).color);
  clone.setAttribute("font-family", getComputedStyle(svg).fontFamily);
  return new XMLSerializer().serializeToString(clone);
}

async function svgToPng(svg: SVGSVGElement): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgMarkup(svg))}`;
  await image.decode();
  const scale = 2;
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext("2d")!;
  context.fillStyle = getComputedStyle(document.body).backgroundColor || "white";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG export failed"))), "image/png"));
}

/**
 * A PNG of a figure that layers canvases and SVG overlays (the heatmap, the density
 * scatter): each layer is drawn at its on-screen position, in document order.
 */
async function figureToPng(figure: HTMLElement): Promise<Blob> {
  const box = figure.getBoundingClientRect();
  const scale = 2;
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(box.width * scale);
  canvas.height = Math.ceil(box.height * scale);
  const context = canvas.getContext("2d")!;
  context.fillStyle = getComputedStyle(document.body).backgroundColor || "white";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(scale, scale);
  for (const layer of figure.querySelectorAll<HTMLCanvasElement | SVGSVGElement>("canvas, svg")) {
    const at = layer.getBoundingClientRect();
    const [x, y] = [at.left - box.left, at.top - box.top];
    if (layer instanceof HTMLCanvasElement) {
      context.imageSmoothingEnabled = false; // heatmap cells stay crisp
      context.drawImage(layer, x, y, at.width, at.height);
    } else {
      const image = new Image();
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgMarkup(layer))}`;
      await image.decode();
      context.drawImage(image, x, y, at.width, at.height);
    }
  }
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG export failed"))), "image/png"));
}

const buttonClass =
  "rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900";

/**
 * Downloads of exactly what a table or chart shows: its rows as CSV and JSON, and,
 * for a chart, the SVG itself or a PNG rendering of it.
 */
export function ExportButtons({
  name,
  rows,
  svgRef,
  figureRef,
}: {
  /** File name stem, e.g. "demo-7b-coverage". */
  name: string;
  rows: readonly Record<string, unknown>[];
  svgRef?: RefObject<SVGSVGElement | null>;
  /** A chart drawn on canvas with SVG overlays: offered as PNG. */
  figureRef?: RefObject<HTMLElement | null>;
}) {
  return (
    <div className="flex flex-wrap gap-1" role="group" aria-label={`Export ${name}`}>
      <button type="button" className={buttonClass} onClick={() => download(`${name}.csv`, new Blob([toCsv(rows)], { type: "text/csv" }))}>
        CSV
      </button>
      <button
        type="button"
        className={buttonClass}
        onClick={() => download(`${name}.json`, new Blob([JSON.stringify(rows, null, 2)], { type: "application/json" }))}
      >
        JSON
      </button>
      {svgRef ? (
        <>
          <button
            type="button"
            className={buttonClass}
            onClick={() => svgRef.current && download(`${name}.svg`, new Blob([svgMarkup(svgRef.current)], { type: "image/svg+xml" }))}
          >
            SVG
          </button>
          <button
            type="button"
            className={buttonClass}
            onClick={async () => svgRef.current && download(`${name}.png`, await svgToPng(svgRef.current))}
          >
            PNG
          </button>
        </>
      ) : null}
      {figureRef ? (
        <button
          type="button"
          className={buttonClass}
          onClick={async () => figureRef.current && download(`${name}.png`, await figureToPng(figureRef.current))}
        >
          PNG
        </button>
      ) : null}
    </div>
  );
}
