import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SetBadge, SourceBadge } from "@/components/ui/badge";
import { Notices } from "@/components/ui/notice";
import { findDataset } from "@/lib/data/datasets";
import { findQuery, rankedDocuments } from "@/lib/data/queries";
import { formatCount, formatScore, formatStat } from "@/lib/format";
import { parseViewParams, QUERY_PAGE_SIZE, queryViewParams, type SearchParams } from "@/lib/url-state";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; id: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  return { title: `Query ${decodeURIComponent(id)} · ${slug}` };
}

export default async function QueryPage({ params, searchParams }: Props) {
  const { slug, id: rawId } = await params;
  const id = decodeURIComponent(rawId);
  const { values, notices } = parseViewParams(queryViewParams, await searchParams);
  const dataset = await findDataset(slug);
  if (!dataset) notFound();
  const query = await findQuery(dataset.id, id);
  if (!query) notFound();

  const pages = Math.max(1, Math.ceil(dataset.documentCount / QUERY_PAGE_SIZE));
  const page = Math.min(values.page, pages);
  if (page !== values.page) notices.push(`Page ${values.page} is past the last page; showing page ${pages}.`);
  const offset = (page - 1) * QUERY_PAGE_SIZE;
  const items = await rankedDocuments(dataset.id, query.index, values.order, offset, QUERY_PAGE_SIZE);
  const base = `/datasets/${slug}/queries/${encodeURIComponent(id)}`;
  const href = (order: string, p: number) => `${base}?order=${order}&page=${p}`;

  return (
    <div>
      <Notices notices={notices} />
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-xl font-semibold tracking-tight">Query {query.id}</h2>
        <SetBadge set={query.set} control={query.control} />
        <span className="text-sm text-zinc-500">{query.type}</span>
        {query.correct !== null ? (
          <span className="text-sm text-zinc-500">{query.correct ? "answered correctly" : "answered incorrectly"}</span>
        ) : null}
      </div>
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        <section aria-labelledby="prompt-heading" className="rounded border border-zinc-200 p-3 dark:border-zinc-800">
          <h3 id="prompt-heading" className="text-xs font-semibold uppercase text-zinc-500">Prompt</h3>
          <p className="mt-1 whitespace-pre-wrap">{query.prompt}</p>
        </section>
        <section aria-labelledby="completion-heading" className="rounded border border-zinc-200 p-3 dark:border-zinc-800">
          <h3 id="completion-heading" className="text-xs font-semibold uppercase text-zinc-500">Completion</h3>
          <p className="mt-1 whitespace-pre-wrap">{query.completion}</p>
        </section>
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <dt className="text-zinc-500">Positive documents</dt>
        <dd>{formatCount(query.positiveCount)}</dd>
        <dt className="text-zinc-500">Power-law α (top 500)</dt>
        <dd>{formatStat(query.alpha)} ± {formatStat(query.alphaStderr)}</dd>
        <dt className="text-zinc-500">Gini (positive)</dt>
        <dd>{formatStat(query.gini)}</dd>
        <dt className="text-zinc-500">Top 1% share</dt>
        <dd>{formatStat(query.top1Share, 1)}%</dd>
        {query.answer !== null ? (
          <>
            <dt className="text-zinc-500">Answer</dt>
            <dd>{query.answer}</dd>
            <dt className="text-zinc-500">Answer in top {query.answerK}</dt>
            <dd>{query.answerRanks?.length ? `yes, at rank ${query.answerRanks.join(", ")}` : "no"}</dd>
          </>
        ) : null}
      </dl>

      <section className="mt-8" aria-labelledby="ranked-heading">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id="ranked-heading" className="text-lg font-semibold">Ranked documents</h3>
          <nav aria-label="Ranking" className="flex gap-1 text-sm">
            {(["top", "bottom"] as const).map((order) => (
              <Link
                key={order}
                href={href(order, 1)}
                aria-current={values.order === order ? "page" : undefined}
                className={`rounded px-3 py-1 ${values.order === order ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "border border-zinc-300 dark:border-zinc-700"}`}
              >
                {order === "top" ? "Most positive" : "Most negative"}
              </Link>
            ))}
          </nav>
        </div>
        <table className="mt-3 w-full table-fixed text-sm">
          <caption className="sr-only">
            {values.order === "top" ? "Most positively" : "Most negatively"} influential documents, ranks {offset + 1} to {offset + items.length}
          </caption>
          <thead className="text-left text-xs uppercase text-zinc-500">
            <tr>
              <th scope="col" className="w-20 py-1">Rank</th>
              <th scope="col" className="w-28 py-1 text-right">Score</th>
              <th scope="col" className="w-40 py-1 pl-4">Source</th>
              {dataset.hasGlobalRanks ? <th scope="col" className="w-28 py-1">Rank of 5M</th> : null}
              <th scope="col" className="py-1">Document</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 align-top dark:divide-zinc-900">
            {items.map((item) => (
              <tr key={item.rank}>
                <td className="py-1.5 tabular-nums">{formatCount(item.rank)}</td>
                <td className="py-1.5 text-right font-mono tabular-nums">{formatScore(item.score)}</td>
                <td className="py-1.5 pl-4"><SourceBadge source={item.source} /></td>
                {dataset.hasGlobalRanks ? (
                  <td className="py-1.5 tabular-nums">{item.globalRank === null ? "—" : formatCount(item.globalRank + 1)}</td>
                ) : null}
                <td className="py-1.5">
                  <span className="font-mono text-xs text-zinc-500">{item.documentId}</span>
                  <p className="line-clamp-2 text-zinc-700 dark:text-zinc-300">{item.text ?? "(no text)"}</p>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm">
          {page > 1 ? <Link href={href(values.order, page - 1)} className="underline">Previous</Link> : <span className="text-zinc-400">Previous</span>}
          <span>
            Page {formatCount(page)} of {formatCount(pages)}
          </span>
          {page < pages ? <Link href={href(values.order, page + 1)} className="underline">Next</Link> : <span className="text-zinc-400">Next</span>}
        </nav>
      </section>
    </div>
  );
}
