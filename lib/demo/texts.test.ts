import { describe, expect, it } from "vitest";
import { FACT_CONTROLS, FACTS } from "./facts";
import { demoQueries } from "./queries";
import { itemRandom } from "./random";
import { SOURCES } from "./sources";
import { Filler, mentionsAny, PLACE_PREFIXES, PLACE_SUFFIXES, sourceText, WORD_LISTS } from "./texts";

const answers = [...FACTS, ...FACT_CONTROLS].map((f) => f.answer);
const wordAnswers = answers.filter((a) => !/^[\d,]+$/.test(a)).map((a) => a.toLowerCase());

describe("facts", () => {
  it("has 40 distinct facts and 10 controls, no answer inside another", () => {
    expect(FACTS).toHaveLength(40);
    expect(FACT_CONTROLS).toHaveLength(10);
    expect(new Set(FACTS.map((f) => f.prompt)).size).toBe(40);
    for (const a of answers) {
      for (const b of answers) {
        if (a !== b) expect(b.toLowerCase().includes(a.toLowerCase())).toBe(false);
      }
    }
  });

  it("states each answer in its own reference paragraph and no other answer", () => {
    for (const fact of FACTS) {
      expect(mentionsAny([fact.answer])(fact.reference)).toBe(true);
      const others = answers.filter((a) => a !== fact.answer);
      expect(mentionsAny(others)(fact.reference)).toBe(false);
    }
  });

  it("keeps every reasoning answer out of the reference paragraphs", () => {
    const reasoningAnswers = (["7b", "35b"] as const).flatMap((model) =>
      demoQueries(model, 1)
        .filter((q) => q.set === "reasoning")
        .map((q) => q.answer!),
    );
    // 40 reasoning queries and 10 reasoning controls per model.
    expect(reasoningAnswers).toHaveLength(100);
    const mentions = mentionsAny(reasoningAnswers);
    for (const fact of FACTS) expect(mentions(fact.reference)).toBe(false);
  });
});

describe("texts", () => {
  it("never draws a factual answer from a word list or a place name", () => {
    const words = [
      ...Object.values(WORD_LISTS).flat(),
      ...PLACE_PREFIXES.flatMap((p) => PLACE_SUFFIXES.map((s) => p + s)),
    ].map((w) => w.toLowerCase());
    for (const word of words) {
      for (const answer of wordAnswers) expect(word.includes(answer), `${word} contains ${answer}`).toBe(false);
    }
  });

  it("keeps generated texts within 150-600 characters and free of factual names", () => {
    const mentions = mentionsAny(wordAnswers);
    for (const source of SOURCES) {
      for (let i = 0; i < 400; i++) {
        const text = sourceText(source, new Filler(itemRandom("texts-test", source, i)));
        expect(text.length).toBeGreaterThanOrEqual(150);
        expect(text.length).toBeLessThanOrEqual(600);
        expect(mentions(text), text).toBe(false);
      }
    }
  });

  it("matches answers conservatively", () => {
    expect(mentionsAny(["1344"])("the result is 1,344.")).toBe(true);
    expect(mentionsAny(["1,344"])("the result is 1344")).toBe(true);
    expect(mentionsAny(["-43"])("a drop of 43 points")).toBe(true);
    expect(mentionsAny(["45"])("it costs 12.45")).toBe(true);
    expect(mentionsAny(["45"])("in 1945")).toBe(false);
    expect(mentionsAny(["Mount Everest"])("MOUNT EVEREST is high")).toBe(true);
    expect(mentionsAny(["Nile"])("the Danube")).toBe(false);
  });
});
