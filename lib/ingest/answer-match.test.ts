import { describe, expect, it } from "vitest";
import { answerMatcher } from "./answer-match";

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
