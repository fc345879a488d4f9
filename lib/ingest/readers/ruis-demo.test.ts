import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRefusal, tempFolder } from "@/tests/support/ingest-files";
import { needsRuisDemo } from "@/tests/support/needs-ruis-demo";
import { RUIS_DEMO_DIR, ruisDemoFile } from "@/tests/support/ruis-demo";
import { readRuisDemo } from "./ruis-demo";

let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  folder = await tempFolder("ruis");
});
afterAll(() => folder.cleanup());

/** A small file in the authors' layout: 100 queries, 5 columns of which column 3 repeats column 1. */
function demoJson(model = "7B", queries = 100) {
  const trainingIds = [11, 22, 33, 22, 55];
  const dot = Array.from({ length: queries }, (_, q) => [q, q + 0.5, -q, q + 0.5, 1e-9 * q]);
  return {
    model,
    training_ids: trainingIds,
    test_ids: Array.from({ length: queries }, (_, q) => q),
    training_sequences: ["t11", "t22", "t33", "t22 ", "t55"],
    training_sources: ["webdata", "code", "math_and_trivia", "code", "arxiv_markdown"],
    test_sequences: Array.from({ length: queries }, (_, q) => `Prompt:\np${q}\n\nCompletion:\nc${q}`),
    prompts: Array.from({ length: queries }, (_, q) => `p${q}`),
    completions: Array.from({ length: queries }, (_, q) => `c${q}`),
    influences_dot: dot,
    influences_cos: dot.map((row) => row.map((v) => v / 2)),
    ranks: dot.map((_, q) => [q, 1000 + q, 4_999_999, 1000 + q, 7]),
    ranks_normed: dot.map((_, q) => [q + 1, 2000 + q, 4_999_998, 2000 + q, 8]),
  };
}

const write = (name: string, value: unknown) => folder.write(name, JSON.stringify(value, null, 2));

describe("readRuisDemo (constructed file)", () => {
  it("assigns sets, types and controls by the authors' index ranges", async () => {
    const file = await write("demo_7B.json", demoJson("7B"));
    const data = await readRuisDemo(file);
    const at = (i: number) => {
      const q = data.queries[i];
      return q && [q.id, q.set, q.type, q.control];
    };
    expect(at(0)).toEqual(["0", "factual", "factual", false]);
    expect(at(39)).toEqual(["39", "factual", "factual", false]);
    expect(at(40)).toEqual(["40", "reasoning", "arithmetic", false]);
    expect(at(59)).toEqual(["59", "reasoning", "arithmetic", false]);
    expect(at(60)).toEqual(["60", "reasoning", "slopes", false]);
    expect(at(79)).toEqual(["79", "reasoning", "slopes", false]);
    expect(at(80)).toEqual(["80", "factual", "factual", true]);
    expect(at(89)).toEqual(["89", "factual", "factual", true]);
    expect(at(90)).toEqual(["90", "reasoning", "reasoning", true]);
    expect(at(99)).toEqual(["99", "reasoning", "reasoning", true]);
    expect(data.queries[7]).toMatchObject({ prompt: "p7", completion: "c7", answer: null, correct: null, nats: null });

    const linear = await readRuisDemo(await write("demo_35B.json", demoJson("35B")));
    expect(linear.queries[50]?.type).toBe("linear");
    expect(linear.meta).toEqual({
      slug: "",
      name: "Ruis et al. demo (35B)",
      model: "Command R 35B",
      method: "EK-FAC",
      description: expect.stringMatching(/^100 queries × 4 curated documents .* global rank among the study's 5M/),
      synthetic: false,
      origin: "demo_35B.json",
    });
  });

  it("drops a repeated document column after checking it, keeping scores and ranks aligned", async () => {
    const data = await readRuisDemo(await write("demo.json", demoJson()));
    expect(data.documents).toEqual([
      { id: "11", source: "webdata", text: "t11", tokens: null },
      { id: "22", source: "code", text: "t22", tokens: null },
      { id: "33", source: "math_and_trivia", text: "t33", tokens: null },
      { id: "55", source: "arxiv_markdown", text: "t55", tokens: null },
    ]);
    expect(data.scores[3]).toEqual(Float32Array.from([3, 3.5, -3, 3e-9]));
    expect(data.globalRanks?.[3]).toEqual(Int32Array.from([3, 1003, 4_999_999, 7]));

    const cos = await readRuisDemo(await write("demo.json", demoJson()), { score: "cos" });
    expect(cos.scores[3]).toEqual(Float32Array.from([1.5, 1.75, -1.5, 1.5e-9]));
    expect(cos.globalRanks?.[3]).toEqual(Int32Array.from([4, 2003, 4_999_998, 8]));
  });

  it("refuses a repeated document whose scores differ", async () => {
    const json = demoJson();
    const row = json.ranks_normed[12];
    if (row) row[3] = 1;
    const file = await write("differ.json", json);
    await expectRefusal(
      readRuisDemo(file),
      file,
      "document 22",
      /training_ids\[3\] repeats document 22 of training_ids\[1\] but ranks_normed\[12\] differs \(2012 vs 1\)/,
    );
  });

  it("refuses inconsistent lengths, too few queries, unknown models and bad values", async () => {
    const shortRow = demoJson();
    shortRow.influences_dot[4]?.pop();
    const short = await write("short.json", shortRow);
    await expectRefusal(readRuisDemo(short), short, "influences_dot[4]", /row has 4 values but training_ids has 5 documents/);

    const sources = { ...demoJson(), training_sources: ["webdata"] };
    const fewSources = await write("sources.json", sources);
    await expectRefusal(readRuisDemo(fewSources), fewSources, "training_sources", /training_sources has 1 entries but training_ids has 5/);

    const few = await write("few.json", demoJson("7B", 60));
    await expectRefusal(readRuisDemo(few), few, "test_ids", /found 60 queries, but sets and types come from the authors' index ranges .* need exactly 100 queries/);

    const model = await write("model.json", demoJson("13B"));
    await expectRefusal(readRuisDemo(model), model, "model", /unknown model "13B"/);

    const { ranks: _omitted, ...noRanks } = demoJson();
    const missing = await write("missing.json", noRanks);
    await expectRefusal(readRuisDemo(missing), missing, undefined, /^missing required field "ranks"$/);

    const typed = demoJson() as { influences_cos: unknown[][] };
    const typedRow = typed.influences_cos[2];
    if (typedRow) typedRow[1] = "0.5";
    const mistyped = await write("typed.json", typed);
    await expectRefusal(readRuisDemo(mistyped), mistyped, undefined, /field "influences_cos\[2\]\[1\]" must be a number, got "0.5"/);

    const overflow = demoJson();
    const overflowRow = overflow.influences_dot[41];
    if (overflowRow) overflowRow[2] = 1e39;
    const big = await write("overflow.json", overflow);
    await expectRefusal(readRuisDemo(big), big, "query 41 / document 33", /score 1e\+39 in influences_dot\[41\]\[2\] is not a finite float32/);
  });

  it("refuses invalid JSON with its line, invalid UTF-8 and an empty file", async () => {
    const text = JSON.stringify(demoJson(), null, 2).replace('"model": "7B",', '"model": "7B"');
    const file = await folder.write("broken.json", text);
    await expectRefusal(readRuisDemo(file), file, "line 3", /^invalid JSON: .*\(column \d+\)$/);
    const latin = await folder.write("latin.json", new Uint8Array([0x7b, 0x0a, 0x22, 0xe9, 0x22, 0x7d]));
    await expectRefusal(readRuisDemo(latin), latin, "line 2", /invalid UTF-8/);
    const empty = await folder.write("empty.json", "");
    await expectRefusal(readRuisDemo(empty), empty, undefined, /^file is empty$/);
  });
});

// Values below were read from the JSON with Python's json module, independently of this reader.
describe(`readRuisDemo (the authors' files in ${RUIS_DEMO_DIR})`, () => {
  needsRuisDemo();
  const file = ruisDemoFile;

  it("reads the 7B file: 100 queries, 76 distinct documents, scores and global ranks", async () => {
    const data = await readRuisDemo(file("7B"));
    expect(data.queries).toHaveLength(100);
    expect(data.documents).toHaveLength(76);
    expect(data.scores).toHaveLength(100);
    expect(data.scores.every((row) => row.length === 76)).toBe(true);
    expect(data.meta.name).toBe("Ruis et al. demo (7B)");
    expect(data.meta.origin).toBe("answer_and_slope_pretraining_data_prepared_7B.json");

    const docIndex = (id: string) => data.documents.findIndex((d) => d.id === id);
    // training_ids[14..16] = 1429031, 1651386, 2457872 after dropping the repeat at column 15.
    expect(data.documents.slice(14, 17).map((d) => d.id)).toEqual(["1429031", "1651386", "2457872"]);
    expect(data.documents[75]).toMatchObject({ id: "3802120", source: "webdata" });
    expect(data.documents[0]?.text).toHaveLength(1367);

    expect(data.scores[0]?.[docIndex("966532")]).toBe(Math.fround(1.56965492444662e-7));
    expect(data.scores[45]?.[docIndex("3492979")]).toBe(Math.fround(-2.6966251280439502e-8));
    expect(data.scores[62]?.[docIndex("3492979")]).toBe(Math.fround(-2.4610398859116746e-7));
    expect(data.scores[99]?.[docIndex("3802120")]).toBe(Math.fround(-3.964337099742275e-7));
    expect(data.globalRanks?.[45]?.[docIndex("3492979")]).toBe(3303069);
    expect(data.globalRanks?.[0]?.[docIndex("966532")]).toBe(414427);
    expect(data.globalRanks?.[99]?.[docIndex("3802120")]).toBe(4555709);

    expect(data.queries[45]?.prompt).toBe("Calculate the answer: (4 - 2) * 15\n\nThink step-by-step.");
    expect(data.queries[62]?.prompt.startsWith("What is the slope of the line passing through the ")).toBe(true);
    expect(data.queries.filter((q) => q.set === "factual" && !q.control)).toHaveLength(40);
    expect(data.queries.filter((q) => q.type === "arithmetic").map((q) => q.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => String(40 + i)),
    );
    expect(data.queries.filter((q) => q.type === "slopes")).toHaveLength(20);
    expect(data.queries.filter((q) => q.control && q.set === "factual")).toHaveLength(10);
    expect(data.queries.filter((q) => q.control && q.set === "reasoning")).toHaveLength(10);
  });

  it("reads the 35B file with linear equations and the normalised scores on request", async () => {
    const data = await readRuisDemo(file("35B"), { score: "cos" });
    expect(data.queries).toHaveLength(100);
    expect(data.documents).toHaveLength(76);
    expect(data.queries[45]).toMatchObject({ set: "reasoning", type: "linear", prompt: "Solve for x: 9x + 9 = 45\n\nThink step-by-step." });
    const docIndex = (id: string) => data.documents.findIndex((d) => d.id === id);
    expect(data.scores[0]?.[docIndex("966532")]).toBe(Math.fround(-1.5775525965117903e-10));
    expect(data.scores[99]?.[docIndex("3802120")]).toBe(Math.fround(2.857035329759086e-11));
    expect(data.globalRanks?.[0]?.[docIndex("966532")]).toBe(4836495);
    expect(data.globalRanks?.[62]?.[docIndex("3492979")]).toBe(4282156);

    const dot = await readRuisDemo(file("35B"));
    expect(dot.scores[45]?.[docIndex("3492979")]).toBe(Math.fround(-8.294575949445478e-9));
    expect(dot.globalRanks?.[99]?.[docIndex("3802120")]).toBe(471761);
  });
});
