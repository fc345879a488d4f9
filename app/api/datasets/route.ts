import { NextResponse } from "next/server";
import { listDatasets } from "@/lib/data/store/datasets";
import { route } from "@/lib/http";

export const GET = route(async () => NextResponse.json(await listDatasets()));
