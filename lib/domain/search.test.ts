import { describe, expect, it } from "vitest";
import { matchesSearch, parseSearch, searchIndexTerms, searchMatchSpans, searchWords } from "./search";

const parse = (q: string) => {
  const parsed = parseSearch(q);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.search;
};

describe("search words", () => {
  it("splits on anything but letters, digits and marks, keeping numbers with separators whole", () => {
    expect(searchWords("The answer is 28; not 286, 3.28 or x28. Café-Zürich 1,234 don't end.")).toEqual(
      ["the", "answer", "is", "28", "not", "286", "3.28", "or", "x28", "café", "zürich", "1,234", "don", "t", "end"]);
    expect(searchWords("28. 28, 28.x")).toEqual(["28", "28", "28", "x"]);
  });

  it("reads quoted phrases, pieces with punctuation as phrases, and refuses what has no word", () => {
    expect(parse('Apple "pie crust" apple x-ray').terms).toEqual([["pie", "crust"], ["apple"], ["x", "ray"]]);
    expect(parse('"unclosed phrase').terms).toEqual([["unclosed", "phrase"]]);
    expect(parseSearch("  !! -- ")).toEqual({ ok: false, error: "must contain at least one word or number" });
    expect(parseSearch("a".repeat(201))).toEqual({ ok: false, error: "must be at most 200 characters" });
    expect(parseSearch(Array.from({ length: 17 }, (_, i) => `w${i}`).join(" "))).toEqual({ ok: false, error: "must have at most 16 words or phrases" });
  });

  it("matches whole words, all of them, phrases in order", () => {
    const text = "In 2024 the slope is 28 (not 286).";
    expect(matchesSearch(text, parse("28"))).toBe(true);
    expect(matchesSearch(text, parse("2"))).toBe(false);
    expect(matchesSearch(text, parse("SLOPE 286"))).toBe(true);
    expect(matchesSearch(text, parse("slope 285"))).toBe(false);
    expect(matchesSearch(text, parse('"slope is 28"'))).toBe(true);
    expect(matchesSearch(text, parse('"is slope"'))).toBe(false);
    expect(matchesSearch(null, parse("28"))).toBe(false);
  });

  it("gives the spans to highlight, in text order", () => {
    const text = "Slope 28; slope is 28.";
    expect(searchMatchSpans(text, parse('28 "slope is"')).map((s) => text.slice(s.start, s.end))).toEqual(["28", "slope is", "28"]);
  });
});

describe("search index terms", () => {
  it("looks up words and phrase pairs; only phrases of three or more words need their order checked", () => {
    expect(searchIndexTerms(parse('apple "the pie" 28'))).toEqual({ terms: ["the pie", "apple", "28"], verify: false });
    expect(searchIndexTerms(parse('"the apple pie" the'))).toEqual({ terms: ["the apple", "apple pie", "the"], verify: true });
  });
});
