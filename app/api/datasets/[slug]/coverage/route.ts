import { NextResponse } from "next/server";
import { coverageParams } from "@/lib/api-params";
import { groupCoverage, queryCoverage } from "@/lib/data/store/statistics";
import { datasetRoute } from "@/lib/http";

export const GET = datasetRoute({ query: coverageParams }, async ({ dataset, params: { tail, unit } }) => {
  const [rows, groups] = await Promise.all([queryCoverage(dataset.id, tail, unit), groupCoverage(dataset.id, tail, unit)]);
  return NextResponse.json({ tail, unit, rows, groups });
});
