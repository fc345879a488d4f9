/**
 * What a Kronfluence run on disk becomes, seen through the HTTP API on each backend: the
 * dataset with its provenance (GET /api/datasets/{slug}), the self-normalised rankings
 * (order=top_normalised / bottom_normalised) against an independent sort, self-influence
 * on documents, and per-token scores of the selected pairs (their most influential span).
 * Refusals of bad self-influence and per-token input are one line naming the problem.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getDataset } from "@/app/api/datasets/[slug]/route";
import { GET as getDocument } from "@/app/api/datasets/[slug]/documents/[id]/route";
import { GET as getQueryDocuments } from "@/app/api/datasets/[slug]/queries/[id]/documents/route";
import { GET as getDatasets } from "@/app/api/datasets/route";
import { findDataset } from "@/lib/data/store/datasets";
import { filteredRanking } from "@/lib/data/store/search";
import { runIngest } from "@/lib/ingest/run-ingest";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { serveDatabase, SERVER_BACKENDS } from "./support/databases";
import { tempFolder, type TempFolder } from "./support/ingest-files";
import { RUN_DOCUMENTS, TOKEN_DOCUMENTS, TOKEN_QUERIES, kronfluenceRunArgs, writeKronfluenceRun, type KronfluenceRun } from "./support/kronfluence-run";
import { safetensors, encode } from "./support/score-files";
import { writeFolder } from "./support/library-folders";
import { smallDataset } from "./support/small-dataset";

const call = async (handler: unknown, url: string, params: Record<string, string>, headers: HeadersInit = {}) => {
  const response = await (handler as (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>)(
    new Request(`http://test${url}`, { headers }), { params: Promise.resolve(params) });
  // Checked field by field below.
  return { status: response.status, headers: response.headers, body: response.status === 304 ? null : ((await response.json()) as any) };
};

/** The definition, independently: score / sqrt(self) in float64, rounded to float32; ties by document order. */
function naiveNormalisedOrder(run: KronfluenceRun, q: number, direction: "top" | "bottom") {
  const values = run.scores[q]!.map((s, d) => Math.fround(s / Math.sqrt(run.selfInfluence[d]!)));
  const order = values.map((v, d) => ({ v, d })).sort((a, b) => (direction === "top" ? b.v - a.v : a.v - b.v) || a.d - b.d);
  return order.map(({ v, d }) => ({ documentId: `doc-${d}`, normalisedScore: v, score: run.scores[q]![d]! }));
}

/** The best window of up to 8 tokens, by brute force. */
function naiveSpan(tokens: string[], scores: number[]) {
  const w = Math.min(8, scores.length);
  let best = { start: 0, total: -Infinity };
  for (let s = 0; s + w <= scores.length; s++) {
    const total = scores.slice(s, s + w).reduce((a, b) => a + b, 0);
    if (total > best.total) best = { start: s, total };
  }
  return { start: best.start, end: best.start + w, total: best.total, text: tokens.slice(best.start, best.start + w).join("") };
}

let folder: TempFolder;
let run: KronfluenceRun;
beforeAll(async () => {
  folder = await tempFolder("ie-tool-outputs");
  run = await writeKronfluenceRun(path.join(folder.dir, "run"));
});
afterAll(() => folder?.cleanup());

describe.each(SERVER_BACKENDS)("a Kronfluence run through the API on $name", ({ create }) => {
  let served: Awaited<ReturnType<typeof serveDatabase>>;
  beforeAll(async () => {
    served = await serveDatabase(create, async (owner) => {
      const out: string[] = [];
      const streams = { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => out.push(t) } };
      expect(await runIngest(kronfluenceRunArgs(run, "ekfac-run"), streams, { database: owner }), out.join("")).toBe(0);
      await ingestDataset(owner.sql, smallDataset("plain"));
    });
  }, 120_000);
  afterAll(async () => {
    await served?.close();
  });

  it("returns the dataset as the list has it, with the run's provenance", async () => {
    const list = (await call(getDatasets, "/api/datasets", {})).body as { slug: string }[];
    const { status, body, headers } = await call(getDataset, "/api/datasets/ekfac-run", { slug: "ekfac-run" });
    expect(status).toBe(200);
    const { provenance, ...summary } = body;
    expect(summary).toEqual(list.find((d) => d.slug === "ekfac-run"));
    expect(summary).toMatchObject({ queryCount: 4, documentCount: RUN_DOCUMENTS, hasSelfInfluence: true, method: "EK-FAC" });
    expect(provenance).toMatchObject({ format: "kronfluence", library: "kronfluence" });
    expect(provenance.settings.scoreArguments).toMatchObject({ damping_factor: 1e-8, query_gradient_low_rank: 64, score_dtype: "torch.float32" });
    expect(provenance.settings.factorArguments).toMatchObject({ strategy: "ekfac", eigendecomposition_dtype: "torch.float64" });
    expect(provenance.settings.tokenScores).toMatchObject({ pairs: 6 });
    const selfFile = provenance.files.find((f: { role: string }) => f.role === "self-influence");
    expect(selfFile).toEqual({ path: "self_scores.safetensors", role: "self-influence", bytes: (await stat(path.join(run.scoresDir, "self_scores.safetensors"))).size });
    // The dataset route's ETag: a client that has it gets a 304.
    const again = await call(getDataset, "/api/datasets/ekfac-run", { slug: "ekfac-run" }, { "if-none-match": headers.get("etag")! });
    expect(again.status).toBe(304);
  });

  it("returns provenance null for a dataset loaded without it, and 404 for an unknown slug", async () => {
    const plain = await call(getDataset, "/api/datasets/plain", { slug: "plain" });
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ slug: "plain", provenance: null, hasSelfInfluence: false });
    const missing = await call(getDataset, "/api/datasets/nope", { slug: "nope" });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/nope/);
  });

  it("orders a ranking by score / sqrt(self-influence) exactly as an independent sort does, at any depth", async () => {
    for (const [q, id] of run.queries.entries()) {
      for (const direction of ["top", "bottom"] as const) {
        const expected = naiveNormalisedOrder(run, q, direction);
        for (const offset of [0, 25, RUN_DOCUMENTS - 5]) {
          const { status, body } = await call(getQueryDocuments,
            `/api/datasets/ekfac-run/queries/${id.id}/documents?order=${direction}_normalised&offset=${offset}&limit=20`, { slug: "ekfac-run", id: id.id });
          expect(status).toBe(200);
          expect(body.total).toBe(RUN_DOCUMENTS);
          expect(body.items.map((i: { documentId: string; normalisedScore: number; score: number }) =>
            ({ documentId: i.documentId, normalisedScore: i.normalisedScore, score: i.score }))).toEqual(expected.slice(offset, offset + 20));
          expect(body.items[0].rank).toBe(offset + 1);
          expect(body.items[0].selfInfluence).toBe(run.selfInfluence[Number(body.items[0].documentId.slice(4))]);
        }
      }
    }
    // The raw order still ranks by score, and carries the normalised score beside it.
    const raw = await call(getQueryDocuments, "/api/datasets/ekfac-run/queries/slope-0/documents?limit=3", { slug: "ekfac-run", id: "slope-0" });
    const first = raw.body.items[0];
    expect(first.score).toBe(Math.max(...run.scores[2]!));
    expect(first.normalisedScore).toBe(Math.fround(first.score / Math.sqrt(first.selfInfluence)));
  });

  it("filters by source at the raw score's true ranks, each match with its self-normalised score", async () => {
    const dataset = (await findDataset("ekfac-run"))!;
    const { items } = await filteredRanking(dataset.id, 2, "top", { source: "wiki", search: null, label: null }, 0, RUN_DOCUMENTS);
    // Raw order, ties in document order; the normalised score as naiveNormalisedOrder computes it.
    const normalised = new Map(naiveNormalisedOrder(run, 2, "top").map((e) => [e.documentId, e.normalisedScore]));
    const expected = run.scores[2]!
      .map((score, d) => ({ score, d }))
      .sort((a, b) => b.score - a.score || a.d - b.d)
      .map(({ score, d }, i) => ({ rank: i + 1, documentId: `doc-${d}`, score, normalisedScore: normalised.get(`doc-${d}`) }))
      .filter((e) => run.documents[Number(e.documentId.slice(4))]!.source === "wiki");
    expect(items.map((i) => ({ rank: i.rank, documentId: i.documentId, score: i.score, normalisedScore: i.normalisedScore }))).toEqual(expected);
  });

  it("refuses a self-normalised order for a dataset without self-influence, naming the parameter", async () => {
    const { status, body } = await call(getQueryDocuments, "/api/datasets/plain/queries/f0/documents?order=top_normalised", { slug: "plain", id: "f0" });
    expect(status).toBe(400);
    expect(body).toEqual({ error: expect.stringMatching(/no self-influence/), parameter: "order" });
  });

  it("shows each document's self-influence and, for the selected pairs only, the most influential span", async () => {
    const doc = await call(getDocument, "/api/datasets/ekfac-run/documents/doc-1", { slug: "ekfac-run", id: "doc-1" });
    expect(doc.body).toMatchObject({ selfInfluence: run.selfInfluence[1], tokenStrings: run.documents[1]!.tokens, tokens: run.documents[1]!.tokens!.length });
    for (const [q, query] of run.queries.entries()) {
      const { body } = await call(getQueryDocuments, `/api/datasets/ekfac-run/queries/${query.id}/documents?limit=${RUN_DOCUMENTS}`, { slug: "ekfac-run", id: query.id });
      for (const item of body.items as { documentId: string; span: unknown }[]) {
        const d = Number(item.documentId.slice(4));
        const scores = run.tokenScores.get(`${query.id}/${item.documentId}`);
        if (TOKEN_QUERIES.includes(q) && TOKEN_DOCUMENTS.includes(d)) {
          expect(item.span, `${query.id} / ${item.documentId}`).toEqual(naiveSpan(run.documents[d]!.tokens!, scores!));
        } else {
          expect(item.span, `${query.id} / ${item.documentId}`).toBeNull();
        }
      }
    }
  });
});

describe("refusals of self-influence and per-token input", () => {
  const ingest = async (args: string[]) => {
    const err: string[] = [];
    const code = await runIngest(args, { stdout: { write: () => undefined }, stderr: { write: (t: string) => err.push(t) } }, { env: { DATABASE_URL: "postgresql://unused@127.0.0.1:1/none" } as unknown as NodeJS.ProcessEnv });
    return { code, err: err.join("") };
  };

  it("refuses a self-influence that is not positive, naming the file and document, in one line", async () => {
    const bad = [...run.selfInfluence];
    bad[7] = -0.5;
    const file = await folder.write("self_scores.safetensors", safetensors({ all_modules: { dtype: "F32", shape: [RUN_DOCUMENTS], data: encode(bad, "F32") } }));
    const plainScores = await writeFolder(path.join(folder.dir, "plain-scores"), {
      "pairwise_scores.safetensors": safetensors({ all_modules: { dtype: "F32", shape: [4, RUN_DOCUMENTS], data: encode(run.scores.flat(), "F32") } }),
    });
    const { code, err } = await ingest(["--name", "x", "--queries", run.queriesFile, "--documents", run.documentsFile, "--scores", plainScores, "--self-scores", file]);
    expect(code).toBe(1);
    expect(err).toBe(`ingest: ${file}: document doc-7: self-influence is -0.5; self-normalised scores (score / sqrt(self-influence)) need every value finite and positive\n`);
  });

  it("refuses per-token scores for a document without token strings, in one line", async () => {
    const documents = path.join(folder.dir, "no-tokens.jsonl");
    await writeFolder(folder.dir, { "no-tokens.jsonl": run.documents.map(({ tokens: _t, ...d }) => JSON.stringify(d)).join("\n") + "\n" });
    const { code, err } = await ingest(["--name", "x", "--queries", run.queriesFile, "--documents", documents, "--scores", run.scoresDir, "--token-scores", run.tokenScoresDir]);
    expect(code).toBe(1);
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toMatch(/pairwise_scores\.safetensors: document doc-0 has per-token scores but no "tokens" array/);
  });
});
