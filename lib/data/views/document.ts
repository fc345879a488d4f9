import "server-only";
import { groupEffects, onePercent } from "@/lib/stats/document-effects";
import { consistently, findDataset } from "@/lib/data/store/datasets";
import { documentDetail } from "@/lib/data/store/documents";
import { tokenScoredQueries, tokenScoresOf } from "@/lib/data/store/scores";
import { listGroups } from "@/lib/data/store/statistics";
import { documentViewParams, parseViewParams, type SearchParams } from "@/lib/url-state";

/**
 * The Document page: a document, its score and ranks for every query, and per group
 * whether it helps or hurts. Null when the dataset or the document does not exist.
 */
export const documentView = consistently(async function documentView(slug: string, id: string, searchParams: SearchParams) {
  const { values, notices } = parseViewParams(documentViewParams, searchParams);
  const dataset = await findDataset(slug);
  if (!dataset) return null;
  const [detail, groups] = await Promise.all([documentDetail(dataset.id, id), listGroups(dataset.id)]);
  if (!detail) return null;
  const tokens = detail.tokenStrings ? await tokenShading(dataset.id, detail, values.tokens, notices) : null;
  return {
    dataset,
    values,
    notices,
    document: detail,
    effects: groupEffects(detail.influences, groups, dataset.documentCount),
    /** Documents in a 1% tail (the effects' top and bottom 1%). */
    onePercent: onePercent(dataset.documentCount),
    /** Per-token scores of the selected query (`tokens`), where any query has them for this document. */
    tokens,
  };
});

/**
 * The document's tokens and their scores for the query the URL selects among those with
 * per-token scores for it (the first of them when none or an unknown one is named).
 */
async function tokenShading(
  datasetId: number,
  detail: { index: number; tokenStrings: string[] | null; influences: { queryId: string }[] },
  requested: string,
  notices: string[],
) {
  const scored = await tokenScoredQueries(datasetId, detail.index);
  if (scored.length === 0 || !detail.tokenStrings) return null;
  // documentDetail lists influences in query index order: index i is influences[i].
  const queryIds = scored.map((q) => detail.influences[q]?.queryId ?? `#${q}`);
  let position = requested === "" ? 0 : queryIds.indexOf(requested);
  if (position < 0) {
    notices.push(`Ignored tokens=${JSON.stringify(requested)}: no per-token scores for that query; showing ${queryIds[0]}.`);
    position = 0;
  }
  const scores = (await tokenScoresOf(datasetId, scored[position]!, [detail.index])).get(detail.index) ?? new Float32Array(0);
  return { queryIds, selected: queryIds[position]!, tokens: detail.tokenStrings, scores: Array.from(scores) };
}
