import { NextResponse } from "next/server";
import type { DatasetDetailResponse } from "@/lib/api-schemas";
import { datasetDetail } from "@/lib/data/views/dataset";
import { datasetRoute } from "@/lib/http";

/** GET /api/datasets/{slug}: what GET /api/datasets lists for it, with its provenance (null when none). */
export const GET = datasetRoute({}, async ({ dataset }) =>
  NextResponse.json((await datasetDetail(dataset)) satisfies DatasetDetailResponse));
