import { NextResponse } from "next/server";
import { findDataset } from "@/lib/data/datasets";
import { documentDetail } from "@/lib/data/documents";
import { jsonError, route } from "@/lib/http";

export const GET = route(async (_request: Request, { params }: { params: Promise<{ slug: string; id: string }> }) => {
  const { slug, id } = await params;
  const dataset = await findDataset(slug);
  if (!dataset) return jsonError(404, `No dataset "${slug}"`);
  const document = await documentDetail(dataset.id, id);
  if (!document) return jsonError(404, `No document "${id}" in dataset "${slug}"`);
  return NextResponse.json(document);
});
