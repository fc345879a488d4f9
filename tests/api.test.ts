/**
 * The HTTP API end to end on each backend: a known dataset is ingested, then every
 * route handler is called as Next.js would call it, and the numbers it returns are
 * checked against naive implementations of DESIGN.md's definitions written here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getCorrelations } from "@/app/api/datasets/[slug]/correlations/route";
import { GET as getCoverage } from "@/app/api/datasets/[slug]/coverage/route";
import { GET as getDocument } from "@/app/api/datasets/[slug]/documents/[id]/route";
import { GET as getPowerLaw } from "@/app/api/datasets/[slug]/powerlaw/route";
import { GET as getQueryDocuments } from "@/app/api/datasets/[slug]/queries/[id]/documents/route";
import { GET as getQueries } from "@/app/api/datasets/[slug]/queries/route";
import { GET as getSources } from "@/app/api/datasets/[slug]/sources/route";
import { GET as getDatasets } from "@/app/api/datasets/route";
import { GET as getHealth } from "@/app/api/health/route";
import { GET as getViews, POST as postView } from "@/app/api/views/route";
import { GET as getUnknownApi, POST as postUnknownApi } from "@/app/api/[...path]/route";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { serveDatabase, SERVER_BACKENDS } from "./support/databases";
import { naivePearson } from "./support/naive-stats";
import { smallDataset } from "./support/small-dataset";

const input = smallDataset("small");
const D = input.documents.length;

// --- naive reference implementations (deliberately simple, independent of lib/stats) ---
const row = (q: number) => Array.from(input.scores[q]!);
function naiveOrder(values: number[], direction: "top" | "bottom"): number[] {
  return values
    .map((v, i) => ({ v, i }))
    .sort((a, b) => (direction === "top" ? b.v - a.v : a.v - b.v) || a.i - b.i)
    .map((e) => e.i);
}
function naiveAverageRanks(x: number[]): number[] {
  const ranks = new Array<number>(x.length);
  for (let i = 0; i < x.length; i++) {
    let less = 0, equal = 0;
    for (const v of x) {
      if (v < x[i]!) less++;
      else if (v === x[i]) equal++;
    }
    ranks[i] = less + (equal + 1) / 2;
  }
  return ranks;
}
const close = (actual: number, expected: number, rel = 1e-9) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

const call = async (handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>, path: string, params: Record<string, string>) => {
  const response = await handler(new Request(`http://test${path}`), { params: Promise.resolve(params) });
  // The routes' JSON is checked field by field below; `any` keeps those checks terse.
  return { status: response.status, body: (await response.json()) as any };
};

// The web server may connect as a role that can only read, and insert saved views
// (prisma/app-role.sql): the whole API runs as that role too.
describe.each(SERVER_BACKENDS)("HTTP API on $name", ({ create }) => {
  let served: Awaited<ReturnType<typeof serveDatabase>>;

  beforeAll(async () => {
    served = await serveDatabase(create, async (owner) => {
      await ingestDataset(owner.sql, input);
    });
  });
  afterAll(async () => {
    await served?.close();
  });

  it("saves a view and lists it", async () => {
    const response = await postView(new Request("http://test/api/views", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "/datasets/small/transfer?method=spearman", title: "Spearman blocks" }),
    }));
    expect(response.status).toBe(201);
    const { slug } = (await response.json()) as { slug: string };
    const { body } = await call(getViews as never, "/api/views", {});
    expect(body).toEqual([expect.objectContaining({ slug, title: "Spearman blocks", path: "/datasets/small/transfer?method=spearman" })]);
  });

  it("lists datasets with their counts", async () => {
    const { status, body } = await call(getDatasets as never, "/api/datasets", {});
    expect(status).toBe(200);
    expect(body).toEqual([expect.objectContaining({ slug: "small", queryCount: 6, documentCount: D, synthetic: true })]);
  });

  it("lists queries in input order with their labels", async () => {
    const { body } = await call(getQueries as never, "/api/datasets/small/queries", { slug: "small" });
    expect(body.map((q: { id: string }) => q.id)).toEqual(["f0", "f1", "f2", "r0", "r1", "r2"]);
    expect(body[3]).toMatchObject({ id: "r0", set: "reasoning", type: "slopes", control: false, prompt: "What is the slope 0?" });
  });

  it("pages a ranking, top and bottom, ties in document order, any depth", async () => {
    for (const order of ["top", "bottom"] as const) {
      const expected = naiveOrder(row(1), order);
      for (const offset of [0, 95, D - 7]) {
        const { status, body } = await call(getQueryDocuments as never,
          `/api/datasets/small/queries/f1/documents?order=${order}&offset=${offset}&limit=10`, { slug: "small", id: "f1" });
        expect(status).toBe(200);
        const items = body.items as { rank: number; documentId: string; score: number; source: string }[];
        expect(body.total).toBe(D);
        expect(items.map((i) => i.rank)).toEqual(expected.slice(offset, offset + 10).map((_, i) => offset + i + 1));
        expect(items.map((i) => i.documentId)).toEqual(expected.slice(offset, offset + 10).map((d) => `doc-${d}`));
        expect(items.map((i) => i.score)).toEqual(expected.slice(offset, offset + 10).map((d) => input.scores[1]![d]));
      }
    }
    // The tied block (documents 100..109, score 0.25) appears in input order.
    const topOrder = naiveOrder(row(1), "top");
    const start = topOrder.indexOf(100);
    const { body } = await call(getQueryDocuments as never,
      `/api/datasets/small/queries/f1/documents?offset=${start}&limit=10`, { slug: "small", id: "f1" });
    expect((body.items as { documentId: string }[]).map((i) => i.documentId)).toEqual(
      Array.from({ length: 10 }, (_, i) => `doc-${100 + i}`));
  });

  it("tags dataset responses and answers a client that has one with 304 and no body", async () => {
    const path = "/api/datasets/small/correlations?method=spearman";
    const first = await getCorrelations(new Request(`http://test${path}`), { params: Promise.resolve({ slug: "small" }) });
    const etag = first.headers.get("etag");
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^"\d+\.\d+-[\w-]{16}"$/);
    const again = await getCorrelations(new Request(`http://test${path}`, { headers: { "if-none-match": etag! } }), { params: Promise.resolve({ slug: "small" }) });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    // Another URL is another resource.
    const other = await getCorrelations(new Request("http://test/api/datasets/small/correlations?method=pearson", { headers: { "if-none-match": etag! } }), { params: Promise.resolve({ slug: "small" }) });
    expect(other.status).toBe(200);
  });

  it("reports the database healthy", async () => {
    const response = await getHealth();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ database: "ok" });
  });

  it("refuses bad parameters with a 400 naming them, and unknown ids with a 404", async () => {
    const bad = [
      ["order=sideways", "order"], ["limit=0", "limit"], ["limit=5000", "limit"], ["offset=-1", "offset"], ["offset=abc", "offset"],
      // Past the ranking's end (and past int4 once multiplied by the record size): the request's fault.
      ["offset=268435456", "offset"], [`offset=${D + 1}`, "offset"],
    ] as const;
    for (const [query, parameter] of bad) {
      const { status, body } = await call(getQueryDocuments as never, `/api/datasets/small/queries/f0/documents?${query}`, { slug: "small", id: "f0" });
      expect(status, query).toBe(400);
      expect(body.parameter).toBe(parameter);
      expect(String(body.error)).toContain(parameter);
    }
    expect((await call(getQueryDocuments as never, "/x", { slug: "nope", id: "f0" })).status).toBe(404);
    expect((await call(getQueryDocuments as never, "/x", { slug: "small", id: "nope" })).status).toBe(404);
    expect((await call(getDocument as never, "/x", { slug: "small", id: "nope" })).status).toBe(404);
    expect((await call(getQueries as never, "/x", { slug: "Bad Slug\u0000" })).status).toBe(404);
    expect((await call(getCorrelations as never, "/x?method=kendall", { slug: "small" })).body.parameter).toBe("method");
    expect((await call(getCoverage as never, "/x?unit=bits", { slug: "small" })).body.parameter).toBe("unit");
    expect((await call(getSources as never, "/x?tail=middle", { slug: "small" })).body.parameter).toBe("tail");
  });

  it("answers an /api path no route serves with a JSON 404, not the HTML not-found page", async () => {
    for (const [handler, method] of [[getUnknownApi, "GET"], [postUnknownApi, "POST"]] as const) {
      const response = handler(new Request("http://test/api/datasets/small/nope%00", { method }));
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/json");
      expect(await response.json()).toEqual({ error: "No API route at /api/datasets/small/nope%00" });
    }
  });

  it("gives a document's score and ranks for every query", async () => {
    const { status, body } = await call(getDocument as never, "/api/datasets/small/documents/doc-7", { slug: "small", id: "doc-7" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: "doc-7", source: "webdata", text: "Mount Everest is 8,849 metres tall." });
    const influences = body.influences as { queryId: string; score: number; rank: number; bottomRank: number }[];
    expect(influences).toHaveLength(6);
    influences.forEach((inf, q) => {
      expect(inf.queryId).toBe(input.queries[q]!.id);
      expect(inf.score).toBe(input.scores[q]![7]);
      expect(inf.rank).toBe(naiveOrder(row(q), "top").indexOf(7) + 1);
      expect(inf.bottomRank).toBe(naiveOrder(row(q), "bottom").indexOf(7) + 1);
    });
    expect(influences[0]!.rank).toBe(1);
  });

  it("serves Pearson and Spearman matrices equal to a naive computation", async () => {
    const pearson = await call(getCorrelations as never, "/x?method=pearson", { slug: "small" });
    const spearman = await call(getCorrelations as never, "/x?method=spearman", { slug: "small" });
    const ranks = input.queries.map((_, q) => naiveAverageRanks(row(q)));
    expect(pearson.body.queryIds).toEqual(["f0", "f1", "f2", "r0", "r1", "r2"]);
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) {
        close((pearson.body.matrix as number[][])[i]![j]!, i === j ? 1 : naivePearson(row(i), row(j)));
        close((spearman.body.matrix as number[][])[i]![j]!, i === j ? 1 : naivePearson(ranks[i]!, ranks[j]!));
      }
    }
    // The planted structure: reasoning queries share a factor, factual ones do not.
    const m = pearson.body.matrix as number[][];
    expect(m[3]![4]!).toBeGreaterThan(0.5);
    expect(Math.abs(m[1]![2]!)).toBeLessThan(0.3);
  });

  it("serves Jaccard overlap of top-k sets", async () => {
    const { status, body } = await call(getCorrelations as never, "/x?method=jaccard&k=50", { slug: "small" });
    expect(status).toBe(200);
    const top = (q: number) => new Set(naiveOrder(row(q), "top").slice(0, 50));
    const a = top(3), b = top(4);
    const shared = [...a].filter((d) => b.has(d)).length;
    close((body.matrix as number[][])[3]![4]!, shared / (100 - shared));
    expect((await call(getCorrelations as never, "/x?method=jaccard&k=7", { slug: "small" })).body.parameter).toBe("k");
  });

  it("serves coverage curves per query and per group", async () => {
    const { body } = await call(getCoverage as never, "/x?tail=positive&unit=percent", { slug: "small" });
    const rows = body.rows as { queryId: string; percentile: number; share: number }[];
    const positives = row(4).filter((v) => v > 0).sort((x, y) => y - x);
    const total = positives.reduce((s, v) => s + v, 0);
    for (const p of [1, 5, 20, 100]) {
      const m = Math.ceil((p * positives.length) / 100 - 1e-9);
      const expected = (100 * positives.slice(0, m).reduce((s, v) => s + v, 0)) / total;
      close(rows.find((r) => r.queryId === "r1" && r.percentile === p)!.share, expected);
    }
    const perNat = await call(getCoverage as never, "/x?unit=per_nat", { slug: "small" });
    const r1 = (perNat.body.rows as { queryId: string; percentile: number; share: number }[]).find((r) => r.queryId === "r1" && r.percentile === 100)!;
    close(r1.share, total / 21);
    const groups = body.groups as { group: string; percentile: number; mean: number; std: number; n: number }[];
    const reasoning100 = groups.find((g) => g.group === "set:reasoning" && g.percentile === 100)!;
    expect(reasoning100).toMatchObject({ mean: 100, std: 0, n: 3 });
  });

  it("serves source multipliers at k = 50", async () => {
    const { body } = await call(getSources as never, "/x?tail=top", { slug: "small" });
    const rows = body.rows as { group: string; source: string; k: number; count: number; multiplier: number }[];
    const members = [3, 4, 5];
    const count = members.reduce((s, q) => s + naiveOrder(row(q), "top").slice(0, 50).filter((d) => d % 4 === 0).length, 0);
    const wiki = rows.find((r) => r.group === "set:reasoning" && r.source === "wiki" && r.k === 50)!;
    expect(wiki.count).toBe(count);
    close(wiki.multiplier, count / (50 * 3) / (150 / 600));
    expect(rows.some((r) => r.k === 500)).toBe(false); // k must be at most D/10
  });

  it("serves power-law fits equal to an independent least-squares fit", async () => {
    const { body } = await call(getPowerLaw as never, "/x", { slug: "small" });
    const rows = body.rows as { queryId: string; alpha: number; stderr: number }[];
    const positives = row(2).filter((v) => v > 0).sort((x, y) => y - x);
    const xs = positives.map((_, i) => Math.log(i + 1)), ys = positives.map(Math.log);
    const n = xs.length, mx = xs.reduce((a, b) => a + b) / n, my = ys.reduce((a, b) => a + b) / n;
    const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / sxx;
    const ssr = ys.reduce((s, y, i) => s + (y - (my + slope * (xs[i]! - mx))) ** 2, 0);
    const f2 = rows.find((r) => r.queryId === "f2")!;
    close(f2.alpha, slope);
    close(f2.stderr, Math.sqrt(ssr / (n - 2) / sxx));
    expect(body.tests).toEqual(expect.arrayContaining([expect.objectContaining({ subset: "all" })]));
  });
});
