import { NextResponse } from "next/server";
import { listQueries } from "@/lib/data/store/queries";
import { datasetRoute } from "@/lib/http";

export const GET = datasetRoute({}, async ({ dataset }) => NextResponse.json(await listQueries(dataset.id)));
