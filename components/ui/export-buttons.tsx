"use client";

import { toCsv } from "@/lib/csv";
import { composeFigure, figurePng, type FigureSpec } from "./figure-export";

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

const buttonClass =
  "rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900";

/**
 * Downloads of exactly what a table or chart shows: its rows as CSV and JSON, and, for a
 * chart, a standalone figure (title, dataset, legend, light colours) as SVG or PNG.
 */
export function ExportButtons({
  name,
  rows,
  figure,
}: {
  /** File name stem, e.g. "demo-7b-coverage". */
  name: string;
  /**
   * The rows, or (from a client component) a function that builds them when a button is
   * pressed: a large export (10,000 matrix cells) is then not built on every render,
   * nor on the server for every page view.
   */
  rows: readonly Record<string, unknown>[] | (() => readonly Record<string, unknown>[]);
  /** The chart and the words that make its export stand alone. */
  figure?: FigureSpec;
}) {
  const rowsNow = () => (typeof rows === "function" ? rows() : rows);
  return (
    <div className="flex flex-wrap gap-1" role="group" aria-label={`Export ${name}`}>
      <button type="button" className={buttonClass} onClick={() => download(`${name}.csv`, new Blob([toCsv(rowsNow())], { type: "text/csv" }))}>
        CSV
      </button>
      <button
        type="button"
        className={buttonClass}
        onClick={() => download(`${name}.json`, new Blob([JSON.stringify(rowsNow(), null, 2)], { type: "application/json" }))}
      >
        JSON
      </button>
      {figure ? (
        <>
          <button
            type="button"
            className={buttonClass}
            onClick={() => download(`${name}.svg`, new Blob([composeFigure(figure).markup], { type: "image/svg+xml" }))}
          >
            SVG
          </button>
          <button type="button" className={buttonClass} onClick={async () => download(`${name}.png`, await figurePng(figure))}>
            PNG
          </button>
        </>
      ) : null}
    </div>
  );
}
