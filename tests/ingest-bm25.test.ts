/**
 * `npm run ingest -- --bm25` and `--relevant`, in process against a fresh database per
 * backend: the stored scores are BM25 as the formula gives it (a naive implementation),
 * so every statistic works on them; ground truth is stored and evaluated; a bad
 * ground-truth line is refused with one line naming the file and the line, and nothing
 * is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeScores } from "@/lib/data/store/packed";
import { openDatabase, type Database } from "@/lib/db/database";
import { runIngest } from "@/lib/ingest/run-ingest";
import { BACKENDS } from "./support/databases";
import { expectCliRefusal, tempFolder, type CliOutcome, type TempFolder } from "./support/ingest-files";
import { naiveBm25 } from "./support/naive-stats";
import { expectClose } from "./support/numeric";

const QUERIES = [
  { id: "capital", prompt: "What is the capital of Australia?", completion: "The capital of Australia is Canberra.", set: "factual" },
  { id: "everest", prompt: "How tall is Mount Everest?", completion: "Mount Everest is 8,849 metres tall.", set: "factual" },
  { id: "slope", prompt: "What is the slope of y = 3x + 2?", completion: "The slope is 3.", set: "reasoning", type: "slopes" },
];
const TEXTS = [
  "Canberra is the capital city of Australia.",
  "Sydney is the largest city in Australia, not the capital.",
  "Mount Everest, Earth's highest mountain, is 8,849 metres tall.",
  "The slope of a line y = mx + c is m.",
  null,
  "ＭＯＵＮＴ climbing: Everest base camp and the ﬁnal ascent.",
  ...Array.from({ length: 14 }, (_, i) => `Filler document number ${i} about rivers and ${i % 3 === 0 ? "the capital" : "lakes"}.`),
];
const DOCUMENTS = TEXTS.map((text, i) => ({ id: `d${i}`, source: i % 2 ? "wiki" : "webdata", ...(text === null ? {} : { text }) }));
const jsonl = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";

describe.each(BACKENDS)("ingest --bm25 --relevant on $name", ({ create }) => {
  let testDb: Awaited<ReturnType<typeof create>>;
  let db: Database;
  let files: TempFolder;
  let queries: string;
  let documents: string;

  async function run(args: string[]): Promise<CliOutcome> {
    let stdout = "";
    let stderr = "";
    const code = await runIngest(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } }, { database: db });
    return { code, signal: null, stdout, stderr };
  }

  beforeAll(async () => {
    testDb = await create();
    db = await openDatabase(testDb.target);
    files = await tempFolder("ie-bm25");
    queries = await files.write("queries.jsonl", jsonl(QUERIES));
    documents = await files.write("documents.jsonl", jsonl(DOCUMENTS));
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
    await files?.cleanup();
  });

  it("stores BM25 of each document for the query's prompt and completion, with the ground truth evaluated", async () => {
    const relevant = await files.write("relevant.jsonl", jsonl([
      { queryId: "capital", documentId: "d0" },
      { queryId: "everest", documentId: "d2" },
      { queryId: "everest", documentId: "d5" },
      { queryId: "everest", documentId: "d2" }, // listed twice: counts once
    ]));
    const result = await run(["--name", "lexical", "--bm25", "--queries", queries, "--documents", documents, "--relevant", relevant]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Loaded "lexical".*3 queries × 20 documents/);

    const [dataset] = await db.sql.query<{ id: number; method: string; provenance: any }>("SELECT id, method, provenance FROM datasets WHERE slug = 'lexical'");
    expect(dataset!.method).toBe("BM25");
    expect(dataset!.provenance).toMatchObject({ format: "bm25", settings: { k1: 1.2, b: 0.75 } });
    expect(dataset!.provenance.files.map((f: any) => f.role)).toEqual(["queries", "documents", "ground truth"]);
    const rows = await db.sql.query<{ query_idx: number; by_document: Uint8Array }>(
      "SELECT query_idx, by_document FROM query_scores WHERE dataset_id = $1 ORDER BY query_idx", [dataset!.id]);
    QUERIES.forEach((q, i) => {
      const stored = decodeScores(Buffer.from(rows[i]!.by_document));
      const expected = naiveBm25(`${q.prompt} ${q.completion}`, TEXTS);
      expected.forEach((e, d) => expectClose(stored[d]!, e, 1e-6)); // stored as float32
    });
    // The answer documents top their queries; the text-less document scores 0.
    const top = (q: number) => {
      const s = decodeScores(Buffer.from(rows[q]!.by_document));
      return Array.from(s.keys()).sort((a, b) => s[b]! - s[a]!)[0];
    };
    expect(top(0)).toBe(0);
    expect(top(1)).toBe(2);
    expect(decodeScores(Buffer.from(rows[1]!.by_document))[4]).toBe(0);

    const ranks = await db.sql.query<{ query_idx: number; relevant_count: number; first_rank: number }>(
      "SELECT query_idx, relevant_count, first_rank FROM retrieval_ranks WHERE dataset_id = $1 ORDER BY query_idx", [dataset!.id]);
    expect(ranks).toEqual([{ query_idx: 0, relevant_count: 1, first_rank: 1 }, { query_idx: 1, relevant_count: 2, first_rank: 1 }]);
    const [stored] = await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM relevant_documents WHERE dataset_id = $1", [dataset!.id]);
    expect(stored!.n).toBe(3);
  });

  it("refuses a ground-truth line naming an unknown id with one line naming the file and line, storing nothing", async () => {
    const before = await db.sql.query<{ slug: string }>("SELECT slug FROM datasets ORDER BY slug");
    const unknownDocument = await files.write("relevant.jsonl", jsonl([{ queryId: "capital", documentId: "d0" }, { queryId: "capital", documentId: "d99" }]));
    expectCliRefusal(
      await run(["--name", "lexical-2", "--bm25", "--queries", queries, "--documents", documents, "--relevant", unknownDocument]),
      unknownDocument, "line 2", /unknown document id "d99"/,
    );
    const unknownQuery = await files.write("relevant.jsonl", jsonl([{ queryId: "nope", documentId: "d0" }]));
    expectCliRefusal(
      await run(["--name", "lexical-2", "--bm25", "--queries", queries, "--documents", documents, "--relevant", unknownQuery]),
      unknownQuery, "line 1", /unknown query id "nope"/,
    );
    const missingField = await files.write("relevant.jsonl", jsonl([{ queryId: "capital" }]));
    expectCliRefusal(
      await run(["--name", "lexical-2", "--bm25", "--queries", queries, "--documents", documents, "--relevant", missingField]),
      missingField, "line 1", /missing required field "documentId"/,
    );
    expect(await db.sql.query("SELECT slug FROM datasets ORDER BY slug")).toEqual(before);
  });

  it("refuses --bm25 together with a score source or without the corpus", async () => {
    const both = await run(["--name", "x", "--bm25", "--scores", "s.npy", "--queries", queries, "--documents", documents]);
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/^ingest: give exactly one of --scores, --bm25/);
    const alone = await run(["--name", "x", "--bm25", "--queries", queries]);
    expect(alone.stderr).toMatch(/^ingest: --bm25 needs --queries and --documents/);
    const textless = await files.write("documents.jsonl", jsonl(DOCUMENTS.map(({ id, source }) => ({ id, source }))));
    expectCliRefusal(await run(["--name", "x", "--bm25", "--queries", queries, "--documents", textless]), textless, undefined, /no document has a text/);
  });
});
