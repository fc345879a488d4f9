import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { MIN_DOCUMENTS_FOR_ENRICHMENT, MIN_FIT_POINTS, MIN_TEST_QUERIES } from "@/lib/domain/ks";
import { Notices } from "@/components/ui/notice";
import { concentrationView } from "@/lib/data/views/concentration";
import { findDataset } from "@/lib/data/views/dataset";
import { formatCount } from "@/lib/format";
import type { SearchParams } from "@/lib/url-state";
import { AnswerBars } from "./_components/answer-bars";
import { AnswerDepth } from "./_components/answer-depth";
import { LabelEnrichment } from "./_components/label-enrichment";
import { CorpusSources } from "./_components/corpus-sources";
import { MultiplierPanels } from "./_components/multiplier-panels";
import { PowerLawTable } from "./_components/power-law-table";
import { TaskDocuments } from "./_components/task-documents";
import { TaskSelect, ToggleGroup } from "./_components/view-controls";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const dataset = await findDataset((await params).slug);
  return { title: dataset ? `Concentration · ${dataset.name}` : "Not found" };
}

function Section({ id, title, intro, children, actions }: { id: string; title: string; intro?: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8 first:mt-0">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {intro ? <p className="mt-1 mb-3 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{intro}</p> : null}
      {children}
    </section>
  );
}

export default async function ConcentrationPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const view = await concentrationView(slug, await searchParams);
  if (!view) notFound();
  const { notices } = view;
  const { tail, groups } = view.values;

  return (
    <div>
      <Notices notices={notices} />
      <Section
        id="multipliers"
        title="Which sources the most influential documents come from"
        intro={
          <>
            For each group, the share of a source among the {tail}-k documents of every query (pooled) divided by its share of the
            corpus: above 1 the source is over-represented, below 1 under-represented. Both axes are logarithmic.
          </>
        }
        actions={
          <div className="flex flex-wrap gap-4">
            {view.ks.length === 0 ? null : (
            <ToggleGroup
              param="tail"
              label="Tail"
              value={tail}
              defaultValue="top"
              options={[
                { value: "top", label: "Top (most positive)" },
                { value: "bottom", label: "Bottom (most negative)" },
              ]}
            />
            )}
            <ToggleGroup
              param="groups"
              label="Groups"
              value={groups}
              defaultValue="sets"
              options={[
                { value: "sets", label: "Sets" },
                { value: "types", label: "Task types" },
              ]}
            />
          </div>
        }
      >
        {view.ks.length === 0 ? (
          <div role="note" className="rounded border border-zinc-200 p-4 dark:border-zinc-800">
            <p className="text-sm font-medium">No source multipliers for this dataset.</p>
            <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
              {view.documentCount < MIN_DOCUMENTS_FOR_ENRICHMENT ? (
                <>
                  This dataset has {formatCount(view.documentCount)} documents. A multiplier compares a source&apos;s share among each
                  query&apos;s top-k documents with its share of the whole corpus, and is computed only for k ≤ D/10 (k = 50,
                  500, 5,000, …) so that the top-k is a small tail of the ranking; the smallest k, 50, needs at least{" "}
                  {formatCount(MIN_DOCUMENTS_FOR_ENRICHMENT)} documents. With so few documents (a curated selection rather than a
                  ranked corpus) the question has no meaningful answer. These are the documents per source it holds:
                </>
              ) : (
                <>No multipliers were stored at ingest for this dataset. These are its documents per source:</>
              )}
            </p>
            <div className="mt-3">
              <CorpusSources slug={slug} corpus={view.corpus} />
            </div>
          </div>
        ) : (
          <MultiplierPanels slug={slug} tail={tail} ks={view.ks} panels={view.panels} corpus={view.corpus} />
        )}
      </Section>

      {view.labels.length > 0 ? (
        <Section
          id="labels"
          title="Document labels"
          intro={
            <>
              Each document label value as the sources above: its share among the {tail}-k documents of every query in the group, pooled,
              over its share of the corpus (1× = as in the corpus).
            </>
          }
        >
          <LabelEnrichment slug={slug} tail={tail} ks={view.ks} tables={view.labels} />
        </Section>
      ) : null}

      <Section
        id="power-law"
        title="Power law"
        intro={
          <>
            {view.powerLaw.basis === "global" ? (
              <>
                Shown: α over <strong>global ranks</strong>, the slope of log score against log rank among the full corpus the
                dataset&apos;s documents were drawn from (as the paper fits it), over each query&apos;s positive documents with a known
                global rank.
              </>
            ) : (
              <>
                Shown: α over <strong>local ranks</strong>, the slope of log score against log rank among this dataset&apos;s documents,
                over each query&apos;s top 500 positive documents (or all of them when fewer).
              </>
            )}{" "}
            A least-squares fit: the more negative, the faster influence falls off from the top documents. Mean ± sample standard
            deviation across the group&apos;s queries (n = queries whose fit is shown). A fit is shown with at least {MIN_FIT_POINTS} points
            {view.powerLaw.basis === "local" ? " over ranks within a tenth of the documents" : ""}; a t-test with at least {MIN_TEST_QUERIES} shown fits in each set.
            {view.powerLaw.shown < view.powerLaw.fitted
              ? ` Here ${view.powerLaw.fitted - view.powerLaw.shown} of ${view.powerLaw.fitted} fits are too small to show.`
              : ""}
          </>
        }
        actions={
          view.powerLaw.hasGlobalRanks ? (
            <ToggleGroup
              param="ranks"
              label="Fitted over"
              value={view.powerLaw.basis}
              defaultValue="global"
              options={[
                { value: "global", label: "Global ranks" },
                { value: "local", label: "Local ranks" },
              ]}
            />
          ) : undefined
        }
      >
        <PowerLawTable slug={slug} rows={view.powerLaw.rows} tests={view.powerLaw.tests} />
      </Section>

      <Section
        id="answers"
        title="Answer occurrence"
        intro={
          view.answerK !== null ? (
            <>
              Of the queries with an answer, the percentage whose answer text appears in at least one of their top{" "}
              {formatCount(view.answerK)} documents, split by whether the model answered correctly.
            </>
          ) : undefined
        }
      >
        {view.answerK === null || view.answers.length === 0 ? (
          <p role="note" className="rounded border border-zinc-200 p-4 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            This dataset has no answers for its queries, so there is nothing to look for in the documents.
          </p>
        ) : (
          <AnswerBars slug={slug} rows={view.answers} answerK={view.answerK} />
        )}
      </Section>

      {view.answerDepth.queries.length > 0 ? (
        <Section
          id="answers-at-depth"
          title="Answers at any depth"
          intro={
            <>
              Every document of the whole corpus ({formatCount(view.documentCount)}) containing a query&apos;s answer, found at ingest: the
              percentage of queries with one within the top k, for k up to the whole corpus, by set and correctness (dashed: answered
              incorrectly; control queries left out), and each query&apos;s best rank of an answer document.
            </>
          }
        >
          <AnswerDepth slug={slug} series={view.answerDepth.series} ks={view.answerDepth.ks} queries={view.answerDepth.queries} />
        </Section>
      ) : null}

      <Section
        id="task-documents"
        title="Documents influential across a whole task"
        intro={
          <>
            The documents with the highest mean score over all of a group&apos;s queries; &quot;helps&quot; counts the queries for
            which the document&apos;s score is positive.
          </>
        }
        actions={
          view.task ? (
            <TaskSelect value={view.task.key} options={view.tasks.map((g) => ({ key: g.key, label: `${g.name} (${g.kind}, ${g.size} queries)` }))} />
          ) : null
        }
      >
        {view.task ? (
          <TaskDocuments slug={slug} groupKey={view.task.key} groupName={view.task.name} rows={view.taskDocuments} />
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">This dataset has no query groups.</p>
        )}
      </Section>
    </div>
  );
}
