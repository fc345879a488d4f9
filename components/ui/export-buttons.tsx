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
}: {
  /** File name stem, e.g. "demo-7b-coverage". */
  name: string;
  rows: readonly Record<string, unknown>[];
  svgRef?: RefObject<SVGSVGElement | null>;
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
    </div>
  );
}
