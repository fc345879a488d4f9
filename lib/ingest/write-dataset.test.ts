import { describe, it } from "vitest";
import type { SqlClient } from "@/lib/db/sql";
import type { DocumentRecord, IngestInput, QueryRecord } from "@/lib/domain/records";
import { expectRefusal } from "@/tests/support/ingest-files";
import { ingestDataset, MAX_CATEGORIES, MAX_DOCUMENTS } from "./write-dataset";

// Each limit is checked before the database is touched: a client that fails on use shows it.
const noDatabase = new Proxy({}, { get: () => () => Promise.reject(new Error("the database was used")) }) as SqlClient;

const query: QueryRecord = { id: "q", prompt: "p", completion: "c", set: "factual", type: "factual", control: false, answer: null, correct: null, nats: null };
const input = (documents: DocumentRecord[]): IngestInput => ({
  meta: { slug: "limits", name: "", model: null, method: null, description: null, synthetic: false, origin: "limits" },
  queries: [query],
  documents,
  scores: [new Float32Array(documents.length)],
  globalRanks: null,
});
const document = (i: number, extra: Partial<DocumentRecord> = {}): DocumentRecord => ({ id: `d${i}`, source: "s", text: null, tokens: null, ...extra });

describe("ingest's explicit limits", () => {
  it("refuses more documents than a by_document column holds under PostgreSQL's 1 GB per value", async () => {
    // A sparse array: the length is what is checked.
    await expectRefusal(ingestDataset(noDatabase, input(new Array<DocumentRecord>(MAX_DOCUMENTS + 1))), "limits", undefined,
      /89,478,486 documents: at most 89,478,485 fit/);
  });

  it("refuses more than 65,536 sources, and a label with more than 65,535 values", async () => {
    const many = Array.from({ length: MAX_CATEGORIES + 1 }, (_, i) => document(i, { source: `s${i}` }));
    await expectRefusal(ingestDataset(noDatabase, input(many)), "limits", undefined, /65,537 distinct sources: at most 65,536 are supported/);
    const labelled = Array.from({ length: MAX_CATEGORIES }, (_, i) => document(i, { labels: { url: `u${i}` } }));
    await expectRefusal(ingestDataset(noDatabase, input(labelled)), "limits", undefined,
      /document label "url" has 65,536 distinct values: at most 65,535 are supported/);
  });
});
