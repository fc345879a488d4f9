/**
 * `--replace` commits a new dataset under the same slug while the server reads the old
 * one: a reader sees the old dataset or the new one, whole, never an error or a mix.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getQueries } from "@/app/api/datasets/[slug]/queries/route";
import { findDataset, readConsistently } from "@/lib/data/store/datasets";
import { listQueries } from "@/lib/data/store/queries";
import { openDatabase, type Database } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { setDatabase } from "@/lib/db/server";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { smallDataset } from "@/tests/support/small-dataset";

let db: Database;

/** The small dataset, relabelled so the old and the new one can be told apart. */
function version(label: string) {
  const input = smallDataset("swap");
  input.queries = input.queries.map((q) => ({ ...q, prompt: `${label}: ${q.prompt}` }));
  return input;
}

beforeAll(async () => {
  db = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  await migrate(db.sql);
  await ingestDataset(db.sql, version("old"));
  setDatabase(db);
});
afterAll(async () => {
  await db?.close();
});

describe("a read during --replace", () => {
  it("reads again, whole, when the dataset is replaced between its statements", async () => {
    let replaced = false;
    const prompts = await readConsistently("swap", async () => {
      const dataset = await findDataset("swap");
      if (!replaced) {
        replaced = true;
        await ingestDataset(db.sql, version("new"), { replace: true });
      }
      // Without the re-read this is the old id, whose queries are gone: an empty list.
      return (await listQueries(dataset!.id)).map((q) => q.prompt);
    });
    expect(prompts).toHaveLength(6);
    expect(prompts.every((p) => p.startsWith("new: "))).toBe(true);
  });
});

describe("an API response kept in the server's memory", () => {
  const prompts = async () => {
    const response = await getQueries(new Request("http://test/api/datasets/swap/queries"), { params: Promise.resolve({ slug: "swap" }) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { prompt: string }[];
    return body.map((q) => q.prompt);
  };

  it("is answered again byte for byte, and never outlives a replacement", async () => {
    await ingestDataset(db.sql, version("first"), { replace: true });
    const first = await prompts();
    expect(first.every((p) => p.startsWith("first: "))).toBe(true);
    expect(await prompts()).toEqual(first); // the kept bytes
    await ingestDataset(db.sql, version("second"), { replace: true });
    const second = await prompts();
    expect(second).toHaveLength(6);
    expect(second.every((p) => p.startsWith("second: "))).toBe(true);
  });
});
