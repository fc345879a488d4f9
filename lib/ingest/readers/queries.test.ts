import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRefusal, tempFolder } from "@/tests/support/ingest-files";
import { readQueries } from "./queries";

let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  folder = await tempFolder("queries");
});
afterAll(() => folder.cleanup());

const jsonl = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";
const base = { prompt: "p", completion: "c", set: "factual" };

describe("readQueries", () => {
  it("reads required and optional fields, with defaults, in file order", async () => {
    const file = await folder.write(
      "q.jsonl",
      jsonl(
        { id: "q1", prompt: "What?", completion: "This.", set: "factual", extra: { ignored: true } },
        {
          id: "q2",
          prompt: "2+2",
          completion: "4",
          set: "reasoning",
          type: "arithmetic",
          control: true,
          answer: 4,
          correct: false,
          nats: 1.5,
        },
        { id: 7, ...base, set: "reasoning", answer: "Paris", type: null, control: null, correct: null, nats: null },
      ),
    );
    expect(await readQueries(file)).toEqual([
      { id: "q1", prompt: "What?", completion: "This.", set: "factual", type: "factual", control: false, answer: null, correct: null, nats: null },
      { id: "q2", prompt: "2+2", completion: "4", set: "reasoning", type: "arithmetic", control: true, answer: "4", correct: false, nats: 1.5 },
      { id: "7", prompt: "p", completion: "c", set: "reasoning", type: "reasoning", control: false, answer: "Paris", correct: null, nats: null },
    ]);
  });

  it("refuses a missing required field naming the line and field", async () => {
    const file = await folder.write("missing.jsonl", jsonl({ id: "q1", ...base }, { id: "q2", prompt: "p", set: "factual" }));
    await expectRefusal(readQueries(file), file, "line 2", /^missing required field "completion"$/);
  });

  it("refuses a wrong type or value", async () => {
    const badSet = await folder.write("set.jsonl", jsonl({ id: "q1", ...base, set: "math" }));
    await expectRefusal(readQueries(badSet), badSet, "line 1", /field "set" must be one of "factual", "reasoning", got "math"/);
    const badPrompt = await folder.write("prompt.jsonl", jsonl({ id: "q1", ...base, prompt: 3 }));
    await expectRefusal(readQueries(badPrompt), badPrompt, "line 1", /field "prompt" must be a string, got 3/);
    const badControl = await folder.write("control.jsonl", jsonl({ id: "q1", ...base, control: "yes" }));
    await expectRefusal(readQueries(badControl), badControl, "line 1", /field "control" must be a boolean, got "yes"/);
    const notObject = await folder.write("array.jsonl", jsonl([1, 2]));
    await expectRefusal(readQueries(notObject), notObject, "line 1", /record must be a JSON object, got an array of 2/);
    const emptyId = await folder.write("empty-id.jsonl", jsonl({ id: "", ...base }));
    await expectRefusal(readQueries(emptyId), emptyId, "line 1", /field "id" must not be empty/);
  });

  it("refuses nats that are not finite and positive", async () => {
    for (const nats of ["0", "-2", "1e400"]) {
      const file = await folder.write("nats.jsonl", `{"id":"q1","prompt":"p","completion":"c","set":"factual","nats":${nats}}\n`);
      await expectRefusal(readQueries(file), file, "line 1", /field "nats"/);
    }
  });

  it("refuses a duplicate id naming both lines", async () => {
    const file = await folder.write("dup.jsonl", jsonl({ id: "q1", ...base }, { id: "q2", ...base }, { id: "q1", ...base }));
    await expectRefusal(readQueries(file), file, "line 3", /duplicate query id "q1" \(first on line 1\)/);
  });

  it("refuses invalid JSON and an empty file", async () => {
    const bad = await folder.write("bad.jsonl", `${jsonl({ id: "q1", ...base })}{"id": "q2",\n`);
    await expectRefusal(readQueries(bad), bad, "line 2", /^invalid JSON/);
    const empty = await folder.write("empty.jsonl", "");
    await expectRefusal(readQueries(empty), empty, undefined, /file is empty/);
  });
});
