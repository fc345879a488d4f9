import { NextResponse } from "next/server";
import { z } from "zod";
import { findQuery } from "@/lib/data/store/queries";
import { pairScatter } from "@/lib/data/views/transfer-pair";
import { datasetRoute, jsonError } from "@/lib/http";
import { SCATTER_EXTENTS } from "@/lib/url-state";

const scatterParams = z.object({
  a: z.string({ message: "a (a query id) is required" }).min(1, "a (a query id) is required").max(200),
  b: z.string({ message: "b (a query id) is required" }).min(1, "b (a query id) is required").max(200),
  k: z.enum(["50", "500"], { message: 'k must be "50" or "500"' }).default("50").transform(Number),
  extent: z.enum(SCATTER_EXTENTS, { message: 'extent must be "robust" or "full"' }).default("robust"),
});

/**
 * Two queries' scores over every document: every point (up to 5,000 documents) or a
 * 60 x 60 binned density over the robust or the full axes (`extent`) plus each query's
 * top documents, Pearson r, and the documents in both queries' top k.
 */
export const GET = datasetRoute({ query: scatterParams }, async ({ dataset, params: { a, b, k, extent }, segments: { slug } }) => {
  const [queryA, queryB] = await Promise.all([findQuery(dataset.id, a), findQuery(dataset.id, b)]);
  if (!queryA) return jsonError(404, `No query "${a}" in dataset "${slug}"`, "a");
  if (!queryB) return jsonError(404, `No query "${b}" in dataset "${slug}"`, "b");
  const scatter = await pairScatter(dataset.id, queryA.index, queryB.index, k, extent);
  if (!scatter) return jsonError(404, `No scores stored for queries "${a}" and "${b}"`);
  return NextResponse.json({ a: queryA.id, b: queryB.id, ...scatter });
});
