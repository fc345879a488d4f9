import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRefusal, tempFolder } from "@/tests/support/ingest-files";
import { openDocuments, readDocuments } from "./documents";

let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  folder = await tempFolder("documents");
});
afterAll(() => folder.cleanup());

const jsonl = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";

describe("readDocuments", () => {
  it("reads ids (integers become strings), sources and optional text and tokens", async () => {
    const file = await folder.write(
      "d.jsonl",
      jsonl(
        { id: "d1", source: "wiki", text: "Paris is…", tokens: 12, url: "ignored" },
        { id: 966532, source: "code" },
        { id: "d3", source: "arxiv", text: null, tokens: null },
      ),
    );
    expect(await readDocuments(file)).toEqual([
      { id: "d1", source: "wiki", text: "Paris is…", tokens: 12 },
      { id: "966532", source: "code", text: null, tokens: null },
      { id: "d3", source: "arxiv", text: null, tokens: null },
    ]);
  });

  it("reads tokens given as strings: their count, and the strings for per-token scores", async () => {
    const file = await folder.write("t.jsonl", jsonl({ id: "d1", source: "wiki", text: "Paris is", tokens: ["Paris", " is"] }));
    expect(await readDocuments(file)).toEqual([{ id: "d1", source: "wiki", text: "Paris is", tokens: 2, tokenStrings: ["Paris", " is"] }]);
  });

  it("refuses missing or mistyped fields naming the line", async () => {
    const noSource = await folder.write("source.jsonl", jsonl({ id: "d1", source: "wiki" }, { id: "d2" }));
    await expectRefusal(readDocuments(noSource), noSource, "line 2", /^missing required field "source"$/);
    const noId = await folder.write("id.jsonl", jsonl({ source: "wiki" }));
    await expectRefusal(readDocuments(noId), noId, "line 1", /^missing required field "id"$/);
    const fractionalId = await folder.write("frac.jsonl", jsonl({ id: 1.5, source: "wiki" }));
    await expectRefusal(readDocuments(fractionalId), fractionalId, "line 1", /field "id" must be a non-empty string or an integer, got 1.5/);
    for (const tokens of [-1, 2.5, "7"]) {
      const file = await folder.write("tokens.jsonl", jsonl({ id: "d1", source: "wiki", tokens }));
      await expectRefusal(readDocuments(file), file, "line 1", /field "tokens"/);
    }
    const text = await folder.write("text.jsonl", jsonl({ id: "d1", source: "wiki", text: 5 }));
    await expectRefusal(readDocuments(text), text, "line 1", /field "text" must be a string, got 5/);
  });

  it("refuses duplicate ids, including an integer and its string", async () => {
    const file = await folder.write("dup.jsonl", jsonl({ id: 7, source: "wiki" }, { id: "7", source: "code" }));
    await expectRefusal(readDocuments(file), file, "line 2", /duplicate document id "7" \(first on line 1\)/);
  });

  it("refuses an empty file", async () => {
    const file = await folder.write("empty.jsonl", "\n\n");
    await expectRefusal(readDocuments(file), file, undefined, /file is empty/);
  });
});

describe("openDocuments", () => {
  it("gives readDocuments' records, texts (null and empty ones told apart) read back from a temporary file that is never left behind", async () => {
    const records = Array.from({ length: 3000 }, (_, i) => ({
      id: `d${i}`, source: ["wiki", "code"][i % 2], text: i % 7 === 0 ? null : i % 11 === 0 ? "" : `Ünïcode ${"x".repeat(i % 50)} 🙂 ${i}`,
      tokens: i % 3 === 0 ? ["a", "b"] : 5, ...(i % 5 === 0 ? { labels: { kind: "k" } } : {}),
    }));
    const file = await folder.write("many.jsonl", jsonl(...records));
    const before = (await readdir(tmpdir())).filter((name) => name.startsWith("influence-explorer-"));
    const opened = await openDocuments(file);
    try {
      const expected = await readDocuments(file);
      // The records' fields are getters (columns underneath): read each one.
      expect(opened.documents.map((d) => ({
        id: d.id, source: d.source, text: d.text, tokens: d.tokens,
        ...(d.labels ? { labels: d.labels } : {}), ...(d.tokenStrings ? { tokenStrings: d.tokenStrings } : {}),
      }))).toEqual(expected);
      // A list as readers use one: indexing, iteration, slices; records are made when read.
      const list = opened.documents;
      expect([Array.isArray(list), list.length, list[2999]!.id, list[3000], [...list].length]).toEqual([true, 3000, "d2999", undefined, 3000]);
      expect(list.slice(10, 12).map((d) => d.id)).toEqual(["d10", "d11"]);
      expect(list.findIndex((d) => d.id === "d7")).toBe(7);
    } finally {
      opened.close();
    }
    expect((await readdir(tmpdir())).filter((name) => name.startsWith("influence-explorer-"))).toEqual(before);
    const duplicate = await folder.write("dup.jsonl", jsonl({ id: "a", source: "s" }, { id: "a", source: "s" }));
    await expectRefusal(openDocuments(duplicate), duplicate, "line 2", /duplicate document id "a"/);
  });

  it("reads texts back the same in index order, backwards and at random, across many read-ahead windows", async () => {
    // About 3 MB of texts, one of them longer than a window (1 MiB), nulls and empties between.
    const texts = Array.from({ length: 4000 }, (_, i) =>
      i === 1500 ? "é".repeat(700_000) : i % 13 === 0 ? null : i % 17 === 0 ? "" : `${i} ${"ü".repeat(i % 300)} 🙂`);
    const file = await folder.write("windows.jsonl", jsonl(...texts.map((text, i) => ({ id: `d${i}`, source: "s", text }))));
    const opened = await openDocuments(file);
    try {
      const at = (i: number) => opened.documents[i]!.text;
      const indices = [...texts.keys()];
      expect(indices.map(at)).toEqual(texts);
      expect(indices.reverse().map(at)).toEqual([...texts].reverse());
      const shuffled = indices.map((i) => (i * 7919) % texts.length);
      expect(shuffled.map(at)).toEqual(shuffled.map((i) => texts[i]));
    } finally {
      opened.close();
    }
  });

  it("refuses a duplicate id among many (its index of ids grows past its first size), naming both lines", async () => {
    const ids = Array.from({ length: 70_000 }, (_, i) => ({ id: i === 5 ? 5 : `d${i}`, source: "s" }));
    const file = await folder.write("many-dup.jsonl", jsonl(...ids, { id: 5, source: "s" }));
    await expectRefusal(openDocuments(file), file, "line 70001", /duplicate document id "5" \(first on line 6\)/);
    const distinct = await folder.write("many.jsonl", jsonl(...ids, { id: "d70000", source: "s" }));
    const opened = await openDocuments(distinct);
    opened.close();
    expect(opened.documents.length).toBe(70_001);
  });
});
