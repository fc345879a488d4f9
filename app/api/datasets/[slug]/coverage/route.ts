import { NextResponse } from "next/server";
import { coverageParams } from "@/lib/api-params";
import { findDataset } from "@/lib/data/datasets";
import { groupCoverage, queryCoverage } from "@/lib/data/statistics";
import { jsonError, parseSearchParams, route } from "@/lib/http";

export const GET = route(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const parsed = parseSearchParams(coverageParams, request.url);
  if (!parsed.ok) return parsed.response;
  const { slug } = await params;
  const dataset = await findDataset(slug);
  if (!dataset) return jsonError(404, `No dataset "${slug}"`);
  const { tail, unit } = parsed.data;
  const [rows, groups] = await Promise.all([queryCoverage(dataset.id, tail, unit), groupCoverage(dataset.id, tail, unit)]);
  return NextResponse.json({ tail, unit, rows, groups });
});
