import { NextResponse } from "next/server";
import { documentDetail } from "@/lib/data/store/documents";
import { datasetRoute, jsonError } from "@/lib/http";

export const GET = datasetRoute({ segments: ["id"] }, async ({ dataset, segments: { slug, id } }) => {
  const document = await documentDetail(dataset.id, id);
  if (!document) return jsonError(404, `No document "${id}" in dataset "${slug}"`);
  return NextResponse.json(document);
});
