import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRefusal, tempFolder } from "@/tests/support/ingest-files";
import { readJsonLines, readLineBatches } from "./jsonl";

let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  folder = await tempFolder("jsonl");
});
afterAll(() => folder.cleanup());

async function collect(file: string, chunkBytes?: number) {
  const out: { line: number; value: unknown }[] = [];
  for await (const record of readJsonLines(file, { chunkBytes })) out.push(record);
  return out;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("readJsonLines", () => {
  it("yields values with 1-based line numbers, skipping blank lines, with CRLF and no final newline", async () => {
    const file = await folder.write("a.jsonl", '{"a":1}\r\n\r\n  \n{"b":"x"}\n[2]');
    expect(await collect(file)).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 4, value: { b: "x" } },
      { line: 5, value: [2] },
    ]);
  });

  it("gives the same result when lines and multi-byte characters straddle chunk boundaries", async () => {
    const lines = ['{"t":"héllo wörld 😀 ✓"}', "", '{"t":"' + "ß".repeat(40) + '"}', '{"t":"end"}'];
    const file = await folder.write("b.jsonl", lines.join("\r\n") + "\r\n");
    const expected = [
      { line: 1, value: { t: "héllo wörld 😀 ✓" } },
      { line: 3, value: { t: "ß".repeat(40) } },
      { line: 4, value: { t: "end" } },
    ];
    for (const chunkBytes of [1, 2, 3, 5, 7, 64, 1 << 20]) expect(await collect(file, chunkBytes)).toEqual(expected);
  });

  it("strips a byte-order mark at the start of the file only", async () => {
    const file = await folder.write("bom.jsonl", utf8('\uFEFF{"a":1}\n"\uFEFFx"\n'));
    expect(await collect(file)).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: "\uFEFFx" },
    ]);
  });

  it("batches cover every line exactly once", async () => {
    const text = Array.from({ length: 50 }, (_, i) => `{"i":${i}}`).join("\n");
    const file = await folder.write("c.jsonl", text);
    const seen: string[] = [];
    let next = 1;
    for await (const batch of readLineBatches(file, { chunkBytes: 13 })) {
      expect(batch.firstLine).toBe(next);
      next += batch.lines.length;
      seen.push(...batch.lines);
    }
    expect(seen).toEqual(text.split("\n"));
  });

  it("refuses invalid JSON naming the line", async () => {
    const file = await folder.write("bad.jsonl", '{"a":1}\n\n{"a":2,}\n');
    await expectRefusal(collect(file), file, "line 3", /^invalid JSON: .*column 8/);
  });

  it("refuses invalid UTF-8 naming the line, also across chunks", async () => {
    const bytes = new Uint8Array([...utf8('{"a":"ok"}\n{"a":"'), 0xff, 0xfe, ...utf8('"}\n{"a":3}\n')]);
    const file = await folder.write("latin.jsonl", bytes);
    await expectRefusal(collect(file), file, "line 2", /invalid UTF-8/);
    await expectRefusal(collect(file, 4), file, "line 2", /invalid UTF-8/);
  });

  it("refuses a multi-byte character cut off at the end of the file", async () => {
    const file = await folder.write("cut.jsonl", new Uint8Array([...utf8('{"a":1}\n"\u00e9'), 0xe2, 0x82]));
    await expectRefusal(collect(file), file, "line 2", /invalid UTF-8/);
  });

  it("refuses an empty file and a file of blank lines", async () => {
    const empty = await folder.write("empty.jsonl", "");
    await expectRefusal(collect(empty), empty, undefined, /file is empty/);
    const blank = await folder.write("blank.jsonl", "\n  \r\n\n");
    await expectRefusal(collect(blank), blank, undefined, /file is empty \(only blank lines\)/);
  });

  it("refuses a missing file in one line", async () => {
    const file = `${folder.dir}/does-not-exist.jsonl`;
    await expectRefusal(collect(file), file, undefined, /cannot open: .*ENOENT/);
  });
});
