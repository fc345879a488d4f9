import { NextResponse } from "next/server";
import { correlationParams } from "@/lib/api-params";
import { findDataset } from "@/lib/data/datasets";
import { blockSummaries, correlationMatrix, jaccardKs } from "@/lib/data/statistics";
import { jsonError, parseSearchParams, route } from "@/lib/http";

export const GET = route(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const parsed = parseSearchParams(correlationParams, request.url);
  if (!parsed.ok) return parsed.response;
  const { slug } = await params;
  const dataset = await findDataset(slug);
  if (!dataset) return jsonError(404, `No dataset "${slug}"`);
  const { method } = parsed.data;
  let k = 0;
  if (method === "jaccard") {
    const available = await jaccardKs(dataset.id);
    k = parsed.data.k ?? available.find((value) => value >= 500) ?? available.at(-1) ?? 0;
    if (!available.includes(k)) {
      return jsonError(400, `Invalid parameter "k": Jaccard overlap is stored for k in {${available.join(", ")}}`, "k");
    }
  } else if (parsed.data.k !== undefined) {
    return jsonError(400, `Invalid parameter "k": k applies to method=jaccard only`, "k");
  }
  const [result, blocks] = await Promise.all([correlationMatrix(dataset.id, method, k), blockSummaries(dataset.id, method, k)]);
  if (!result) return jsonError(404, `No ${method} matrix for dataset "${slug}"`);
  return NextResponse.json({ method, ...(method === "jaccard" ? { k } : {}), ...result, blocks });
});
