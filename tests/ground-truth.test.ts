/**
 * `npm run ingest -- --name <slug> --relevant <file> --ground-truth-only` on each backend
 * (PGlite; PostgreSQL, the API read as the owner and as the web server's role): the
 * ground truth of a dataset already loaded is replaced as a whole, its evaluation equals
 * the one computed at ingest with --relevant, the retrieval API never answers from a
 * response made before (its ETag changes), and refused input changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getRetrieval } from "@/app/api/datasets/[slug]/retrieval/route";
import type { Database } from "@/lib/db/database";
import type { DatasetInput } from "@/lib/domain/records";
import { runIngest } from "@/lib/ingest/run-ingest";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { serveDatabase, SERVER_BACKENDS } from "./support/databases";
import { tempFolder, type TempFolder } from "./support/ingest-files";
import { smallDataset } from "./support/small-dataset";

const base = smallDataset("small");

/** Two ground truths by query id (document indices); queries not listed have none. */
const FIRST: Record<string, number[]> = { f0: [1, 2], r1: [300] };
const SECOND: Record<string, number[]> = {
  f0: [7, 3, 599],
  f1: [100, 101, 102, 103, 104], // inside a block of tied scores
  r0: [0],
  r2: [42, 43],
};

const provenance = {
  format: "csv", library: null, libraryVersion: null, settings: {},
  files: [{ path: "scores.csv", bytes: 1, role: "scores" }],
};
const plain: DatasetInput = { ...base, meta: { ...base.meta, slug: "small-plain", provenance } };
/** The same dataset with SECOND given at ingest (--relevant): the reference evaluation. */
const atIngest: DatasetInput = {
  ...base,
  meta: { ...base.meta, slug: "small-at-ingest" },
  relevant: base.queries.map((q) => Uint32Array.from(SECOND[q.id] ?? [])),
};

/** A ground-truth file: one line per (query, document) pair, ids as in the dataset. */
const jsonl = (truth: Record<string, number[]>) =>
  Object.entries(truth).flatMap(([queryId, docs]) => docs.map((d) => JSON.stringify({ queryId, documentId: base.documents[d]!.id }))).join("\n") + "\n";

async function retrieval(slug: string, headers: Record<string, string> = {}) {
  const response = await getRetrieval(new Request(`http://test/api/datasets/${slug}/retrieval`, { headers }), { params: Promise.resolve({ slug }) });
  return { status: response.status, etag: response.headers.get("etag"), body: response.status === 200 ? ((await response.json()) as any) : null };
}

describe.each(SERVER_BACKENDS)("ingest --ground-truth-only on $name", ({ create }) => {
  let served: Awaited<ReturnType<typeof serveDatabase>>;
  let owner: Database;
  let folder: TempFolder;

  async function run(...args: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await runIngest(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } }, { database: owner });
    return { code, stdout, stderr };
  }
  const stored = async () => ({
    relevant: await owner.sql.query("SELECT query_idx, document_idx FROM relevant_documents r JOIN datasets d ON d.id = r.dataset_id WHERE d.slug = 'small-plain' ORDER BY 1, 2"),
    dataset: (await owner.sql.query<{ revision: number; provenance: unknown }>("SELECT revision, provenance FROM datasets WHERE slug = 'small-plain'"))[0]!,
  });

  beforeAll(async () => {
    folder = await tempFolder("ground-truth");
    served = await serveDatabase(create, async (db) => {
      await ingestDataset(db.sql, plain);
      await ingestDataset(db.sql, atIngest);
    });
    owner = served.owner;
  });
  afterAll(async () => {
    await served?.close();
    await folder?.cleanup();
  });

  it("adds ground truth to a dataset, then replaces it whole: the evaluation equals the one made at ingest, never a cached one", async () => {
    expect((await retrieval("small-plain")).status).toBe(404);
    const first = await run("--name", "small-plain", "--relevant", await folder.write("first.jsonl", jsonl(FIRST)), "--ground-truth-only");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Added ground truth of "small-plain" in .*: 3 relevant documents for 2 queries, evaluated in [\d.]+ s\n$/);
    const before = await retrieval("small-plain");
    expect(before.status).toBe(200);
    expect(before.body.reciprocalRanks.map((r: any) => r.queryId)).toEqual(["f0", "r1"]);
    expect((await retrieval("small-plain")).etag).toBe(before.etag); // kept: answered from the response cache

    const second = await run("--name", "small-plain", "--relevant", await folder.write("relevant.jsonl", jsonl(SECOND)), "--ground-truth-only");
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Replaced the ground truth of "small-plain" .*: 11 relevant documents for 4 queries/);
    const after = await retrieval("small-plain", { "if-none-match": before.etag! });
    expect(after.status).toBe(200); // not a 304 for the old ground truth's response
    expect(after.etag).not.toBe(before.etag);
    const reference = await retrieval("small-at-ingest");
    expect(after.body).toEqual(reference.body);
    expect(after.body.reciprocalRanks.map((r: any) => r.queryId)).toEqual(["f0", "f1", "r0", "r2"]);

    const { relevant, dataset } = await stored();
    expect(relevant).toHaveLength(11);
    expect(dataset.revision).toBe(3);
    // The provenance lists the ground-truth file read last, once, after the scores.
    const files = (typeof dataset.provenance === "string" ? JSON.parse(dataset.provenance) : dataset.provenance).files;
    expect(files.map((f: any) => [f.path, f.role])).toEqual([["scores.csv", "scores"], ["relevant.jsonl", "ground truth"]]);
  });

  it("refuses bad input with one line naming the file and line, and changes nothing", async () => {
    const before = await stored();
    const etag = (await retrieval("small-plain")).etag;
    const lines = `${JSON.stringify({ queryId: "f0", documentId: base.documents[5]!.id })}\n${JSON.stringify({ queryId: "f0", documentId: "no-such-document" })}\n`;
    const bad = await folder.write("bad.jsonl", lines);
    const refused = await run("--name", "small-plain", "--relevant", bad, "--ground-truth-only");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toBe(`ingest: ${bad}: line 2: unknown document id "no-such-document" (not in the documents file)\n`);
    expect(await stored()).toEqual(before);
    expect((await retrieval("small-plain")).etag).toBe(etag);

    const unknown = await run("--name", "no-such-dataset", "--relevant", bad, "--ground-truth-only");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^ingest: .*bad\.jsonl: there is no dataset "no-such-dataset" to add ground truth to/);
    const mixed = await run("--name", "small-plain", "--relevant", bad, "--ground-truth-only", "--bm25");
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(/--ground-truth-only takes --name and --relevant only \(got --bm25\)/);
    const missing = await run("--name", "small-plain", "--ground-truth-only");
    expect(missing.stderr).toMatch(/--ground-truth-only needs --relevant/);
    expect(await stored()).toEqual(before);
  });
});
