import { NextResponse } from "next/server";
import { findDataset } from "@/lib/data/datasets";
import { powerLaw } from "@/lib/data/statistics";
import { jsonError, route } from "@/lib/http";

export const GET = route(async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const dataset = await findDataset(slug);
  if (!dataset) return jsonError(404, `No dataset "${slug}"`);
  return NextResponse.json(await powerLaw(dataset.id));
});
