import { NextResponse } from "next/server";
import { sourcesParams } from "@/lib/api-params";
import { sourceEnrichment } from "@/lib/data/store/statistics";
import { datasetRoute } from "@/lib/http";

export const GET = datasetRoute({ query: sourcesParams }, async ({ dataset, params: { tail } }) =>
  NextResponse.json({ tail, ...(await sourceEnrichment(dataset.id, tail)) }),
);
