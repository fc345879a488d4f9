import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CoverageSparkline } from "@/components/charts/coverage-sparkline";
import { HeatmapThumbnail } from "@/components/charts/heatmap-thumbnail";
import { groupColor, sourceColor } from "@/components/palette";
import { BreakableName } from "@/components/ui/breakable-name";
import { findDataset } from "@/lib/data/views/dataset";
import { overviewView, type SetHeadline } from "@/lib/data/views/overview";
import { retrievalView } from "@/lib/data/views/retrieval";
import { formatCount, formatStat, stars } from "@/lib/format";
import { OverviewCard, type SetValue } from "./_components/overview-card";
import { OverviewGroups } from "./_components/overview-groups";
import { RetrievalPanel } from "./_components/retrieval-panel";
import { ProvenanceSection } from "./_components/provenance-section";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const dataset = await findDataset((await params).slug);
  return { title: dataset ? `Overview · ${dataset.name}` : "Not found" };
}

const SETS = ["factual", "reasoning"] as const;

const percent = (value: number, digits = 1) => `${value.toFixed(digits)}%`;

/**
 * "p < 0.001 ***" style, as the paper's power-law table marks significance. Not
 * lib/format's formatP: that one prints small p as an exponent ("1.3e-5") for the
 * concentration table, where this card bounds it ("p < 0.001").
 */
function significance(p: number): string {
  const marks = stars(p);
  return `${p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`}${marks ? ` ${marks}` : ""}`;
}

export default async function DatasetOverviewPage({ params }: Props) {
  const { slug } = await params;
  const [overview, retrieval] = await Promise.all([overviewView(slug), retrievalView(slug)]);
  if (!overview) notFound();
  const { dataset } = overview;
  const bySet = new Map(overview.sets.map((s) => [s.set, s]));
  const base = `/datasets/${slug}`;
  /** One value per set (factual, reasoning); a missing set shows a dash and says so. */
  const values = (pick: (s: SetHeadline) => Omit<SetValue, "set">): SetValue[] =>
    SETS.map((set) => {
      const headline = bySet.get(set);
      return headline ? { set, ...pick(headline) } : { set, value: null, detail: `no ${set} queries` };
    });
  const missingSets = SETS.filter((s) => !bySet.has(s));
  const test = overview.alphaTest?.test ?? null;
  const enrichmentK = overview.sets.find((s) => s.enrichment)?.enrichment?.k ?? null;
  const anyAnswers = overview.sets.some((s) => s.answerQueries > 0);

  return (
    <div>
      <h2 className="sr-only">Overview</h2>
      {dataset.description ? <p className="max-w-4xl text-sm text-zinc-600 dark:text-zinc-400">{dataset.description}</p> : null}
      {missingSets.length > 0 ? (
        <p role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          This dataset has no {missingSets.join(" or ")} queries (outside the controls), so that side of each card is empty.
        </p>
      ) : null}

      <h2 className="mt-6 text-lg font-semibold">Factual vs reasoning at a glance</h2>
      <div className="mt-3 grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <OverviewCard
          id="transfer"
          title="Transfer"
          measure="Mean Pearson r between queries of the same set"
          values={values((s) => ({
            value: formatStat(s.pearson, 2) === "—" ? null : formatStat(s.pearson, 2),
            detail:
              s.taskPearson.length > 0
                ? `within task: ${s.taskPearson.map((t) => `${t.name} ${formatStat(t.mean, 2)}`).join(", ")}`
                : `${formatCount(s.pearsonPairs)} query pairs`,
          }))}
          explanation="How alike two queries' influence scores are over all documents: a high r means the same documents help every query of the set, as when queries share a procedure."
          chart={
            overview.heatmap ? (
              <HeatmapThumbnail size={overview.heatmap.size} cells={overview.heatmap.cells} label={`Thumbnail of the Pearson heatmap of all ${overview.heatmap.size} queries, ordered by group`} />
            ) : undefined
          }
          href={`${base}/transfer`}
          view="Transfer"
        />
        <OverviewCard
          id="distribution"
          title="Distribution"
          measure="Share of total positive influence held by the top 5% of positive documents"
          values={values((s) => ({
            value: s.top5 ? percent(s.top5.mean) : null,
            detail: [
              s.shareProblem ? `not shown: ${s.shareProblem}` : null,
              s.top5 ? `± ${formatStat(s.top5.std, 1)} across queries` : null,
              s.top1 ? `top 1%: ${percent(s.top1.mean)} ± ${formatStat(s.top1.std, 1)}` : null,
              s.perNatTotal ? `total per nat: ${s.perNatTotal.mean.toExponential(2)}` : null,
            ]
              .filter(Boolean)
              .map((line) => <span key={line} className="block">{line}</span>),
          }))}
          explanation="The mean over a set's queries of how much of its positive influence its most influential documents carry: a lower share means the set draws on a broader, more diffuse set of documents."
          chart={
            <CoverageSparkline
              series={overview.sets.map((s) => ({ key: s.key, label: s.set, color: groupColor(s.set), points: s.coverage }))}
              label={`Coverage curves of ${overview.sets.map((s) => s.set).join(" and ")}: % of positive influence against the top 0.2 to 20% of documents`}
            />
          }
          href={`${base}/distribution`}
          view="Distribution"
        />
        <OverviewCard
          id="power-law"
          title="Power law"
          measure={`Mean power-law α ± std over the set's queries, fitted over ${overview.alphaBasis} ranks`}
          values={values((s) => ({
            value: s.alphaMean === null ? null : formatStat(s.alphaMean, 3),
            detail: s.alphaN === 0 ? "no fit with enough points" : `${s.alphaStd === null ? "" : `± ${formatStat(s.alphaStd, 3)}, `}n = ${s.alphaN} ${s.alphaN === 1 ? "query" : "queries"}`,
          }))}
          footer={
            test && overview.alphaTest ? (
              <>
                Welch t-test, reasoning vs factual (n = {overview.alphaTest.reasoning.n} vs {overview.alphaTest.factual.n}): t = {formatStat(test.t, 2)}, {significance(test.p)}
              </>
            ) : (
              `No t-test: ${overview.alphaTest?.problem ?? "a set has too few fitted queries"}.`
            )
          }
          explanation={
            overview.alphaBasis === "global"
              ? "The slope of log influence against log global rank (each document's rank among the full corpus, as the paper fits it): a more negative α means influence falls off faster with rank."
              : "The slope of log influence against log rank over a query's top positive documents: a more negative α means influence falls off faster with rank."
          }
          href={`${base}/concentration`}
          view="Concentration"
        />
        <OverviewCard
          id="answers"
          title="Answer occurrence"
          measure={`Queries whose answer appears in one of their top ${overview.answerK === null ? "" : `${overview.answerK} `}documents`}
          values={values((s) => ({
            value: s.answerQueries > 0 ? percent((100 * s.answerHits) / s.answerQueries) : null,
            detail:
              s.answerQueries === 0 ? (
                "no answers given"
              ) : (
                <>
                  <span className="block">{`${s.answerHits} of ${s.answerQueries} queries with an answer`}</span>
                  {s.answerByCorrectness
                    ? (["correct", "incorrect"] as const).map((c) => {
                        const { hits, withAnswer } = s.answerByCorrectness![c];
                        return (
                          <span key={c} className="block" data-testid={`answers-${c}`}>
                            {c === "correct" ? "correctly answered" : "incorrectly answered"}: {withAnswer > 0 ? `${percent((100 * hits) / withAnswer, 0)} (${hits} of ${withAnswer})` : "none"}
                          </span>
                        );
                      })
                    : null}
                </>
              ),
          }))}
          footer={anyAnswers ? null : "No answers in this dataset: its queries carry no answer strings to look for."}
          explanation="Whether the answer string itself is in the most influential documents: expected for factual recall, rare when the model applies a procedure."
          href={`${base}/concentration`}
          view="Concentration"
        />
        <OverviewCard
          id="sources"
          title="Sources"
          measure={`Most over-represented sources among the ${enrichmentK === null ? "top-k" : `top ${enrichmentK}`} documents`}
          values={values((s) => ({
            value: s.enrichment?.sources[0] ? `${formatStat(s.enrichment.sources[0].multiplier, 1)}×` : null,
            detail: s.enrichment ? (
              s.enrichment.sources.length > 0 ? (
                <ul aria-label={`Over-represented sources, ${s.set}`} className="mt-1 space-y-0.5">
                  {s.enrichment.sources.map((src) => (
                    <li key={src.source} className="flex items-center gap-1.5">
                      <span aria-hidden className="size-2 shrink-0 rounded-full" style={{ backgroundColor: sourceColor(src.source) }} />
                      <span className="min-w-0">
                        <BreakableName name={src.source} />
                      </span>
                      <span className="ml-auto tabular-nums">{formatStat(src.multiplier, 1)}×</span>
                    </li>
                  ))}
                </ul>
              ) : (
                "no source above its corpus share"
              )
            ) : undefined,
          }))}
          footer={overview.enrichmentNote}
          explanation="A source's share of the set's pooled top-k documents divided by its share of the corpus: 1 means as often as in the corpus, 10× means ten times as often."
          href={`${base}/concentration`}
          view="Concentration"
        />
      </div>

      <RetrievalPanel slug={slug} retrieval={retrieval} />

      <OverviewGroups slug={slug} groups={overview.groups} />
      <ProvenanceSection provenance={overview.provenance} />
    </div>
  );
}
