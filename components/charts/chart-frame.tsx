"use client";

import type { ReactNode } from "react";
import { useElementSize } from "./use-element-size";

/**
 * The measuring wrapper every chart uses: it gives its pure inner chart the width
 * available and a fixed height, and renders nothing until it has been measured.
 */
export function ChartFrame({ height, children }: { height: number; children: (size: { width: number; height: number }) => ReactNode }) {
  const [ref, { width }] = useElementSize<HTMLDivElement>();
  return (
    <div ref={ref} style={{ height }} className="w-full">
      {width > 0 ? children({ width, height }) : null}
    </div>
  );
}
