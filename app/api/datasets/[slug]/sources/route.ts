import { NextResponse } from "next/server";
import { sourcesParams } from "@/lib/api-params";
import { findDataset } from "@/lib/data/datasets";
import { sourceEnrichment } from "@/lib/data/statistics";
import { jsonError, parseSearchParams, route } from "@/lib/http";

export const GET = route(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const parsed = parseSearchParams(sourcesParams, request.url);
  if (!parsed.ok) return parsed.response;
  const { slug } = await params;
  const dataset = await findDataset(slug);
  if (!dataset) return jsonError(404, `No dataset "${slug}"`);
  const { tail } = parsed.data;
  return NextResponse.json({ tail, ...(await sourceEnrichment(dataset.id, tail)) });
});
