import { randomNormal } from "d3";
import type { DatasetInput, QuerySet } from "@/lib/domain/records";
import { rankOrder } from "@/lib/stats/ranking";
import { hashSeed, seededStream } from "./random";

/**
 * A second, noisier attribution method over the demo-7b corpus and queries, so the
 * agreement view has two methods to compare on first start: "demo-7b-trak", a synthetic
 * TRAK-like estimate that agrees with demo-7b's EK-FAC-like scores at a planted
 * Spearman rho, higher for reasoning than for factual queries.
 *
 * Construction (per query, a Gaussian copula): the EK-FAC-like scores x are replaced by
 * their normal scores g (n sorted N(0, 1) draws given out in x's rank order), mixed with
 * independent noise, z = r g + sqrt(1 - r^2) e, and the new scores are x's own values
 * given out in z's rank order. So each query keeps its score distribution exactly
 * (coverage, power law, histograms look like demo-7b's) while its ranking is perturbed:
 * for a bivariate normal, Spearman rho = (6 / pi) asin(r / 2), so r = 2 sin(pi rho / 6)
 * plants rho. Pearson r between the methods is not planted (it depends on the heavy
 * tails) and comes out below rho.
 */

/** Slug of the TRAK-like demo dataset. */
export const DEMO_TRAK_SLUG = "demo-7b-trak";

/**
 * Expect: Spearman rho between demo-7b and demo-7b-trak for every query of a set
 * (control queries take their set's), within about 0.02 at 20,000 documents.
 */
export const PLANTED_AGREEMENT: Record<QuerySet, number> = { factual: 0.3, reasoning: 0.6 };

/** Pearson r of the Gaussian copula that gives Spearman rho. */
export function copulaCorrelation(rho: number): number {
  return 2 * Math.sin((Math.PI * rho) / 6);
}

/**
 * The TRAK-like dataset derived from demo-7b (its documents and queries are shared, not
 * copied). Deterministic: the same input and seed give the same scores.
 *
 * @param ekfac the demo-7b dataset (generateDemoDataset("7b", ...))
 * @param seed integer seed (default 1)
 */
export function trakLikeDataset(ekfac: DatasetInput, seed = 1): DatasetInput {
  const stream = seededStream(hashSeed(seed, DEMO_TRAK_SLUG), 0);
  const normal = randomNormal.source(stream.uniform())(0, 1);
  const n = ekfac.documents.length;
  const scores = ekfac.queries.map((query, q) => {
    const x = ekfac.scores[q]!;
    const r = copulaCorrelation(PLANTED_AGREEMENT[query.set]);
    const ascending = rankOrder(x, "bottom");
    const normals = Float64Array.from({ length: n }, normal).sort();
    const z = new Float32Array(n);
    for (let i = 0; i < n; i++) z[ascending[i]!] = r * normals[i]! + Math.sqrt(1 - r * r) * normal();
    const byZ = rankOrder(z, "bottom");
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) y[byZ[i]!] = x[ascending[i]!]!;
    return y;
  });
  return {
    meta: {
      slug: DEMO_TRAK_SLUG,
      name: "Synthetic demo (7B-shaped, TRAK-like)",
      model: ekfac.meta.model,
      method: "synthetic TRAK-like",
      description:
        `Synthetic data, not real influence scores: a second, noisier method over ${ekfac.meta.slug}'s ` +
        `${n.toLocaleString("en-US")} documents and ${ekfac.queries.length} queries. Each query keeps ` +
        `${ekfac.meta.slug}'s score distribution; its ranking is perturbed so that the two methods agree at ` +
        `Spearman rho ${PLANTED_AGREEMENT.reasoning} for reasoning queries and ${PLANTED_AGREEMENT.factual} ` +
        `for factual ones (controls as their set). Compare them in the agreement view.`,
      synthetic: true,
      origin: "lib/demo/trak.ts",
    },
    queries: ekfac.queries,
    documents: ekfac.documents,
    scores,
    globalRanks: null,
  };
}
