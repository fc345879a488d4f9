import type { Metadata } from "next";
import Link from "next/link";
import { AgreementStrip } from "@/components/charts/agreement-strip";
import { JaccardCurve } from "@/components/charts/jaccard-curve";
import { CopyLink } from "@/components/ui/copy-link";
import { RetrievalTable } from "@/components/ui/retrieval-table";
import { Notices } from "@/components/ui/notice";
import { agreementView, type DatasetChoice, type PlacedDocument } from "@/lib/data/views/agreement";
import { formatCount, formatScore, formatStat } from "@/lib/format";
import type { SearchParams } from "@/lib/url-state";
import { AgreementTable } from "./_components/agreement-table";
import { PairPicker } from "./_components/pair-picker";
import { QueryPicker } from "./_components/query-picker";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Agreement" };

const linkClass = "text-blue-700 underline dark:text-blue-400";
const muted = "text-sm text-zinc-600 dark:text-zinc-400";

const href = (params: Record<string, string>) => `/agreement?${new URLSearchParams(params).toString()}`;
const describe = (d: DatasetChoice) => `${d.name}${d.method ? ` (${d.method})` : ""}`;

export default async function AgreementPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const view = await agreementView(await searchParams);
  const { a, b, agreement, groups, rows, query } = view;
  const pair = a && b ? { a: a.slug, b: b.slug } : null;
  const queryLinks = Object.fromEntries(rows.map((r) => [r.queryId, `${href({ ...pair!, q: r.queryId })}#query`]));
  const strip = (metric: "pearson" | "spearman") =>
    groups.flatMap((g) => g.queryIds.map((id) => ({ queryId: id, groupKey: g.key, value: rows.find((r) => r.queryId === id)?.[metric] ?? null })));
  const overall = (metric: "pearson" | "spearman") => {
    const values = rows.map((r) => r[metric]).filter((v): v is number => v !== null);
    return values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
  };

  return (
    <div>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Agreement</h1>
          <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
            How far two datasets (two attribution methods, models or settings) agree, query by query, over the queries and
            documents they share by id: Pearson and Spearman correlation of their scores, and the Jaccard overlap of their top-k
            documents. Computed once for a pair and kept.
          </p>
        </div>
        <div className="flex gap-2">
          {a || b ? (
            <Link href={href({ ...(b ? { a: b.slug } : {}), ...(a ? { b: a.slug } : {}), ...(view.queryId ? { q: view.queryId } : {}) })}
              className="rounded border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900">
              Swap A and B
            </Link>
          ) : null}
          <CopyLink />
        </div>
      </div>
      <div className="mt-4">
        <Notices notices={view.notices} />
      </div>
      <PairPicker a={view.slugA} b={view.slugB} datasets={view.datasets} />

      {!agreement || !a || !b ? (
        <div className="mt-8 rounded-lg border border-dashed border-zinc-300 p-6 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          <p>Choose two datasets that share queries and documents (by id).</p>
          {view.suggestion ? (
            <p className="mt-2 text-sm">
              For example:{" "}
              <Link className={linkClass} href={href(view.suggestion)}>
                {view.suggestion.a} against {view.suggestion.b}
              </Link>
            </p>
          ) : null}
        </div>
      ) : (
        <>
          <section aria-labelledby="summary-heading" className="mt-6">
            <h2 id="summary-heading" className="sr-only">Summary</h2>
            <p className="text-sm">
              <strong>A</strong>: <Link className={linkClass} href={`/datasets/${a.slug}`}>{describe(a)}</Link> ·{" "}
              <strong>B</strong>: <Link className={linkClass} href={`/datasets/${b.slug}`}>{describe(b)}</Link>
            </p>
            <dl className="mt-2 flex flex-wrap gap-6 text-sm">
              <div><dt className="text-zinc-500">shared queries</dt><dd className="text-lg font-semibold tabular-nums">{formatCount(agreement.queriesShared)}</dd></div>
              <div><dt className="text-zinc-500">shared documents</dt><dd className="text-lg font-semibold tabular-nums">{formatCount(agreement.documentsShared)}</dd></div>
              <div><dt className="text-zinc-500">mean Pearson r</dt><dd className="text-lg font-semibold tabular-nums">{formatStat(overall("pearson"))}</dd></div>
              <div><dt className="text-zinc-500">mean Spearman ρ</dt><dd className="text-lg font-semibold tabular-nums">{formatStat(overall("spearman"))}</dd></div>
            </dl>
          </section>

          <section aria-labelledby="groups-heading" className="mt-8">
            <h2 id="groups-heading" className="text-lg font-semibold">By query group</h2>
            <p className={muted}>
              Each dot is one shared query&apos;s correlation between A&apos;s and B&apos;s scores over the shared documents; the bar
              is the group mean. A query appears in its set&apos;s row and its task&apos;s.
            </p>
            <div className="mt-3 grid gap-6 lg:grid-cols-2">
              {(["pearson", "spearman"] as const).map((metric) => (
                <div key={metric} role="group" aria-label={metric === "pearson" ? "Pearson r by group" : "Spearman ρ by group"}>
                  <h3 className="mb-1 text-sm font-medium">{metric === "pearson" ? "Pearson r" : "Spearman ρ"}</h3>
                  <AgreementStrip
                    name={`agreement-${a.slug}-${b.slug}-${metric}`}
                    title={`Agreement per query: ${metric === "pearson" ? "Pearson r" : "Spearman ρ"} by group`}
                    dataset={`${a.slug} vs ${b.slug}`}
                    metric={metric === "pearson" ? "Pearson r" : "Spearman ρ"}
                    groups={groups.map((g) => ({ key: g.key, label: g.label, colorKey: g.colorKey, mean: metric === "pearson" ? g.meanPearson : g.meanSpearman }))}
                    values={strip(metric)}
                  />
                </div>
              ))}
            </div>
          </section>

          <section aria-labelledby="jaccard-heading" className="mt-8">
            <h2 id="jaccard-heading" className="text-lg font-semibold">Top-k overlap</h2>
            <p className={muted}>
              Mean Jaccard overlap |A ∩ B| / |A ∪ B| of the two datasets&apos; top-k documents per group, for k up to a tenth of the
              shared documents (1 = the same top-k set, 0 = disjoint).
            </p>
            <div className="mt-3 max-w-3xl">
              <JaccardCurve
                name={`agreement-${a.slug}-${b.slug}-jaccard`}
                title="Mean top-k Jaccard overlap against k"
                dataset={`${a.slug} vs ${b.slug}`}
                ks={agreement.ks}
                series={groups.map((g) => ({ key: g.key, label: g.label, colorKey: g.colorKey, points: g.jaccard }))}
              />
            </div>
          </section>

          {view.retrieval.a || view.retrieval.b ? (
            <section aria-labelledby="retrieval-heading" className="mt-8">
              <h2 id="retrieval-heading" className="text-lg font-semibold">Against ground truth</h2>
              <p className={muted}>
                Each dataset&apos;s ranking evaluated against its own ground truth (documents known to be relevant to a query):
                per group, the mean reciprocal rank of the first relevant document (MRR) and mean recall@k and precision@k.
              </p>
              <div className="mt-3 grid gap-6 xl:grid-cols-2">
                {([["A", a, view.retrieval.a], ["B", b, view.retrieval.b]] as const).map(([side, dataset, retrieval]) => (
                  <div key={side}>
                    <h3 className="mb-1 text-sm font-medium">{side}: {dataset.slug}</h3>
                    {retrieval ? (
                      <RetrievalTable label={`Retrieval of ${side} (${dataset.slug})`} ks={retrieval.ks} groups={retrieval.groups} />
                    ) : (
                      <p className={muted}>{dataset.slug} has no ground truth (ingest it with --relevant).</p>
                    )}
                  </div>
                ))}
              </div>
            </section>
          ) : null}

          <section aria-labelledby="table-heading" className="mt-8">
            <h2 id="table-heading" className="text-lg font-semibold">Per query</h2>
            <p className={muted}>Click a column to sort; a query id shows both rankings below.</p>
            <div className="mt-3">
              <AgreementTable rows={rows} ks={agreement.ks} hrefFor={queryLinks} name={`agreement-${a.slug}-${b.slug}`} />
            </div>
          </section>

          <section id="query" aria-labelledby="query-heading" className="mt-8 scroll-mt-4">
            <h2 id="query-heading" className="text-lg font-semibold">One query, both rankings</h2>
            <div className="mt-2">
              <QueryPicker value={view.queryId} queries={rows.map((r) => ({ id: r.queryId, label: `${r.queryId} · ${r.prompt}` }))} />
            </div>
            {query ? (
              <>
                <p className="mt-3 text-sm">
                  <span className="font-medium">{query.queryId}</span>: {query.prompt}
                </p>
                <p className={muted}>
                  Ranks are among the {formatCount(query.documentsShared)} shared documents (1 = the highest score).{" "}
                  <Link className={linkClass} href={`/datasets/${a.slug}/queries/${encodeURIComponent(query.queryId)}`}>The query in A</Link> ·{" "}
                  <Link className={linkClass} href={`/datasets/${b.slug}/queries/${encodeURIComponent(query.queryId)}`}>in B</Link>
                </p>
                <div className="mt-3 grid gap-6 md:grid-cols-2">
                  <RankedList label={`Top ${query.topA.length} of A (${a.slug})`} own="A" documents={query.topA} slug={a.slug} level={3} />
                  <RankedList label={`Top ${query.topB.length} of B (${b.slug})`} own="B" documents={query.topB} slug={b.slug} level={3} />
                </div>
                <h3 className="mt-6 text-base font-semibold">Largest disagreements</h3>
                <p className={muted}>
                  Documents in one dataset&apos;s top {formatCount(query.disagreementTop)} that the other ranks lowest, with both ranks.
                </p>
                <div className="mt-3 grid gap-6 md:grid-cols-2">
                  <RankedList label={`In A's top ${query.disagreementTop}, lowest in B`} own="A" documents={query.lowInB} slug={a.slug} level={4} />
                  <RankedList label={`In B's top ${query.disagreementTop}, lowest in A`} own="B" documents={query.lowInA} slug={b.slug} level={4} />
                </div>
              </>
            ) : (
              <p className={`mt-2 ${muted}`}>Choose a query (or click its id in the table) to see both rankings side by side.</p>
            )}
          </section>
        </>
      )}
    </div>
  );
}

/** A list of documents with their rank under both datasets; `own` is the dataset whose list it is. */
function RankedList({ label, own, documents, slug, level }: { label: string; own: "A" | "B"; documents: PlacedDocument[]; slug: string; level: 3 | 4 }) {
  const cell = "px-2 py-1";
  const Heading = level === 3 ? "h3" : "h4";
  return (
    <div>
      <Heading className="mb-1 text-sm font-medium">{label}</Heading>
      <table className="w-full text-sm tabular-nums" aria-label={label}>
        <thead>
          <tr className="border-b border-zinc-200 text-left text-zinc-500 dark:border-zinc-800">
            <th scope="col" className={`${cell} text-right font-normal`}>rank in A</th>
            <th scope="col" className={`${cell} text-right font-normal`}>rank in B</th>
            <th scope="col" className={`${cell} font-normal`}>document</th>
            <th scope="col" className={`${cell} font-normal`}>source</th>
            <th scope="col" className={`${cell} text-right font-normal`}>score {own}</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.documentId} className="border-b border-zinc-100 last:border-0 dark:border-zinc-900">
              <td className={`${cell} text-right ${own === "A" ? "font-medium" : ""}`}>{formatCount(d.rankA)}</td>
              <td className={`${cell} text-right ${own === "B" ? "font-medium" : ""}`}>{formatCount(d.rankB)}</td>
              <td className={cell}>
                <Link className={linkClass} href={`/datasets/${slug}/documents/${encodeURIComponent(d.documentId)}`}>{d.documentId}</Link>
              </td>
              <td className={cell}>{d.source}</td>
              <td className={`${cell} text-right`}>{formatScore(own === "A" ? d.scoreA : d.scoreB)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
