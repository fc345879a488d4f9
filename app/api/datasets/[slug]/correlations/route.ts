import { NextResponse } from "next/server";
import { correlationParams } from "@/lib/api-params";
import { blockSummaries, correlationMatrix, storedJaccardKs } from "@/lib/data/store/statistics";
import { defaultJaccardK } from "@/lib/domain/ks";
import { datasetRoute, jsonError } from "@/lib/http";

export const GET = datasetRoute({ query: correlationParams }, async ({ dataset, params, segments: { slug } }) => {
  const { method } = params;
  let k = 0;
  if (method === "jaccard") {
    const available = await storedJaccardKs(dataset.id);
    k = params.k ?? defaultJaccardK(available) ?? 0;
    if (!available.includes(k)) {
      return jsonError(400, `Invalid parameter "k": Jaccard overlap is stored for k in {${available.join(", ")}}`, "k");
    }
  } else if (params.k !== undefined) {
    return jsonError(400, `Invalid parameter "k": k applies to method=jaccard only`, "k");
  }
  const [result, blocks] = await Promise.all([correlationMatrix(dataset.id, method, k), blockSummaries(dataset.id, method, k)]);
  if (!result) return jsonError(404, `No ${method} matrix for dataset "${slug}"`);
  return NextResponse.json({ method, ...(method === "jaccard" ? { k } : {}), ...result, blocks });
});
