import { describe, expect, it } from "vitest";
import { oneLine, snippet } from "@/lib/format";
import { highlightPosition, highlightSegments, numbersIn, queryTerms, termPattern } from "./highlight";

const marked = (text: string, terms: Parameters<typeof highlightSegments>[1]) =>
  highlightSegments(text, terms).filter((s) => s.kind).map((s) => `${s.kind}:${s.text}`);

describe("highlight", () => {
  it("finds the numbers of a prompt", () => {
    expect(numbersIn("What is (6 + 8) * 17? Use 8 and 1,250 or 3.5")).toEqual(["6", "8", "17", "1,250", "3.5"]);
  });

  it("matches numbers with or without thousands separators, never inside longer numbers", () => {
    const re = new RegExp(termPattern("8849"), "gu");
    expect("8,849 m and 8849 m".match(re)).toEqual(["8,849", "8849"]);
    expect(marked("12 123 1.12 12.5 x12 (12)", [{ term: "12", kind: "number" }])).toEqual(["number:12", "number:12"]);
    expect(marked("1,250 and 1250", [{ term: "1,250", kind: "number" }])).toEqual(["number:1,250", "number:1250"]);
  });

  it("takes a prompt's numbers on word boundaries only, not the digits of identifiers", () => {
    expect(numbersIn("Let x1 = 4 and Q3 = 7.5; utf8 has 3rd and 2nd bytes, 12, (8) or 1,250.")).toEqual(["4", "7.5", "12", "8", "1,250"]);
    expect(numbersIn("x_2 é3 3é 10% $20 -5")).toEqual(["10", "20", "5"]);
  });

  it("highlights a number only where it stands as a word", () => {
    const terms = queryTerms({ answer: null, prompt: "What is 3 + 1?" });
    expect(marked("x1 Q3 3 v1.3 1 step 3, then 3.0 or 13 and 3.", terms)).toEqual(["number:3", "number:1", "number:3", "number:3"]);
    expect(marked("item_12 12_item a12b 12", [{ term: "12", kind: "number" }])).toEqual(["number:12"]);
  });

  it("matches the answer case-insensitively and lets it win over a number", () => {
    const terms = queryTerms({ answer: "Mount Everest", prompt: "How tall is it, 8849?" });
    expect(marked("mount everest is 8,849 m; MOUNT EVEREST.", terms)).toEqual(["answer:mount everest", "number:8,849", "answer:MOUNT EVEREST"]);
    expect(marked("answer 228", [{ term: "228", kind: "answer" }, { term: "228", kind: "number" }])).toEqual(["answer:228"]);
  });

  it("keeps every character and escapes regex metacharacters", () => {
    const text = "a (b+c)* d (b+c)*";
    const segments = highlightSegments(text, [{ term: "(b+c)*", kind: "answer" }]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
    expect(segments.filter((s) => s.kind)).toHaveLength(2);
  });

  it("centres a snippet on a late answer", () => {
    const text = `${"x ".repeat(400)}the answer is Paris. ${"y ".repeat(200)}`;
    const s = snippet(text, 120, highlightPosition(text, [{ term: "Paris", kind: "answer" }]));
    expect(s).toContain("Paris");
    expect(s.startsWith("…")).toBe(true);
    expect(snippet("short", 120, highlightPosition("short", []))).toBe("short");
    expect(highlightPosition("no marks here", [{ term: "Paris", kind: "answer" }])).toBe(-1);
  });

  it("cuts a long text at the snippet length, an ellipsis marking the cut", () => {
    expect(snippet(`${"x".repeat(9)}  y`, 10)).toBe(`${"x".repeat(9)}…`);
    expect(snippet("x".repeat(10), 10)).toBe("x".repeat(10));
    expect(snippet(oneLine(" a\n\n b "))).toBe("a b");
  });
});
