import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { CopyLink } from "@/components/ui/copy-link";
import { findDataset } from "@/lib/data/views/dataset";
import { formatCount } from "@/lib/format";
import { DatasetNav } from "./_components/dataset-nav";

export const dynamic = "force-dynamic";

export default async function DatasetLayout({ params, children }: { params: Promise<{ slug: string }>; children: ReactNode }) {
  const { slug } = await params;
  const dataset = await findDataset(slug);
  if (!dataset) notFound();
  return (
    <div>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="text-sm text-zinc-500">
            <Link href="/" className="hover:underline">Datasets</Link> /
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">
            <Link href={`/datasets/${slug}`}>{dataset.name}</Link>
            {dataset.synthetic ? (
              <span className="ml-2 align-middle rounded bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-800 dark:bg-violet-950 dark:text-violet-200">
                synthetic
              </span>
            ) : null}
          </h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {[dataset.model, dataset.method].filter(Boolean).join(" · ")}
            {dataset.model || dataset.method ? " · " : ""}
            {formatCount(dataset.queryCount)} queries × {formatCount(dataset.documentCount)} documents
          </p>
        </div>
        <CopyLink />
      </div>
      <DatasetNav slug={slug} />
      <div className="mt-6">{children}</div>
    </div>
  );
}
