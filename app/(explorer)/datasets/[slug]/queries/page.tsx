import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SetBadge } from "@/components/ui/badge";
import { findDataset } from "@/lib/data/datasets";
import { listQueries } from "@/lib/data/queries";
import { listGroups } from "@/lib/data/statistics";
import { formatStat } from "@/lib/format";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const dataset = await findDataset((await params).slug);
  return { title: dataset ? `Queries · ${dataset.name}` : "Not found" };
}

export default async function DatasetPage({ params }: Props) {
  const { slug } = await params;
  const dataset = await findDataset(slug);
  if (!dataset) notFound();
  const [queries, groups] = await Promise.all([listQueries(dataset.id), listGroups(dataset.id)]);
  const byId = new Map(queries.map((q) => [q.id, q]));
  return (
    <div>
      <h2 className="sr-only">Queries</h2>
      {groups.map((group) => (
        <section key={group.key} className="mt-6" aria-labelledby={`group-${group.key}`}>
          <h2 id={`group-${group.key}`} className="text-lg font-semibold">
            {group.name} <span className="text-sm font-normal text-zinc-500">({group.kind}, {group.queryIds.length} queries)</span>
          </h2>
          <p className="text-sm text-zinc-500">
            mean power-law α {formatStat(group.alphaMean)} ± {formatStat(group.alphaStd)}
            {group.answerQueries > 0 ? ` · answer in top documents for ${group.answerHits} of ${group.answerQueries}` : ""}
          </p>
          <ul className="mt-2 divide-y divide-zinc-100 dark:divide-zinc-900">
            {group.queryIds.map((id) => {
              const q = byId.get(id)!;
              return (
                <li key={id} className="flex items-baseline gap-3 py-1.5 text-sm">
                  <SetBadge set={q.set} control={q.control} />
                  <Link href={`/datasets/${slug}/queries/${encodeURIComponent(id)}`} className="truncate hover:underline">
                    {q.prompt}
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
