import "server-only";
import { groupEffects, onePercent } from "@/lib/stats/document-effects";
import { consistently, findDataset } from "@/lib/data/store/datasets";
import { documentDetail } from "@/lib/data/store/documents";
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
  return {
    dataset,
    values,
    notices,
    document: detail,
    effects: groupEffects(detail.influences, groups, dataset.documentCount),
    /** Documents in a 1% tail (the effects' top and bottom 1%). */
    onePercent: onePercent(dataset.documentCount),
  };
});
