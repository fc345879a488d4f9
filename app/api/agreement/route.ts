import { NextResponse } from "next/server";
import { agreementParams } from "@/lib/api-params";
import { agreementJson, datasetAgreement } from "@/lib/data/views/agreement-stats";
import { jsonError, parseSearchParams, route } from "@/lib/http";

/**
 * Agreement between two datasets over their shared queries and documents:
 * `{ queriesShared, documentsShared, ks, rows: [{ queryId, pearson, spearman, jaccard: { "<k>": number } }] }`,
 * computed on the first request for the pair and stored. 400 for a bad slug or an
 * incomparable pair (saying why), 404 for an unknown dataset.
 */
export const GET = route(async (request: Request) => {
  const parsed = parseSearchParams(agreementParams, request.url);
  if (!parsed.ok) return parsed.response;
  const result = await datasetAgreement(parsed.data.a, parsed.data.b);
  if (!result.ok) return jsonError(result.status, result.error, result.parameter);
  return NextResponse.json(agreementJson(result.agreement));
});
