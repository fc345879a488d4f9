import { NextResponse } from "next/server";
import { powerLaw } from "@/lib/data/store/statistics";
import { datasetRoute } from "@/lib/http";

export const GET = datasetRoute({}, async ({ dataset }) => NextResponse.json(await powerLaw(dataset.id)));
