import { RetrievalTable } from "@/components/ui/retrieval-table";
import type { DatasetRetrieval } from "@/lib/data/views/retrieval";

/**
 * The overview's evaluation against ground truth (ingest --relevant): per query group,
 * how early the documents known to be relevant come in the dataset's ranking. Nothing
 * when the dataset has no ground truth.
 */
export function RetrievalPanel({ slug, retrieval }: { slug: string; retrieval: DatasetRetrieval | null }) {
  if (!retrieval) return null;
  const queries = retrieval.reciprocalRanks.length;
  return (
    <section aria-labelledby="retrieval-heading" className="mt-8">
      <h2 id="retrieval-heading" className="text-lg font-semibold">Retrieval against ground truth</h2>
      <p className="mt-1 max-w-4xl text-sm text-zinc-600 dark:text-zinc-400">
        {queries} {queries === 1 ? "query has" : "queries have"} documents known to be relevant (for example those that state
        the fact). Per group, the mean over those queries of the reciprocal rank of the first relevant document (MRR), and of
        the share of its relevant documents among the top k (recall) and of relevant documents among the top k (precision).{" "}
        <a className="text-blue-700 underline dark:text-blue-400" href={`/api/datasets/${slug}/retrieval`}>Per query (JSON)</a>
      </p>
      <div className="mt-3">
        <RetrievalTable label="Retrieval against ground truth by group" ks={retrieval.ks} groups={retrieval.groups} />
      </div>
    </section>
  );
}
