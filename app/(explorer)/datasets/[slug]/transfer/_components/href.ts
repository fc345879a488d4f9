import type { CorrelationMethod } from "@/lib/domain/vocabulary";
import type { ScatterExtent } from "@/lib/url-state";

/** The transfer view's state, as it appears in its URL. */
export interface TransferState {
  method: CorrelationMethod;
  /** Jaccard top-k (method=jaccard only). */
  k: number | null;
  a: string;
  b: string;
  /** Shared top-documents k. */
  top: number;
  /** The pair scatter's axes. */
  extent: ScatterExtent;
}

/** URL of the transfer view for a state; defaults are left out so links stay short. */
export function transferHref(slug: string, state: TransferState): string {
  const params = new URLSearchParams();
  if (state.method !== "pearson") params.set("method", state.method);
  if (state.method === "jaccard" && state.k !== null) params.set("k", String(state.k));
  if (state.a) params.set("a", state.a);
  if (state.b) params.set("b", state.b);
  if (state.top !== 50) params.set("top", String(state.top));
  if (state.extent !== "robust") params.set("extent", state.extent);
  const query = params.toString();
  return `/datasets/${slug}/transfer${query ? `?${query}` : ""}`;
}

/** Human name of a metric: "Pearson r", "Spearman ρ", "Jaccard@500". */
export function metricName(method: TransferState["method"], k: number | null): string {
  return method === "pearson" ? "Pearson r" : method === "spearman" ? "Spearman ρ" : `Jaccard@${k ?? "?"}`;
}
