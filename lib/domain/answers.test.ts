import { describe, expect, it } from "vitest";
import { answerHits, answerMatcher, anyAnswerMatcher } from "./answers";

describe("answerMatcher", () => {
  it("matches text answers as case-insensitive substrings", () => {
    const m = answerMatcher("Paris");
    expect(m("the capital is paris.")).toBe(true);
    expect(m("PARISIAN cafes")).toBe(true);
    expect(m("Pari s")).toBe(false);
    // Regex metacharacters are literal.
    expect(answerMatcher("C++ (1983)")("c++ (1983) was released")).toBe(true);
    expect(answerMatcher("a.c")("abc")).toBe(false);
    expect(answerMatcher("  ")("anything")).toBe(false);
  });

  it("matches a number only as a whole number", () => {
    const four = answerMatcher("4");
    expect(four("x = 4")).toBe(true);
    expect(four("4 apples")).toBe(true);
    expect(four("the answer is 4.")).toBe(true);
    expect(four("(4)")).toBe(true);
    expect(four("4, 5 and 6")).toBe(true);
    expect(four("14")).toBe(false);
    expect(four("41")).toBe(false);
    expect(four("4.5")).toBe(false);
    expect(four("0.4")).toBe(false);
    expect(four("1,400")).toBe(false);
    expect(four("4,000")).toBe(false);
    expect(four("no digits here")).toBe(false);
  });

  it("matches with or without thousands separators", () => {
    for (const answer of ["1234567", "1,234,567"]) {
      const m = answerMatcher(answer);
      expect(m("population 1,234,567 people")).toBe(true);
      expect(m("population 1234567 people")).toBe(true);
      expect(m("1,234,5670")).toBe(false);
      expect(m("21,234,567")).toBe(false);
      expect(m("1,234,567.5")).toBe(false);
      expect(m("1234,567")).toBe(false);
    }
    // Under a thousand there is nothing to separate.
    expect(answerMatcher("999")("999")).toBe(true);
  });

  it("handles signs and decimals", () => {
    const minus = answerMatcher("-7");
    expect(minus("x = -7")).toBe(true);
    expect(minus("x = \u22127")).toBe(true); // Unicode minus
    expect(minus("x = 7")).toBe(false);
    expect(minus("x = -7.5")).toBe(false);
    expect(minus("x = -75")).toBe(false);
    // An unsigned answer does not require the absence of a sign.
    expect(answerMatcher("7")("10-7 = 3")).toBe(true);
    expect(answerMatcher("+7")("7 days")).toBe(true);
    const decimal = answerMatcher("12.5");
    expect(decimal("slope 12.5")).toBe(true);
    expect(decimal("slope 12.55")).toBe(false);
    expect(decimal("slope 112.5")).toBe(false);
    expect(decimal("slope 12")).toBe(false);
    expect(answerMatcher("-1,500.25")("a loss of -1500.25 dollars")).toBe(true);
  });
});

describe("anyAnswerMatcher", () => {
  it("matches a text exactly when one of the answers' matchers does", () => {
    const answers = ["Paris", "C++ (1983)", "a.c", "4", "1,234,567", "-7", "+7", "12.5", "  ", "Ulaanbaatar"];
    const texts = ["the capital is paris.", "c++ (1983) was released", "abc", "x = 4", "14", "1,400", "population 1234567 people",
      "21,234,567", "x = \u22127", "x = 7", "slope 12.55", "ULAANBAATAR", "nothing here", "", "4.5 and 0.4"];
    for (const subset of [answers, answers.slice(0, 3), answers.slice(3, 8), ["Paris"], ["4"], ["  "], []]) {
      const any = anyAnswerMatcher(subset);
      for (const text of texts) {
        expect(any(text), `${JSON.stringify(subset)} on ${JSON.stringify(text)}`).toBe(subset.some((a) => answerMatcher(a)(text)));
      }
    }
    // Both outcomes occur above, so the comparison can fail either way.
    expect(anyAnswerMatcher(["4"])("x = 4")).toBe(true);
    expect(anyAnswerMatcher(["4"])("14")).toBe(false);
  });
});

describe("answerHits", () => {
  it("counts, among queries with an answer, those with it in some top-k document", () => {
    const queries = [{ answerRanks: [3, 40] }, { answerRanks: [] }, { answerRanks: null }, { answerRanks: [1] }];
    expect(answerHits(queries)).toEqual({ withAnswer: 3, hits: 2 });
    expect(answerHits([])).toEqual({ withAnswer: 0, hits: 0 });
  });
});
