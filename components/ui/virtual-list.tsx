"use client";

import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState, type ReactNode } from "react";
import { scrollTopFor, windowFor, MAX_SCROLL_HEIGHT } from "./virtual-window";

export interface VirtualListHandle {
  /** Scrolls so that row `index` (0-based) is `align`ed in the viewport. */
  scrollToIndex: (index: number, align?: "start" | "nearest") => void;
}


interface VirtualListProps {
  count: number;
  /** Fixed row height in px. */
  rowHeight: number;
  /** Viewport height in px. */
  height: number;
  renderRow: (index: number) => ReactNode;
  /** Extra attributes of a row's listitem (its accessible name, aria-current). */
  rowProps?: (index: number) => Record<string, string | undefined>;
  /** Called with the rendered range whenever it changes (to fetch the pages it needs). */
  onRangeChange?: (start: number, end: number) => void;
  /** Row shown at the top on first render. */
  initialIndex?: number;
  label: string;
  className?: string;
  onKeyDown?: (event: React.KeyboardEvent<HTMLDivElement>) => void;
}

/** A scrolling list that renders only the rows in view (a few dozen DOM nodes for any length). */
export const VirtualList = forwardRef<VirtualListHandle, VirtualListProps>(function VirtualList(
  { count, rowHeight, height, renderRow, rowProps, onRangeChange, initialIndex = 0, label, className, onKeyDown },
  handle,
) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(() => scrollTopFor(count, rowHeight, height, initialIndex * rowHeight));
  const geometry = windowFor(count, rowHeight, height, scrollTop);

  // Apply the initial position once mounted (the server rendered the rows at it).
  useEffect(() => {
    if (!ref.current) return;
    ref.current.scrollTop = scrollTopFor(count, rowHeight, height, initialIndex * rowHeight);
    // A link to a rank (a permalink) brings the list itself into view.
    if (initialIndex > 0) ref.current.scrollIntoView({ block: "nearest" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    onRangeChange?.(geometry.start, geometry.end);
  }, [geometry.start, geometry.end, onRangeChange]);

  const scrollToIndex = useCallback(
    (index: number, align: "start" | "nearest" = "start") => {
      const element = ref.current;
      if (!element) return;
      const top = index * rowHeight;
      const current = windowFor(count, rowHeight, height, element.scrollTop, 0).virtualOffset;
      let target = top;
      if (align === "nearest") {
        if (top >= current && top + rowHeight <= current + height) return;
        target = top < current ? top : top + rowHeight - height;
      }
      const next = scrollTopFor(count, rowHeight, height, target);
      element.scrollTop = next;
      if (align === "start") element.scrollIntoView({ block: "nearest" });
      setScrollTop(next);
    },
    [count, rowHeight, height],
  );
  useImperativeHandle(handle, () => ({ scrollToIndex }), [scrollToIndex]);

  const full = count * rowHeight;
  const scrollHeight = Math.min(full, MAX_SCROLL_HEIGHT);
  const rows: ReactNode[] = [];
  for (let i = geometry.start; i <= geometry.end; i++) {
    // Position relative to the scroll content: the viewport top plus the row's offset from the virtual top.
    const top = scrollTop + (i * rowHeight - geometry.virtualOffset);
    rows.push(
      <div key={i} {...rowProps?.(i)} role="listitem" aria-posinset={i + 1} aria-setsize={count} style={{ position: "absolute", top, left: 0, right: 0, height: rowHeight }}>
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      tabIndex={0}
      role="list"
      aria-label={label}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      style={{ height, overflowY: "auto", position: "relative" }}
      className={className}
    >
      <div style={{ height: scrollHeight, position: "relative" }}>{rows}</div>
    </div>
  );
});
