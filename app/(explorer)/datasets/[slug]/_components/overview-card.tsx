import Link from "next/link";
import type { ReactNode } from "react";
import { SetBadge } from "@/components/ui/badge";

export interface SetValue {
  set: string;
  /** The headline number, formatted; null when the set is missing or the number undefined. */
  value: string | null;
  /** A second line: spread, counts, a breakdown. */
  detail?: ReactNode;
}

/**
 * One finding as a card: the headline number for the factual and the reasoning set side
 * by side, a sentence on what the number means, and a link to the view that shows it.
 */
export function OverviewCard({
  id,
  title,
  measure,
  values,
  explanation,
  footer,
  chart,
  href,
  view,
}: {
  id: string;
  title: string;
  /** What the numbers are, e.g. "Mean within-set Pearson r". */
  measure: string;
  values: SetValue[];
  explanation: ReactNode;
  footer?: ReactNode;
  /** A small chart beside the numbers (a heatmap thumbnail, coverage curves). */
  chart?: ReactNode;
  href: string;
  view: string;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h3 id={`${id}-heading`} className="font-semibold">{title}</h3>
      <p className="text-sm text-zinc-500 dark:text-zinc-400">{measure}</p>
      <div className="mt-3 grid grid-cols-2 gap-4">
        {values.map((v) => (
          <div key={v.set} role="group" aria-label={v.set}>
            <SetBadge set={v.set} />
            <p className="mt-1 text-2xl font-semibold tabular-nums">{v.value ?? <span aria-label="not available">—</span>}</p>
            {v.detail ? <div className="text-xs text-zinc-600 dark:text-zinc-400">{v.detail}</div> : null}
          </div>
        ))}
      </div>
      {chart ? <div className="mt-3 flex justify-center">{chart}</div> : null}
      {footer ? <div className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">{footer}</div> : null}
      <p className="mt-3 flex-1 text-sm text-zinc-600 dark:text-zinc-400">{explanation}</p>
      <p className="mt-3 text-sm">
        <Link href={href} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
          Open {view} →<span className="sr-only"> for {title.toLowerCase()}</span>
        </Link>
      </p>
    </section>
  );
}
