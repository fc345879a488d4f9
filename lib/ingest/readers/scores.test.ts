import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRows } from "@/lib/ingest/score-source";
import { expectRefusal, openScratchFiles, tempFolder } from "@/tests/support/ingest-files";
import { encode, f16Bits, npy, rawUint16, safetensors } from "@/tests/support/score-files";
import { openScores, readScores, type ReadScoresOptions } from "./scores";

let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  folder = await tempFolder("scores");
});
afterAll(() => folder.cleanup());

// ---------------------------------------------------------------------------------------
// Fixtures: written by tests/support/score-files.ts from the format specifications, independent of the reader.

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}` }));
const Q3 = ids("q", 3);
const D4 = ids("d", 4);

/** S[q, d] = (4q + d) * 0.75 - 2: exact in float16 and bfloat16 as well as float32. */
const M = [0, 1, 2].map((q) => [0, 1, 2, 3].map((d) => (4 * q + d) * 0.75 - 2));
const expectedRows = M.map((row) => Float32Array.from(row));
/** Row-major [queries, documents]; also the fortran-order bytes of [documents, queries]. */
const queriesMajor = M.flat();
/** Row-major [documents, queries]; also the fortran-order bytes of [queries, documents]. */
const documentsMajor = [0, 1, 2, 3].flatMap((d) => M.map((row) => row[d] ?? NaN));

const CHUNKS: (number | undefined)[] = [undefined, 2, 6, 8, 20];

/**
 * readScores' rows; every case also checks that openScores (a query at a time, through a
 * temporary file for any layout but float32 [queries, documents]) gives the same rows,
 * or the same refusal, and leaves no file behind.
 */
async function read(file: string, options: ReadScoresOptions = {}, queries = Q3, documents = D4) {
  const before = await scratchFiles();
  // Long formats: also with pages of 3 values, 2 held, so pages span queries, are written
  // out and read back whatever the line order.
  const opened = [options, { ...options, paging: { pageValues: 3, pages: 2 } }];
  let rows: Float32Array[];
  try {
    rows = await readScores(file, queries, documents, options);
  } catch (error) {
    for (const open of opened) await expect(openScores(file, queries, documents, open)).rejects.toThrow((error as Error).message);
    expect(await scratchFiles()).toEqual(before);
    expect(await openScratchFiles()).toEqual([]);
    throw error;
  }
  for (const open of opened) {
    const source = await openScores(file, queries, documents, open);
    try {
      expect(await allRows(source)).toEqual(rows);
      expect(await source.block(1, documents.length - 1)).toEqual(rows.map((row) => row.subarray(1)));
    } finally {
      await source.close();
    }
  }
  expect(await scratchFiles()).toEqual(before);
  expect(await openScratchFiles()).toEqual([]);
  return rows;
}

/** The score sources' temporary files in os.tmpdir() (unlinked as soon as they are opened). */
async function scratchFiles() {
  return (await readdir(tmpdir())).filter((name) => name.startsWith("influence-explorer-"));
}

// ---------------------------------------------------------------------------------------

describe("readScores: safetensors", () => {
  it("reads Kronfluence's F32 all_modules [queries, documents] exactly", async () => {
    const file = await folder.write(
      "pairwise_scores.safetensors",
      safetensors({ all_modules: { dtype: "F32", shape: [3, 4], data: encode(queriesMajor, "F32") } }, { format: "pt" }),
    );
    expect(await read(file)).toEqual(expectedRows);
  });

  it("reads every dtype in both orientations across chunk boundaries", async () => {
    for (const dtype of ["F16", "BF16", "F32", "F64"] as const) {
      const qd = await folder.write(
        "qd.safetensors",
        safetensors({ all_modules: { dtype, shape: [3, 4], data: encode(queriesMajor, dtype) } }),
      );
      const dq = await folder.write(
        "dq.safetensors",
        safetensors({ all_modules: { dtype, shape: [4, 3], data: encode(documentsMajor, dtype) } }),
      );
      for (const chunkBytes of CHUNKS) {
        expect(await read(qd, { chunkBytes }), `${dtype} qd ${chunkBytes}`).toEqual(expectedRows);
        expect(await read(dq, { chunkBytes }), `${dtype} dq ${chunkBytes}`).toEqual(expectedRows);
      }
    }
  });

  it("converts float16 bits to the hand-computed values", async () => {
    const bits = [0x3c00, 0xc000, 0x3555, 0x7bff, 0x0400, 0x0001, 0x03ff, 0x8000];
    const values = [1, -2, 0.333251953125, 65504, 2 ** -14, 2 ** -24, 1023 * 2 ** -24, -0];
    const file = await folder.write(
      "f16.safetensors",
      safetensors({ scores: { dtype: "F16", shape: [2, 4], data: rawUint16(bits) } }),
    );
    const rows = await read(file, {}, ids("q", 2), D4);
    expect(rows.flatMap((r) => [...r])).toEqual(values);
    expect(Object.is(rows[1]?.[3], -0)).toBe(true);
  });

  it("converts bfloat16 bits to the hand-computed values", async () => {
    const bits = [0x3f80, 0xc000, 0x3eab, 0x7f7f, 0x0080, 0x0001, 0x007f, 0x8000];
    const values = [1, -2, 0.333984375, 255 * 2 ** 120, 2 ** -126, 2 ** -133, 127 * 2 ** -133, -0];
    const file = await folder.write(
      "bf16.safetensors",
      safetensors({ scores: { dtype: "BF16", shape: [2, 4], data: rawUint16(bits) } }),
    );
    const rows = await read(file, {}, ids("q", 2), D4);
    expect(rows.flatMap((r) => [...r])).toEqual(values);
  });

  it("picks the tensor: named key, all_modules, or the only one", async () => {
    const other = encode(queriesMajor.map((v) => v + 1), "F32");
    const two = await folder.write(
      "two.safetensors",
      safetensors({
        all_modules: { dtype: "F32", shape: [3, 4], data: encode(queriesMajor, "F32") },
        "model.layers.0.mlp": { dtype: "F32", shape: [3, 4], data: other },
      }),
    );
    expect(await read(two)).toEqual(expectedRows);
    expect((await read(two, { key: "model.layers.0.mlp" }))[0]?.[0]).toBe(-1);
    await expectRefusal(read(two, { key: "nope" }), two, undefined, /no tensor named "nope"; the file has "all_modules", "model.layers.0.mlp"/);

    const several = await folder.write(
      "several.safetensors",
      safetensors({ a: { dtype: "F32", shape: [3, 4], data: other }, b: { dtype: "F32", shape: [3, 4], data: other } }),
    );
    await expectRefusal(read(several), several, undefined, /no tensor "all_modules" and several tensors \("a", "b"\); name one with --key/);
  });

  it("takes the orientation flag for a square matrix and refuses to guess without it", async () => {
    const square = [0, 1, 2].flatMap((q) => [0, 1, 2].map((d) => 10 * q + d));
    const file = await folder.write("square.safetensors", safetensors({ all_modules: { dtype: "F32", shape: [3, 3], data: encode(square, "F32") } }));
    const D3 = ids("d", 3);
    await expectRefusal(read(file, {}, Q3, D3), file, "tensor all_modules", /fits both orientations with 3 queries × 3 documents; pass --orientation/);
    expect((await read(file, { orientation: "queries-documents" }, Q3, D3)).map((r) => [...r])).toEqual([[0, 1, 2], [10, 11, 12], [20, 21, 22]]);
    expect((await read(file, { orientation: "documents-queries" }, Q3, D3)).map((r) => [...r])).toEqual([[0, 10, 20], [1, 11, 21], [2, 12, 22]]);
  });

  it("refuses a shape matching neither orientation, or contradicting the flag, naming both counts", async () => {
    const file = await folder.write("shape.safetensors", safetensors({ all_modules: { dtype: "F32", shape: [5, 6], data: encode(new Array(30).fill(0), "F32") } }));
    await expectRefusal(read(file), file, "tensor all_modules", /^shape \[5, 6\] does not match 3 queries × 4 documents$/);
    const qd = await folder.write("qd.safetensors", safetensors({ all_modules: { dtype: "F32", shape: [3, 4], data: encode(queriesMajor, "F32") } }));
    await expectRefusal(
      read(qd, { orientation: "documents-queries" }),
      qd,
      "tensor all_modules",
      /shape \[3, 4\] does not match 3 queries × 4 documents \(orientation documents-queries expects \[4, 3\]\)/,
    );
    const cube = await folder.write("cube.safetensors", safetensors({ all_modules: { dtype: "F32", shape: [3, 4, 1], data: encode(queriesMajor, "F32") } }));
    await expectRefusal(read(cube), cube, "tensor all_modules", /expected a 2-D score matrix, got shape \[3, 4, 1\]/);
  });

  it("refuses NaN and infinite scores naming the query and document", async () => {
    const withNaN = [...queriesMajor];
    withNaN[1 * 4 + 2] = NaN;
    const f32 = await folder.write("nan.safetensors", safetensors({ all_modules: { dtype: "F32", shape: [3, 4], data: encode(withNaN, "F32") } }));
    await expectRefusal(read(f32), f32, "query q1 / document d2", /score is NaN; every score must be finite/);

    // Same cell in the transposed layout, read through the scattering path.
    const transposed = [...documentsMajor];
    transposed[2 * 3 + 1] = -Infinity;
    const dq = await folder.write("inf.safetensors", safetensors({ all_modules: { dtype: "F32", shape: [4, 3], data: encode(transposed, "F32") } }));
    await expectRefusal(read(dq, { chunkBytes: 12 }), dq, "query q1 / document d2", /score is -Infinity/);

    const halfBits = queriesMajor.map(f16Bits);
    halfBits[2 * 4 + 3] = 0x7c00; // +Infinity in float16
    const f16 = await folder.write("inf16.safetensors", safetensors({ all_modules: { dtype: "F16", shape: [3, 4], data: rawUint16(halfBits) } }));
    await expectRefusal(read(f16), f16, "query q2 / document d3", /score is Infinity/);

    const big = [...queriesMajor];
    big[0] = 1e39; // finite as float64, Infinity as float32
    const f64 = await folder.write("big.safetensors", safetensors({ all_modules: { dtype: "F64", shape: [3, 4], data: encode(big, "F64") } }));
    await expectRefusal(read(f64), f64, "query q0 / document d0", /score 1e\+39 overflows float32/);
  });

  it("refuses truncated and corrupt files", async () => {
    const good = safetensors({ all_modules: { dtype: "F32", shape: [3, 4], data: encode(queriesMajor, "F32") } });
    const truncated = await folder.write("cut.safetensors", good.subarray(0, good.length - 4));
    await expectRefusal(read(truncated), truncated, "tensor all_modules", /file is truncated: .*up to byte \d+ but the file has \d+ bytes/);

    const hugeHeader = good.slice();
    new DataView(hugeHeader.buffer).setBigUint64(0, 1n << 40n, true);
    const huge = await folder.write("huge.safetensors", hugeHeader);
    await expectRefusal(read(huge), huge, undefined, /bad header: header length 1099511627776 exceeds the \d+ bytes after it/);

    const tiny = await folder.write("tiny.safetensors", new Uint8Array([1, 2, 3]));
    await expectRefusal(read(tiny), tiny, undefined, /bad header: 3 bytes is too short/);

    const notJson = new Uint8Array(16);
    new DataView(notJson.buffer).setBigUint64(0, 8n, true);
    notJson.set(new TextEncoder().encode("{nojson}"), 8);
    const garbage = await folder.write("garbage.safetensors", notJson);
    await expectRefusal(read(garbage), garbage, undefined, /bad header: not valid JSON/);

    const offsets = await folder.write(
      "offsets.safetensors",
      safetensors({ all_modules: { dtype: "F32", shape: [3, 5], data: encode(queriesMajor, "F32") } }),
    );
    await expectRefusal(
      read(offsets),
      offsets,
      "tensor all_modules",
      /bad header: data_offsets \[0, 48\] span 48 bytes but F32 shape \[3, 5\] needs 60/,
    );

    const ints = await folder.write("ints.safetensors", safetensors({ all_modules: { dtype: "I32", shape: [3, 4], data: encode(queriesMajor, "F32") } }));
    await expectRefusal(read(ints), ints, "tensor all_modules", /unsupported dtype I32: expected F32, F16, BF16 or F64/);

    const empty = await folder.write("empty.safetensors", "");
    await expectRefusal(read(empty), empty, undefined, /^file is empty$/);
  });
});

describe("readScores: npy", () => {
  it("reads C and fortran order, both orientations, float16/32/64, versions 1-3", async () => {
    const cases = [
      { shape: [3, 4], fortran: false, values: queriesMajor },
      { shape: [3, 4], fortran: true, values: documentsMajor },
      { shape: [4, 3], fortran: false, values: documentsMajor },
      { shape: [4, 3], fortran: true, values: queriesMajor },
    ];
    const dtypes = [
      ["<f2", "F16"],
      ["<f4", "F32"],
      ["<f8", "F64"],
    ] as const;
    for (const { shape, fortran, values } of cases) {
      for (const [descr, dtype] of dtypes) {
        for (const major of [1, 2, 3]) {
          const file = await folder.write("m.npy", npy(descr, shape, fortran, encode(values, dtype), major));
          for (const chunkBytes of CHUNKS) {
            expect(await read(file, { chunkBytes }), `${descr} ${shape} fortran=${fortran} v${major} ${chunkBytes}`).toEqual(expectedRows);
          }
        }
      }
    }
  });

  it("reads TRAK's documents × queries float16 .mmap and big-endian values", async () => {
    const mmap = await folder.write("experiment.mmap", npy("<f2", [4, 3], false, encode(documentsMajor, "F16")));
    expect(await read(mmap)).toEqual(expectedRows);
    const big = await folder.write("big-endian.npy", npy(">f4", [3, 4], false, encode(queriesMajor, "F32", false)));
    expect(await read(big)).toEqual(expectedRows);
    const big64 = await folder.write("big-endian64.npy", npy(">f8", [4, 3], false, encode(documentsMajor, "F64", false)));
    expect(await read(big64, { chunkBytes: 24 })).toEqual(expectedRows);
  });

  it("refuses a truncated file, extra bytes, a bad magic, version or dtype, and a non-matrix", async () => {
    const good = npy("<f4", [3, 4], false, encode(queriesMajor, "F32"));
    const cut = await folder.write("cut.npy", good.subarray(0, good.length - 1));
    await expectRefusal(read(cut), cut, undefined, /file is truncated: the header promises 3 × 4 float32 values \(48 bytes\) but only 47 bytes follow it/);
    const extra = await folder.write("extra.npy", new Uint8Array([...good, 0, 0, 0, 0]));
    await expectRefusal(read(extra), extra, undefined, /size does not match the header: .* but 4 more bytes follow/);
    const magic = good.slice();
    magic[1] = 0x58;
    const badMagic = await folder.write("magic.npy", magic);
    await expectRefusal(read(badMagic), badMagic, undefined, /bad header: not an \.npy file/);
    const version = good.slice();
    version[6] = 4;
    const badVersion = await folder.write("version.npy", version);
    await expectRefusal(read(badVersion), badVersion, undefined, /bad header: unsupported \.npy format version 4\.0/);
    const headerCut = await folder.write("header-cut.npy", good.subarray(0, 30));
    await expectRefusal(read(headerCut), headerCut, undefined, /bad header: header length \d+ exceeds/);
    const ints = await folder.write("ints.npy", npy("<i4", [3, 4], false, encode(queriesMajor, "F32")));
    await expectRefusal(read(ints), ints, undefined, /unsupported dtype '<i4': expected float16, float32 or float64/);
    const vector = await folder.write("vector.npy", npy("<f4", [12], false, encode(queriesMajor, "F32")));
    await expectRefusal(read(vector), vector, undefined, /expected a 2-D score matrix, got shape \[12\]/);
    const wrong = await folder.write("wrong.npy", npy("<f4", [2, 6], false, encode(queriesMajor, "F32")));
    await expectRefusal(read(wrong), wrong, undefined, /^shape \[2, 6\] does not match 3 queries × 4 documents$/);
    const empty = await folder.write("empty.npy", "");
    await expectRefusal(read(empty), empty, undefined, /^file is empty$/);
  });

  it("refuses NaN naming the query and document, in fortran order too", async () => {
    const values = [...documentsMajor]; // fortran [3, 4] bytes
    values[3 * 3 + 0] = NaN; // document 3, query 0
    const file = await folder.write("nan.npy", npy("<f8", [3, 4], true, encode(values, "F64")));
    await expectRefusal(read(file), file, "query q0 / document d3", /score is NaN/);
  });
});

describe("readScores: long CSV and JSONL", () => {
  const QC = [{ id: "q,1" }, { id: 'say "hi"' }];
  const DC = [{ id: "a" }, { id: "b, c" }, { id: "d\ne" }];
  const expected = [Float32Array.from([0.1, 0.2, -3]), Float32Array.from([1e-8, 0, 2.5])];
  const csvRows = [
    'score,document_id,extra,query_id',
    '0.1,a,x,"q,1"',
    '1e-8,a,,"say ""hi"""',
    '0.2,"b, c",y,"q,1"',
    '-3,"d',
    'e",z,"q,1"',
    '',
    '0,"b, c",,"say ""hi"""',
    '2.5,"d\ne",,"say ""hi"""',
  ];

  it("reads any column order, quoted ids with commas, quotes and newlines, CRLF", async () => {
    for (const eol of ["\n", "\r\n"]) {
      const file = await folder.write("long.csv", csvRows.join(eol));
      for (const chunkBytes of [undefined, 5, 17]) expect(await read(file, { chunkBytes }, QC, DC)).toEqual(expected);
    }
  });

  it("reads long JSONL with string or integer ids", async () => {
    const lines = [
      { query_id: "q,1", document_id: "a", score: 0.1 },
      { query_id: "q,1", document_id: "b, c", score: 0.2 },
      { query_id: "q,1", document_id: "d\ne", score: -3 },
      { query_id: 'say "hi"', document_id: "a", score: 1e-8 },
      { query_id: 'say "hi"', document_id: "b, c", score: 0 },
      { query_id: 'say "hi"', document_id: "d\ne", score: 2.5, note: "ignored" },
    ];
    const file = await folder.write("long.ndjson", lines.map((l) => JSON.stringify(l)).join("\n"));
    expect(await read(file, {}, QC, DC)).toEqual(expected);
    const numeric = await folder.write("numeric.jsonl", '{"query_id":0,"document_id":7,"score":1}\n{"query_id":0,"document_id":8,"score":2}\n');
    expect(await read(numeric, {}, [{ id: "0" }], [{ id: "7" }, { id: "8" }])).toEqual([Float32Array.from([1, 2])]);
  });

  it("reads the common JSONL layout and any other spelling of the same values alike", async () => {
    const scores = ["1E+2", "-0", "1.0e-5", "0.1", "-2.5e-45", "123456789012"];
    const plain = scores.map((score, d) => `{"query_id":"q0","document_id":"d${d}","score":${score}}`);
    const other = scores.map((score, d) => `{ "score" : ${score}, "document_id": "\u0064${d}", "query_id" : "q0" }`);
    const documents = ids("d", scores.length);
    const expectedRow = [Float32Array.from(scores.map(Number))];
    for (const lines of [plain, other]) {
      const file = await folder.write("layout.jsonl", lines.join("\n"));
      const rows = await read(file, {}, [{ id: "q0" }], documents);
      expect(rows).toEqual(expectedRow);
      expect(Object.is(rows[0]?.[1], -0)).toBe(true);
    }
  });

  it("reads lines grouped by query, grouped by document or shuffled alike", async () => {
    const queries = ids("q", 5);
    const documents = ids("d", 37);
    const value = (q: number, d: number) => (q * 37 + d) * 0.25 - 20;
    const pairs = queries.flatMap((_, q) => documents.map((_, d) => [q, d] as const));
    const byDocument = [...pairs].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    // A fixed shuffle: every pair once, in an order no page cache can follow.
    const shuffled = pairs.map((pair, i) => ({ pair, key: (i * 7919) % pairs.length })).sort((a, b) => a.key - b.key).map((p) => p.pair);
    const expectedRows = queries.map((_, q) => Float32Array.from(documents, (_, d) => value(q, d)));
    for (const order of [pairs, byDocument, shuffled]) {
      const file = await folder.write("order.csv", ["query_id,document_id,score", ...order.map(([q, d]) => `q${q},d${d},${value(q, d)}`)].join("\n"));
      expect(await read(file, {}, queries, documents)).toEqual(expectedRows);
      const last = order.at(-1)!;
      const gap = await folder.write("order-gap.csv", ["query_id,document_id,score", ...order.slice(0, -1).map(([q, d]) => `q${q},d${d},${value(q, d)}`)].join("\n"));
      await expectRefusal(read(gap, {}, queries, documents), gap, `query q${last[0]} / document d${last[1]}`, /^pair missing: 1 of 185 /);
    }
  });

  it("reads a CSV that starts with a byte-order mark (as Excel writes it)", async () => {
    const file = await folder.write("bom.csv", "\uFEFFquery_id,document_id,score\r\nq0,d0,1\r\nq0,d1,2\r\n");
    expect(await read(file, {}, [{ id: "q0" }], ids("d", 2))).toEqual([Float32Array.from([1, 2])]);
  });

  const header = "query_id,document_id,score";
  const full = (edit: (rows: string[]) => string[]) =>
    [header, ...edit(Q3.flatMap((q) => D4.map((d) => `${q.id},${d.id},1.5`)))].join("\n");

  it("refuses missing pairs naming one and the count", async () => {
    const file = await folder.write("missing.csv", full((rows) => rows.filter((r) => !r.startsWith("q1,d2") && !r.startsWith("q2,"))));
    await expectRefusal(read(file), file, "query q1 / document d2", /pair missing: 5 of 12 \(query, document\) pairs are missing/);
    const headerOnly = await folder.write("header-only.csv", `${header}\n`);
    await expectRefusal(read(headerOnly), headerOnly, "query q0 / document d0", /pair missing: 12 of 12/);
  });

  it("refuses duplicate pairs naming the line and pair", async () => {
    const file = await folder.write("dup.csv", full((rows) => [...rows.slice(0, 5), "q0,d1,2", ...rows.slice(5)]));
    await expectRefusal(read(file), file, "line 7, query q0 / document d1", /duplicate pair/);
    const jsonl = await folder.write("dup.jsonl", '{"query_id":"q0","document_id":"d1","score":1}\n{"query_id":"q0","document_id":"d1","score":1}\n');
    await expectRefusal(read(jsonl), jsonl, "line 2, query q0 / document d1", /duplicate pair/);
  });

  it("refuses unknown ids", async () => {
    const q = await folder.write("unknown-q.csv", full((rows) => [...rows, "q9,d1,2"]));
    await expectRefusal(read(q), q, "line 14", /unknown query id "q9" \(not in the queries file\)/);
    const d = await folder.write("unknown-d.csv", full((rows) => ["q0,d99,2", ...rows]));
    await expectRefusal(read(d), d, "line 2", /unknown document id "d99" \(not in the documents file\)/);
  });

  it("refuses scores that are not finite float32 values naming the pair", async () => {
    for (const [score, problem] of [
      ["nan", /score "nan" is not a finite number/],
      ["Infinity", /score "Infinity" is not a finite number/],
      ["", /score \(empty\) is not a finite number/],
      ["abc", /score "abc" is not a finite number/],
      ["1e39", /score "1e39" overflows float32/],
    ] as const) {
      const file = await folder.write("bad-score.csv", full((rows) => rows.map((r) => (r === "q2,d1,1.5" ? `q2,d1,${score}` : r))));
      await expectRefusal(read(file), file, "line 11, query q2 / document d1", problem);
    }
    const jsonl = await folder.write("bad-score.jsonl", '{"query_id":"q0","document_id":"d0","score":1e400}\n');
    await expectRefusal(read(jsonl), jsonl, "line 1, query q0 / document d0", /score Infinity is not a finite number/);
    const text = await folder.write("text-score.jsonl", '{"query_id":"q0","document_id":"d0","score":"NaN"}\n');
    await expectRefusal(read(text), text, "line 1, query q0 / document d0", /field "score" must be a number, got "NaN"/);
  });

  it("refuses a bad header, a wrong field count, bad quoting, missing fields and empty files", async () => {
    const noScore = await folder.write("no-score.csv", "query_id,document_id,value\nq0,d0,1\n");
    await expectRefusal(read(noScore), noScore, "line 1", /header must name the columns query_id, document_id and score; missing score/);
    const fields = await folder.write("fields.csv", `${header}\nq0,d0,1\nq0,d,1,1\n`);
    await expectRefusal(read(fields), fields, "line 3", /expected 3 fields as in the header, got 4 \(quote ids that contain commas\)/);
    const open = await folder.write("open.csv", `${header}\n"q0,d0,1\nq0,d1,1\n`);
    await expectRefusal(read(open), open, "line 2", /unterminated quoted field/);
    const stray = await folder.write("stray.csv", `${header}\n"q0"x,d0,1\n`);
    await expectRefusal(read(stray), stray, "line 2", /malformed CSV: a closing quote must be followed by a comma/);
    const empty = await folder.write("empty.csv", "");
    await expectRefusal(read(empty), empty, undefined, /^file is empty$/);
    const blank = await folder.write("blank.csv", "\n\n");
    await expectRefusal(read(blank), blank, undefined, /file is empty/);

    const noDoc = await folder.write("no-doc.jsonl", '{"query_id":"q0","score":1}\n');
    await expectRefusal(read(noDoc), noDoc, "line 1", /^missing required field "document_id"$/);
    const array = await folder.write("array.jsonl", "\n[1,2,3]\n");
    await expectRefusal(read(array), array, "line 2", /record must be a JSON object/);
    const invalid = await folder.write("invalid.jsonl", '{"query_id":"q0",\n');
    await expectRefusal(read(invalid), invalid, "line 1", /^invalid JSON/);
    const latin = await folder.write("latin.csv", new Uint8Array([...new TextEncoder().encode(`${header}\nq0,d`), 0xe9, 0x0a]));
    await expectRefusal(read(latin), latin, "line 2", /invalid UTF-8/);
  });
});

describe("readScores: format", () => {
  it("refuses an unknown extension listing the known formats", async () => {
    const file = await folder.write("scores.txt", "1,2,3");
    await expectRefusal(
      read(file),
      file,
      undefined,
      /unknown score format "\.txt": known formats are safetensors \(\.safetensors\), npy \(\.npy, \.mmap\), csv \(\.csv\), jsonl \(\.jsonl, \.ndjson\); name one with --format/,
    );
  });

  it("lets the format option override the extension", async () => {
    const file = await folder.write("scores.bin", npy("<f4", [3, 4], false, encode(queriesMajor, "F32")));
    expect(await read(file, { format: "npy" })).toEqual(expectedRows);
    await expectRefusal(read(file, { format: "safetensors" }), file, undefined, /bad header/);
  });
});
