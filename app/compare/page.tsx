import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { multiplierDomain } from "@/components/charts/multiplier-scale";
import { groupColor, NEUTRAL } from "@/components/palette";
import { Notices } from "@/components/ui/notice";
import { CopyLink } from "@/components/ui/copy-link";
import { compareView, type CompareSide } from "@/lib/data/views/compare";
import type { PaperModel } from "@/lib/data/views/compare-paper";
import type { SearchParams } from "@/lib/url-state";
import { CoveragePanel } from "./_components/coverage-panel";
import { COVERAGE_X_DOMAIN, coverageYMax } from "./_components/scales";
import { CrossDatasetPanel } from "./_components/cross-dataset-panel";
import { HeadlineTable } from "./_components/headline-table";
import { PaperCoverage, PaperHeatmaps, PaperMultipliers } from "./_components/paper-figures";
import { PaperPowerLaw } from "./_components/paper-power-law";
import { SidePicker } from "./_components/side-picker";
import { SourcesPanel } from "./_components/sources-panel";
import { TopDocuments } from "./_components/top-documents";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare" };

const SIDES = ["a", "b"] as const;

/** The sources panels' smallest log range: a tenth to ten times the corpus share. */
const SOURCE_DOMAIN: [number, number] = [0.1, 10];

export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { notices, datasets, a, b, matchForA, matchForB, cross, paper } = await compareView(await searchParams);
  const sides = [a, b] as const;

  // Shared scales: both sides' panels use one y range (coverage) and one log range and row order (sources).
  const coverageMax = coverageYMax(
    sides.flatMap((s) => s?.coverage.filter((p) => p.percentile <= COVERAGE_X_DOMAIN[1]).map((p) => p.mean + (p.std ?? 0)) ?? []),
  );
  const sourceDomain = multiplierDomain(sides.flatMap((s) => s?.sources.rows.map((r) => r.multiplier) ?? []), SOURCE_DOMAIN);
  const best = new Map<string, number>();
  for (const s of sides) for (const r of s?.sources.rows ?? []) best.set(r.source, Math.max(best.get(r.source) ?? 0, r.multiplier));
  const sourceOrder = [...best.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([source]) => source);

  const swapHref = `/compare?${new URLSearchParams({ ...(b ? { a: b.value } : {}), ...(a ? { b: a.value } : {}) }).toString()}`;
  const anyQuery = sides.some((s) => s?.query);
  const colorOf = (side: CompareSide) => (side.set ? groupColor(side.set) : NEUTRAL);

  return (
    <div>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Compare</h1>
          <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
            Two selections side by side: a whole dataset, a query group, or one query. Each panel uses the same axes on both
            sides, so a difference in height or position is a difference in the data.
          </p>
        </div>
        <div className="flex gap-2">
          {a || b ? (
            <Link href={swapHref} className="rounded border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900">
              Swap A and B
            </Link>
          ) : null}
          {a && b && a.dataset.slug !== b.dataset.slug ? (
            <Link href={`/agreement?${new URLSearchParams({ a: a.dataset.slug, b: b.dataset.slug }).toString()}`}
              className="rounded border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900">
              Agreement of the two datasets
            </Link>
          ) : null}
          <CopyLink />
        </div>
      </div>
      <div className="mt-4">
        <Notices notices={notices} />
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        {SIDES.map((name, i) => (
          <div key={name}>
            <SidePicker side={name} value={sides[i]?.value ?? ""} datasets={datasets} choices={sides[i]?.options ?? null} />
            {(name === "b" ? matchForB : matchForA) ? (
              <p className="mt-2 text-sm">
                <Link
                  className="text-blue-700 underline dark:text-blue-400"
                  href={`/compare?${new URLSearchParams(name === "b" ? { a: a!.value, b: matchForB! } : { a: matchForA!, b: b!.value }).toString()}`}
                >
                  Use the query with the same prompt in {name.toUpperCase()} ({(name === "b" ? matchForB : matchForA)!.split("/query/")[1]})
                </Link>
              </p>
            ) : null}
          </div>
        ))}
      </div>

      {!a && !b ? (
        <div className="mt-8 rounded-lg border border-dashed border-zinc-300 p-6 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          <p>Pick a dataset for each side, then optionally a group or a single query. For example:</p>
          <ul className="mt-2 list-disc pl-6 text-sm">
            {datasets.length >= 2 ? (
              <li>
                <Link className="text-blue-700 underline dark:text-blue-400" href={`/compare?a=${datasets[0]!.slug}/group/set:reasoning&b=${datasets[1]!.slug}/group/set:reasoning`}>
                  reasoning queries of {datasets[0]!.name} against {datasets[1]!.name}
                </Link>
              </li>
            ) : null}
            {datasets[0] ? (
              <li>
                <Link className="text-blue-700 underline dark:text-blue-400" href={`/compare?a=${datasets[0].slug}/group/set:factual&b=${datasets[0].slug}/group/set:reasoning`}>
                  factual against reasoning queries of {datasets[0].name}
                </Link>
              </li>
            ) : null}
          </ul>
        </div>
      ) : (
        <>
          <section aria-labelledby="headline-heading" className="mt-8">
            <h2 id="headline-heading" className="text-lg font-semibold">Headline numbers</h2>
            <HeadlineTable a={a} b={b} />
          </section>

          {paper ? (
            <Suspense fallback={<p className="mt-8 text-sm text-zinc-500 dark:text-zinc-400" role="status">Loading the paper&apos;s figures for the two datasets…</p>}>
              <PaperSection paper={paper} />
            </Suspense>
          ) : null}

          <section aria-labelledby="coverage-heading" className="mt-8">
            <h2 id="coverage-heading" className="text-lg font-semibold">Coverage of positive influence</h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Share of a query&apos;s total positive influence held by its top-k percent of positive documents; groups show the
              mean across queries with a band of ±1 standard deviation. Both sides share the axes (top 0.2–20% of documents,
              0–{coverageMax}% of influence).
            </p>
            <div className="mt-3 grid gap-6 md:grid-cols-2">
              {sides.map((side, i) => (
                <div key={SIDES[i]} aria-label={`Coverage, side ${SIDES[i]!.toUpperCase()}`} role="group">
                  <h3 className="mb-1 text-sm font-medium">{SIDES[i]!.toUpperCase()}: {side?.label ?? "nothing selected"}</h3>
                  {side ? (
                    <CoveragePanel name={`compare-${SIDES[i]}-coverage`} title={side.label} points={side.coverage} yMax={coverageMax} color={colorOf(side)} />
                  ) : (
                    <EmptySide side={SIDES[i]!} />
                  )}
                </div>
              ))}
            </div>
          </section>

          <section aria-labelledby="sources-heading" className="mt-8">
            <h2 id="sources-heading" className="text-lg font-semibold">Top source multipliers</h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              How over- or under-represented each pretraining source is among the top-k documents at the smallest k, relative to
              its share of the corpus (the vertical line at 1). Same rows and log scale on both sides.
            </p>
            <div className="mt-3 grid gap-6 md:grid-cols-2">
              {sides.map((side, i) => (
                <div key={SIDES[i]} aria-label={`Source multipliers, side ${SIDES[i]!.toUpperCase()}`} role="group">
                  <h3 className="mb-1 text-sm font-medium">
                    {SIDES[i]!.toUpperCase()}: {side?.label ?? "nothing selected"}
                    {side?.sources.k ? <span className="font-normal text-zinc-500 dark:text-zinc-400"> · top {side.sources.k}</span> : null}
                  </h3>
                  {side ? (
                    <SourcesPanel
                      name={`compare-${SIDES[i]}-sources`}
                      title={side.label}
                      k={side.sources.k}
                      rows={side.sources.rows}
                      order={sourceOrder}
                      domain={sourceDomain}
                      note={side.sources.note}
                    />
                  ) : (
                    <EmptySide side={SIDES[i]!} />
                  )}
                </div>
              ))}
            </div>
          </section>

          {anyQuery ? (
            <section aria-labelledby="documents-heading" className="mt-8">
              <h2 id="documents-heading" className="text-lg font-semibold">Top 10 documents</h2>
              <div className="mt-3 grid gap-6 md:grid-cols-2">
                {sides.map((side, i) => (
                  <div key={SIDES[i]}>
                    <h3 className="mb-1 text-sm font-medium">{SIDES[i]!.toUpperCase()}: {side?.label ?? "nothing selected"}</h3>
                    {side?.query && side.topDocuments ? (
                      <TopDocuments side={SIDES[i]!} slug={side.dataset.slug} query={side.query} documents={side.topDocuments} />
                    ) : (
                      <p className="rounded border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
                        Top documents are shown for a single query; pick one for side {SIDES[i]!.toUpperCase()}.
                      </p>
                    )}
                  </div>
                ))}
              </div>
            </section>
          ) : null}

          {a?.query && b?.query ? (
            <section aria-labelledby="cross-heading" className="mt-8">
              <h2 id="cross-heading" className="text-lg font-semibold">Across the two datasets</h2>
              {cross ? (
                <Suspense fallback={<p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400" role="status">Computing the cross-dataset correlation…</p>}>
                  <CrossDatasetPanel a={a} b={b} cross={cross} />
                </Suspense>
              ) : (
                <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
                  The cross-dataset correlation compares one prompt answered by two models; these two queries have different prompts.
                  {matchForB ? " Use the link under side B to pick the query with A's prompt." : ""}
                </p>
              )}
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}

/** The paper's layouts for the two sides' datasets (two models): heatmaps, the 2 x 2 multipliers, coverage, the power-law table. */
async function PaperSection({ paper }: { paper: Promise<[PaperModel | null, PaperModel | null]> }) {
  const models = (await paper).filter((m): m is PaperModel => m !== null);
  if (models.length < 2) return null;
  const [first, second] = models as [PaperModel, PaperModel];
  return (
    <section aria-labelledby="paper-heading" className="mt-8 space-y-6">
      <div>
        <h2 id="paper-heading" className="text-lg font-semibold">
          The paper&apos;s figures: {first.slug} and {second.slug}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The two datasets as Ruis et al. lay out two models: whole datasets, whatever group or query each side selects above.
        </p>
      </div>
      <div>
        <h3 className="text-base font-semibold">Pearson correlation between queries</h3>
        <PaperHeatmaps models={models} />
      </div>
      <div>
        <h3 className="text-base font-semibold">Source multipliers among the top-k documents</h3>
        <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">Rows: factual, reasoning; columns: {first.slug}, {second.slug}. One log scale for all four; 1 = the corpus share.</p>
        <PaperMultipliers models={models} />
      </div>
      <div>
        <h3 className="text-base font-semibold">Coverage of positive influence</h3>
        <PaperCoverage models={models} />
      </div>
      <div>
        <h3 className="text-base font-semibold">Power-law slopes</h3>
        <PaperPowerLaw models={models} />
      </div>
    </section>
  );
}

function EmptySide({ side }: { side: "a" | "b" }) {
  return (
    <p className="rounded border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
      Pick a dataset for side {side.toUpperCase()} above to compare against.
    </p>
  );
}
