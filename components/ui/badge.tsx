import type { ReactNode } from "react";
import { groupColor, sourceColor } from "@/components/palette";

/** A small label with a coloured dot (a query set, a source). */
export function Badge({ color, children }: { color: string; children: ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full border border-zinc-200 px-2 py-0.5 text-xs dark:border-zinc-700">
      <span aria-hidden className="size-2 rounded-full" style={{ backgroundColor: color }} />
      {children}
    </span>
  );
}

export function SetBadge({ set, control }: { set: string; control?: boolean }) {
  const key = control ? `${set}_control` : set;
  return <Badge color={groupColor(key)}>{control ? `${set} control` : set}</Badge>;
}

export function SourceBadge({ source }: { source: string }) {
  return <Badge color={sourceColor(source)}>{source}</Badge>;
}
