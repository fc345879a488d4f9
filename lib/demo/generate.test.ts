import { beforeAll, describe, expect, it } from "vitest";
import { queryGroups } from "@/lib/domain/groups";
import type { DatasetInput } from "@/lib/domain/records";
import { naivePearson as pearson } from "@/tests/support/naive-stats";
import { DEMO_DATASETS, DemoDocument, generateDemoDataset, PLANTED } from "./generate";
import { SOURCES } from "./sources";

/*
 * The statistics below are computed independently of the generator (naive two-pass
 * Pearson, full sorts, regex answer matching), as the pipeline would compute them.
 */

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: readonly number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

/** Mean off-diagonal r within one group, or between two. */
function meanCorrelation(scores: readonly Float32Array[], a: readonly number[], b: readonly number[] = a): number {
  const rs: number[] = [];
  for (const i of a) {
    for (const j of b) {
      if (a === b ? j <= i : i === j) continue;
      rs.push(pearson(scores[i]!, scores[j]!));
    }
  }
  return mean(rs);
}

/** Document indices by score descending, ties in document order (the pipeline's ranking). */
function ranking(row: Float32Array): Int32Array {
  const order = new Int32Array(row.length);
  for (let i = 0; i < row.length; i++) order[i] = i;
  return order.sort((a, b) => row[b]! - row[a]! || a - b);
}

/**
 * Whether `text` contains `answer`: case-insensitive substring, and for numeric answers
 * a number not inside a longer number, with or without thousands separators (sign ignored,
 * which only makes the check stricter).
 */
function containsAnswer(text: string, answer: string): boolean {
  if (!/^-?\d[\d,]*$/.test(answer)) return text.toLowerCase().includes(answer.toLowerCase());
  const target = answer.replace(/[-,]/g, "");
  for (const match of text.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g)) {
    if (match[0].replace(/,/g, "") === target) return true;
  }
  return false;
}

function groupMembers(dataset: DatasetInput, name: string): number[] {
  const group = queryGroups(dataset.queries).find((g) => g.name === name);
  if (!group) throw new Error(`no group ${name}`);
  return group.members;
}

describe("generateDemoDataset: determinism", () => {
  const fingerprint = (dataset: DatasetInput) =>
    JSON.stringify({ meta: dataset.meta, queries: dataset.queries, documents: dataset.documents });

  it("gives identical bytes for the same model, size and seed", () => {
    const a = generateDemoDataset("7b", { documents: 2000, seed: 7 });
    const b = generateDemoDataset("7b", { documents: 2000, seed: 7 });
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(a.scores.length).toBe(b.scores.length);
    a.scores.forEach((row, q) => {
      expect(Buffer.from(row.buffer).equals(Buffer.from(b.scores[q]!.buffer))).toBe(true);
    });
  });

  it("differs between seeds and between the two model shapes", () => {
    const base = generateDemoDataset("7b", { documents: 2000, seed: 7 });
    const otherSeed = generateDemoDataset("7b", { documents: 2000, seed: 8 });
    const otherModel = generateDemoDataset("35b", { documents: 2000, seed: 7 });
    expect(Buffer.from(base.scores[0]!.buffer).equals(Buffer.from(otherSeed.scores[0]!.buffer))).toBe(false);
    expect(Buffer.from(base.scores[0]!.buffer).equals(Buffer.from(otherModel.scores[0]!.buffer))).toBe(false);
    expect(otherModel.queries.filter((q) => q.type === "linear")).toHaveLength(20);
    expect(base.queries.filter((q) => q.type === "linear")).toHaveLength(0);
    // The corpus and the shared prompts depend on the seed only, so the shapes can be compared.
    expect(otherModel.documents.map((d) => d.source)).toEqual(base.documents.map((d) => d.source));
    const prompts = (d: DatasetInput, type: string) => d.queries.filter((q) => q.type === type).map((q) => q.prompt);
    expect(prompts(otherModel, "slopes")).toEqual(prompts(base, "slopes"));
    expect(prompts(otherModel, "factual")).toEqual(prompts(base, "factual"));
  });

  it("rejects a corpus size that is not a positive integer", () => {
    expect(() => generateDemoDataset("7b", { documents: 0 })).toThrow(RangeError);
    expect(() => generateDemoDataset("7b", { documents: 12.5 })).toThrow(RangeError);
  });
});

describe("generateDemoDataset: composition", () => {
  let small: DatasetInput;
  let small35: DatasetInput;
  beforeAll(() => {
    small = generateDemoDataset("7b", { documents: 2000 });
    small35 = generateDemoDataset("35b", { documents: 2000 });
  });

  it("labels the dataset as synthetic with the planted facts in its description", () => {
    expect(small.meta).toMatchObject({
      slug: DEMO_DATASETS[0],
      name: "Synthetic demo (7B-shaped)",
      model: "synthetic 7B-shaped",
      method: "synthetic EK-FAC-like",
      synthetic: true,
      origin: "lib/demo/generate.ts",
    });
    expect(small35.meta.slug).toBe(DEMO_DATASETS[1]);
    expect(small.meta.description).toMatch(/synthetic/i);
    expect(small.meta.description).toMatch(/slopes/);
    expect(small.globalRanks).toBeNull();
  });

  it("has the paper's 100 queries: 40 factual, 20 task, 20 slopes, 10 + 10 controls", () => {
    for (const [dataset, task] of [
      [small, "arithmetic"],
      [small35, "linear"],
    ] as const) {
      const count = (f: (q: DatasetInput["queries"][number]) => boolean) => dataset.queries.filter(f).length;
      expect(dataset.queries).toHaveLength(100);
      expect(count((q) => q.set === "factual" && q.type === "factual" && !q.control)).toBe(40);
      expect(count((q) => q.set === "reasoning" && q.type === task && !q.control)).toBe(20);
      expect(count((q) => q.set === "reasoning" && q.type === "slopes" && !q.control)).toBe(20);
      expect(count((q) => q.set === "factual" && q.control)).toBe(10);
      expect(count((q) => q.set === "reasoning" && q.control)).toBe(10);
      expect(count((q) => q.correct === false)).toBe(15);
      expect(new Set(dataset.queries.map((q) => q.id)).size).toBe(100);
      expect(new Set(dataset.queries.filter((q) => !q.control).map((q) => q.prompt)).size).toBe(80);
      expect(queryGroups(dataset.queries).map((g) => g.name)).toEqual([
        "factual",
        "reasoning",
        task,
        "slopes",
        "factual_control",
        "reasoning_control",
      ]);
    }
  });

  it("writes completions that answer correctly exactly when correct is true", () => {
    const lastNumber = (text: string) => (text.match(/-?\d+(?:\.\d+)?/g) ?? []).at(-1);
    for (const dataset of [small, small35]) {
      for (const q of dataset.queries) {
        expect(q.answer).toBeTruthy();
        expect(q.nats).toBeGreaterThan(0);
        if (q.set === "factual") {
          expect(q.nats).toBeGreaterThanOrEqual(5);
          expect(q.nats).toBeLessThanOrEqual(20);
          expect(q.completion.toLowerCase().includes(q.answer!.toLowerCase())).toBe(q.correct);
          continue;
        }
        expect(q.nats).toBeGreaterThanOrEqual(20);
        expect(q.nats).toBeLessThanOrEqual(60);
        expect(q.prompt).toMatch(/Think step-by-step\.$/);
        if (q.control) {
          expect(q.completion.includes(q.answer!)).toBe(q.correct);
          continue;
        }
        // Recompute the answer from the prompt's numbers.
        let expected: number;
        const arithmetic = /\((\d+) ([+-]) (\d+)\) \* (\d+)/.exec(q.prompt);
        const linear = /(\d+)x \+ (\d+) = (\d+)/.exec(q.prompt);
        const slope = /\((\d+), (\d+)\) and \((\d+), (\d+)\)/.exec(q.prompt);
        if (q.type === "arithmetic" && arithmetic) {
          const [a, op, b, c] = [Number(arithmetic[1]), arithmetic[2], Number(arithmetic[3]), Number(arithmetic[4])];
          expected = (op === "+" ? a + b : a - b) * c;
        } else if (q.type === "linear" && linear) {
          expected = (Number(linear[3]) - Number(linear[2])) / Number(linear[1]);
        } else if (q.type === "slopes" && slope) {
          const [x1, y1, x2, y2] = [1, 2, 3, 4].map((i) => Number(slope[i]));
          expected = (y2! - y1!) / (x2! - x1!);
        } else {
          throw new Error(`unexpected reasoning prompt: ${q.prompt}`);
        }
        expect(q.answer).toBe(String(expected));
        expect(lastNumber(q.completion) === q.answer).toBe(q.correct);
      }
    }
  });

  it("has unique document ids from all eight sources, with texts of 150-600 characters", () => {
    expect(small.documents).toHaveLength(2000);
    expect(new Set(small.documents.map((d) => d.id)).size).toBe(2000);
    expect(small.documents[123]!.id).toBe("doc-000123");
    expect(new Set(small.documents.map((d) => d.source))).toEqual(new Set(SOURCES));
    for (const source of SOURCES) {
      const share = small.documents.filter((d) => d.source === source).length / 2000;
      expect(share).toBeCloseTo(PLANTED.sourceShares[source], 3);
    }
    for (const d of small.documents) {
      expect(d.text!.length).toBeGreaterThanOrEqual(150);
      expect(d.text!.length).toBeLessThanOrEqual(600);
      expect(d.tokens).toBe(Math.max(1, Math.round(d.text!.length / 4)));
    }
  });

  it("serialises documents with their computed text, tokens and labels", () => {
    const d = small.documents[5]!;
    expect(d).toBeInstanceOf(DemoDocument);
    expect(JSON.parse(JSON.stringify(d))).toEqual({ id: d.id, source: d.source, text: d.text, tokens: d.tokens, labels: d.labels });
  });

  it("labels every document's kind from how it was made: reference paragraphs are facts, a reasoning task's top documents procedures", () => {
    const kinds = small.documents.map((d) => d.labels!.kind);
    expect(new Set(kinds)).toEqual(new Set(["procedure", "fact", "noise"]));
    // The documents among the top PLANTED.procedures.top of some arithmetic, slopes or linear query.
    const taskTop = new Set<number>();
    small.queries.forEach((q, i) => {
      if (q.control || q.set !== "reasoning" || !["arithmetic", "slopes", "linear"].includes(q.type)) return;
      const row = small.scores[i]!;
      Array.from(row.keys()).sort((a, b) => row[b]! - row[a]! || a - b).slice(0, PLANTED.procedures.top).forEach((d) => taskTop.add(d));
    });
    small.documents.forEach((d, i) => {
      if (d.labels!.kind === "procedure") expect(taskTop.has(i), d.id).toBe(true);
      if (d.labels!.kind === "fact") expect(["wiki", "general_knowledge"]).toContain(d.source);
    });
  });

  it("gives one finite Float32Array per query, one value per document", () => {
    expect(small.scores).toHaveLength(100);
    for (const row of small.scores) {
      expect(row).toBeInstanceOf(Float32Array);
      expect(row).toHaveLength(2000);
      expect(row.every(Number.isFinite)).toBe(true);
    }
  });
});

describe("generateDemoDataset: the pipeline recovers the planted findings (20,000 documents)", () => {
  const datasets: Partial<Record<"7b" | "35b", { data: DatasetInput; orders: Int32Array[] }>> = {};
  beforeAll(() => {
    for (const model of ["7b", "35b"] as const) {
      const data = generateDemoDataset(model);
      datasets[model] = { data, orders: data.scores.map(ranking) };
    }
  });
  const get = (model: "7b" | "35b") => {
    const entry = datasets[model];
    if (!entry) throw new Error("not generated");
    return entry;
  };

  it.each(["7b", "35b"] as const)("%s: within-task Pearson r matches PLANTED; between tasks about 0", (model) => {
    const { data } = get(model);
    expect(data.documents).toHaveLength(PLANTED.documents);
    const planted: Readonly<Record<string, number>> = PLANTED.correlation[model];
    const task = model === "7b" ? "arithmetic" : "linear";
    for (const group of ["factual", task, "slopes"]) {
      const members = groupMembers(data, group);
      expect(Math.abs(meanCorrelation(data.scores, members) - planted[group]!)).toBeLessThan(0.05);
    }
    for (const group of ["factual_control", "reasoning_control"]) {
      expect(meanCorrelation(data.scores, groupMembers(data, group))).toBeLessThan(0.1);
    }
    const pairs: Array<[string, string]> = [
      ["factual", task],
      ["factual", "slopes"],
      [task, "slopes"],
    ];
    for (const [a, b] of pairs) {
      expect(Math.abs(meanCorrelation(data.scores, groupMembers(data, a), groupMembers(data, b)))).toBeLessThan(0.03);
    }
  });

  /** The design's multiplier: (C_s / (k |G|)) / (N_s / D), pooled over the group's top-k. */
  function multipliers(model: "7b" | "35b", set: string, k: number, tail: "top" | "bottom") {
    const { data, orders } = get(model);
    const members = groupMembers(data, set);
    const d = data.documents.length;
    const corpus = new Map<string, number>();
    for (const doc of data.documents) corpus.set(doc.source, (corpus.get(doc.source) ?? 0) + 1);
    const counts = new Map<string, number>();
    for (const q of members) {
      const order = orders[q]!;
      for (let i = 0; i < k; i++) {
        const source = data.documents[order[tail === "top" ? i : d - 1 - i]!]!.source;
        counts.set(source, (counts.get(source) ?? 0) + 1);
      }
    }
    return Object.fromEntries(
      SOURCES.map((s) => [s, (counts.get(s) ?? 0) / (k * members.length) / ((corpus.get(s) ?? 0) / d)]),
    ) as Record<(typeof SOURCES)[number], number>;
  }

  it.each(["7b", "35b"] as const)("%s: top documents over-represent the planted sources", (model) => {
    const reasoning = multipliers(model, "reasoning", 50, "top");
    expect(reasoning.math_and_trivia).toBeGreaterThan(10);
    expect(reasoning.stackexchange).toBeGreaterThan(4);
    expect(reasoning.arxiv_markdown).toBeGreaterThan(1.5);
    expect(reasoning.wiki).toBeLessThan(0.2);
    const factual = multipliers(model, "factual", 50, "top");
    expect(factual.wiki).toBeGreaterThan(3);
    expect(factual.math_and_trivia).toBeGreaterThan(8);
    // Bottom tails look alike for the two sets.
    const bottomFactual = multipliers(model, "factual", 500, "bottom");
    const bottomReasoning = multipliers(model, "reasoning", 500, "bottom");
    for (const source of SOURCES) {
      expect(Math.abs(Math.log(bottomFactual[source] / bottomReasoning[source]))).toBeLessThan(Math.log(2));
    }
  });

  it.each(["7b", "35b"] as const)("%s: top 500 fall as a power law, steeper for reasoning", (model) => {
    const { data, orders } = get(model);
    const alpha = (q: number) => {
      const row = data.scores[q]!;
      const xs: number[] = [];
      const ys: number[] = [];
      for (let i = 0; i < 500 && row[orders[q]![i]!]! > 0; i++) {
        xs.push(Math.log(i + 1));
        ys.push(Math.log(row[orders[q]![i]!]!));
      }
      const mx = mean(xs);
      const my = mean(ys);
      let sxy = 0;
      let sxx = 0;
      xs.forEach((x, i) => {
        sxy += (x - mx) * (ys[i]! - my);
        sxx += (x - mx) ** 2;
      });
      return sxy / sxx;
    };
    const factual = mean(groupMembers(data, "factual").map(alpha));
    const reasoning = mean(groupMembers(data, "reasoning").map(alpha));
    expect(Math.abs(factual - PLANTED.powerLawAlpha[model].factual)).toBeLessThan(0.03);
    expect(Math.abs(reasoning - PLANTED.powerLawAlpha[model].reasoning)).toBeLessThan(0.03);
    expect(reasoning).toBeLessThan(factual);
  });

  it.each(["7b", "35b"] as const)("%s: factual queries carry more influence per nat, more variably", (model) => {
    const { data } = get(model);
    const perNat = (q: number) => {
      let total = 0;
      for (const v of data.scores[q]!) if (v > 0) total += v;
      return total / data.queries[q]!.nats!;
    };
    const factual = groupMembers(data, "factual").map(perNat);
    const reasoning = groupMembers(data, "reasoning").map(perNat);
    expect(mean(factual)).toBeGreaterThan(1.5 * mean(reasoning));
    expect(std(factual) / mean(factual)).toBeGreaterThan(2 * (std(reasoning) / mean(reasoning)));
  });

  it.each(["7b", "35b"] as const)("%s: answers appear in the top 500 for factual, not reasoning queries", (model) => {
    const { data, orders } = get(model);
    const share = (members: number[]) => {
      const hits = members.filter((q) => {
        const order = orders[q]!;
        for (let i = 0; i < 500; i++) {
          if (containsAnswer(data.documents[order[i]!]!.text ?? "", data.queries[q]!.answer!)) return true;
        }
        return false;
      });
      return hits.length / members.length;
    };
    const correctFactual = groupMembers(data, "factual").filter((q) => data.queries[q]!.correct);
    const factual = share(correctFactual);
    expect(factual).toBeGreaterThanOrEqual(0.35);
    expect(factual).toBeLessThanOrEqual(0.65);
    const planted = PLANTED.answerOccurrence.share[model];
    expect(factual).toBeCloseTo(Math.round(planted * correctFactual.length) / correctFactual.length, 10);
    expect(share(groupMembers(data, "reasoning"))).toBeLessThanOrEqual(0.05);
    expect(share(groupMembers(data, "factual").filter((q) => !data.queries[q]!.correct))).toBe(0);
    expect(share(groupMembers(data, "factual_control"))).toBe(0);
  });

  it.each(["7b", "35b"] as const)("%s: reasoning rankings open with procedures for their task, noise further down", (model) => {
    const { data, orders } = get(model);
    const PROCEDURE: Record<string, RegExp> = {
      slopes: /slope/i,
      arithmetic: /parenthes|two_step|order of operations/i,
      linear: /solve|linear/i,
    };
    for (const type of model === "7b" ? ["slopes", "arithmetic"] : ["slopes", "linear"]) {
      for (const q of groupMembers(data, type)) {
        const top = Array.from(orders[q]!.subarray(0, 10), (d) => data.documents[d]!.text ?? "");
        // Every top-10 document is a procedure, most of them for the query's own task (a
        // document at the top of two tasks' rankings carries the one it ranks higher for).
        const anyProcedure = (text: string) => Object.values(PROCEDURE).some((re) => re.test(text));
        expect(top.filter(anyProcedure)).toHaveLength(10);
        expect(top.filter((text) => PROCEDURE[type]!.test(text)).length).toBeGreaterThanOrEqual(6);
        expect(top.filter((text) => /cookie|travel|recipe/i.test(text))).toEqual([]);
      }
    }
    // Far down the ranking the texts are the sources' ordinary ones.
    const q = groupMembers(data, "slopes")[0]!;
    const middle = Array.from(orders[q]!.subarray(5000, 5100), (d) => data.documents[d]!.text ?? "");
    expect(middle.filter((text) => /slope/i.test(text)).length).toBeLessThan(20);
  });

  it.each(["7b", "35b"] as const)("%s: planted answer documents tie no other document; ties are float32 coincidences", (model) => {
    const { data, orders } = get(model);
    let coincidences = 0;
    for (const q of groupMembers(data, "factual")) {
      const row = data.scores[q]!;
      const top = Array.from(orders[q]!.subarray(0, PLANTED.answerOccurrence.topK));
      const count = new Map<number, number>();
      for (const d of top) count.set(row[d]!, (count.get(row[d]!) ?? 0) + 1);
      coincidences += top.length - count.size;
      const answer = data.queries[q]!.answer!;
      for (const d of top) if (containsAnswer(data.documents[d]!.text ?? "", answer)) expect(count.get(row[d]!)).toBe(1);
    }
    // Two float32 values of 20,000 drawn per query coincide now and then, as in a real run's output.
    expect(coincidences).toBeLessThanOrEqual(3);
  });

  it.each(["7b", "35b"] as const)("%s: the top 5 percent of positive documents hold the planted share, 35B's reasoning above factual", (model) => {
    const { data, orders } = get(model);
    const share = (q: number) => {
      const positive = Array.from(orders[q]!, (d) => data.scores[q]![d]!).filter((v) => v > 0);
      const total = positive.reduce((a, b) => a + b, 0);
      return (100 * positive.slice(0, Math.ceil(positive.length * 0.05)).reduce((a, b) => a + b, 0)) / total;
    };
    const correct = (name: string) => groupMembers(data, name).filter((q) => data.queries[q]!.correct);
    const factual = mean(correct("factual").map(share));
    const reasoning = mean(correct("reasoning").map(share));
    expect(Math.abs(factual - PLANTED.top5Share[model].factual)).toBeLessThan(1);
    expect(Math.abs(reasoning - PLANTED.top5Share[model].reasoning)).toBeLessThan(1);
    if (model === "35b") expect(reasoning - factual).toBeGreaterThan(1.5);
  });

  it("the same prompt in 7B and 35B correlates moderately across the two datasets", () => {
    const a = get("7b").data;
    const b = get("35b").data;
    const index = new Map(b.queries.map((q, i) => [q.prompt, i]));
    const rs = a.queries.flatMap((q, i) => {
      const j = index.get(q.prompt);
      return j === undefined ? [] : [pearson(a.scores[i]!, b.scores[j]!)];
    });
    // Factual, slopes and control prompts are shared: 80 queries.
    expect(rs).toHaveLength(80);
    expect(mean(rs)).toBeGreaterThan(0.3);
    expect(mean(rs)).toBeLessThan(0.6);
    expect(Math.min(...rs)).toBeGreaterThan(0.1);
  });

  it("prints factual names only in the facts' reference paragraphs", () => {
    const { data } = get("7b");
    // Years such as 1969 may occur anywhere (only the top 500 are kept clean); names may not.
    const names = groupMembers(data, "factual")
      .map((q) => data.queries[q]!.answer!)
      .filter((a) => !/^[\d,]+$/.test(a));
    const carrying = data.documents.filter((d) => names.some((a) => containsAnswer(d.text ?? "", a)));
    // 1-3 reference documents per fact, nothing else.
    expect(carrying.length).toBeGreaterThanOrEqual(names.length);
    expect(carrying.length).toBeLessThanOrEqual(3 * names.length);
    for (const d of carrying) {
      expect(["wiki", "general_knowledge"]).toContain(d.source);
      expect(names.filter((a) => containsAnswer(d.text ?? "", a))).toHaveLength(1);
    }
  });
});
