import { NextResponse } from "next/server";
import { sourcesParams } from "@/lib/api-params";
import type { LabelsResponse } from "@/lib/api-schemas";
import { documentLabelCounts, labelEnrichment } from "@/lib/data/store/statistics";
import { datasetRoute } from "@/lib/http";

/** Document labels: each value's corpus count, and its enrichment among every group's top (or bottom) k. */
export const GET = datasetRoute({ query: sourcesParams }, async ({ dataset, params }) => {
  const [corpus, rows] = await Promise.all([documentLabelCounts(dataset.id), labelEnrichment(dataset.id, params.tail)]);
  return NextResponse.json({ corpus, rows } satisfies LabelsResponse);
});
