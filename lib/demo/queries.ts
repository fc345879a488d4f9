import type { QueryRecord } from "@/lib/domain/records";
import { FACT_CONTROLS, FACTS } from "./facts";
import { itemRandom, pick, randInt, shuffleInPlace, type Uniform } from "./random";

/*
 * The 100 queries of a demo dataset, in the paper's composition and order: 40 factual,
 * 20 two-step arithmetic (7B) or linear equations (35B), 20 slopes, 10 factual controls,
 * 10 reasoning controls. Factual, slope and control prompts depend on the seed only, so
 * the 7B- and 35B-shaped datasets share them (and cross-dataset views can pair them);
 * which completions are wrong depends on the model too.
 */

/** The two model shapes the generator imitates. */
export type DemoModel = "7b" | "35b";

/**
 * Reasoning answers lie in [MIN_ANSWER, MAX_ANSWER]: above every literal number in the
 * text templates, and away from the numbers printed in the facts' reference paragraphs.
 */
export const MIN_ANSWER = 11;
export const MAX_ANSWER = 400;

/** Queries answered wrongly, per block (15 of 100, as planted). */
export const INCORRECT_PER_BLOCK = {
  factual: 6,
  task: 3,
  slopes: 3,
  factualControl: 1,
  reasoningControl: 2,
} as const;

const STEP = "\n\nThink step-by-step.";

/** A reasoning problem before it becomes a query record. */
interface Problem {
  prompt: string;
  answer: number;
  completion: string;
  wrong: string;
}

const usable = (value: number, used: Set<number>) =>
  Math.abs(value) >= MIN_ANSWER && Math.abs(value) <= MAX_ANSWER && !used.has(Math.abs(value));

/** Draws `count` problems whose answers are distinct, in range and not in `used`. */
function problems(
  count: number,
  random: Uniform,
  used: Set<number>,
  draw: (random: Uniform) => Problem | null,
): Problem[] {
  const out: Problem[] = [];
  for (let attempt = 0; out.length < count; attempt++) {
    // Cannot happen with the ranges above; guards against an edit that narrows them.
    if (attempt > 100_000) throw new RangeError("not enough distinct reasoning answers");
    const problem = draw(random);
    if (problem && usable(problem.answer, used)) {
      used.add(Math.abs(problem.answer));
      out.push(problem);
    }
  }
  return out;
}

function arithmetic(random: Uniform): Problem | null {
  const plus = random() < 0.5;
  const a = randInt(random, 2, 9);
  const b = randInt(random, 1, 9);
  const c = randInt(random, 2, 19);
  if (!plus && a <= b) return null;
  const op = plus ? "+" : "-";
  const inner = plus ? a + b : a - b;
  const result = inner * c;
  const wrongResult = random() < 0.5 ? result + c : inner * (c + 1) + inner;
  const variant = random() < 0.5;
  const body = (value: number) =>
    variant
      ? `First, let's evaluate the expression inside the parentheses:\n${a} ${op} ${b} = ${inner}\n\nNow, multiply the result by ${c}:\n${inner} * ${c} = ${value}\n\nTherefore, the answer is ${value}.`
      : `Let's solve this step by step.\n\n1. Parentheses first: ${a} ${op} ${b} = ${inner}\n2. Then multiply: ${inner} * ${c} = ${value}\n\nSo the answer to (${a} ${op} ${b}) * ${c} is ${value}.`;
  return {
    prompt: `Calculate the answer: (${a} ${op} ${b}) * ${c}${STEP}`,
    answer: result,
    completion: body(result),
    wrong: body(wrongResult),
  };
}

function linear(random: Uniform): Problem | null {
  const a = randInt(random, 2, 9);
  const x = randInt(random, MIN_ANSWER, 99);
  const b = randInt(random, 1, 60);
  const c = a * x + b;
  const steps = (difference: number) => {
    const solution = difference / a;
    const shown = Number.isInteger(solution) ? String(solution) : solution.toFixed(2);
    return `Let's solve this problem step by step:\n\n1. Start with the equation: ${a}x + ${b} = ${c}\n\n2. Subtract ${b} from both sides of the equation: ${a}x = ${difference}\n\n3. Divide both sides of the equation by ${a} to isolate x: x = ${shown}\n\nTherefore, the solution to the equation ${a}x + ${b} = ${c} is x = ${shown}.`;
  };
  return {
    prompt: `Solve for x: ${a}x + ${b} = ${c}${STEP}`,
    answer: x,
    completion: steps(c - b),
    // The classic slip: adding instead of subtracting the constant.
    wrong: steps(c + b),
  };
}

function slope(random: Uniform): Problem | null {
  const dx = pick(random, [1, 1, 1, 2, 3]) * (random() < 0.8 ? 1 : -1);
  const x1 = randInt(random, 0, 99);
  const x2 = x1 + dx;
  const y1 = randInt(random, 0, 99);
  const m = randInt(random, MIN_ANSWER, 99) * (random() < 0.5 ? 1 : -1);
  const y2 = y1 + m * dx;
  if (x2 < 0 || x2 > 99 || y2 < 0 || y2 > 99) return null;
  const p1 = `(${x1}, ${y1})`;
  const p2 = `(${x2}, ${y2})`;
  const body = (top: string, dy: number, value: number) =>
    `The slope of a line passing through two points is calculated using the formula:\n\nSlope = (change in y) / (change in x)\n\nIn this case, we have the points ${p1} and ${p2}.\n\nSubstituting the values into the formula, we have:\n\nSlope = ${top} / (${x2} - ${x1})\n\nSlope = (${dy}) / (${dx})\n\nSlope = ${value}\n\nTherefore, the slope of the line passing through the points ${p1} and ${p2} is ${value}.`;
  return {
    prompt: `What is the slope of the line passing through the points ${p1} and ${p2}?${STEP}`,
    answer: m,
    completion: body(`(${y2} - ${y1})`, y2 - y1, m),
    // A sign slip: the y difference taken the other way round.
    wrong: body(`(${y1} - ${y2})`, y1 - y2, -m),
  };
}

/** Reasoning controls: the number is in the prompt; no procedure is needed. */
const REASONING_CONTROLS: ReadonlyArray<(n: number) => Omit<Problem, "answer">> = [
  (n) => ({
    prompt: `Find the answer: ${n} beagles were bought by a dog breeder. How many beagles were bought?${STEP}`,
    completion: `The dog breeder bought ${n} beagles.`,
    wrong: `The dog breeder bought ${n + 1} beagles.`,
  }),
  (n) => ({
    prompt: `Find the answer: There are ${n} marbles in a jar. How many marbles are in the jar?${STEP}`,
    completion: `There are ${n} marbles in the jar.`,
    wrong: `There are ${n - 1} marbles in the jar.`,
  }),
  (n) => ({
    prompt: `What is the number between the brackets: (-${n})?${STEP}`,
    completion: `The number between the brackets is -${n}.`,
    wrong: `There is no number between the brackets.\n\nTherefore, the answer is ${n}.`,
  }),
  (n) => ({
    prompt: `What is x: x = ${n}${STEP}`,
    completion: `x = ${n}.`,
    wrong: `x = ${n * 2}.`,
  }),
  (n) => ({
    prompt: `Find for x: the variable x is assigned the number ${n}.${STEP}`,
    completion: `The variable x is assigned the number ${n}.\n\nThe value of x is ${n}.`,
    wrong: `The variable x is assigned a number.\n\nThe value of x is ${n + 10}.`,
  }),
  (n) => ({
    prompt: `Find the answer: The temperature went as low as -${n} degrees Celsius. How low did the temperature get in degrees Celsius?${STEP}`,
    completion: `The temperature went as low as -${n} degrees Celsius.\n\nTherefore the answer is -${n} degrees Celsius.`,
    wrong: `The temperature went as low as ${n} degrees Celsius.`,
  }),
  (n) => ({
    prompt: `Can you repeat the number between brackets (${n})?${STEP}`,
    completion: `The number between brackets is ${n}.`,
    wrong: `The number between brackets is ${n + 3}.`,
  }),
  (n) => ({
    prompt: `This line has a slope ${n}. What is the slope of the aforementioned line?${STEP}`,
    completion: `The slope of a line measures its steepness: the change in y per unit change in x.\n\nIn this case, the line has a slope of ${n}.\n\nTherefore, the slope of the aforementioned line is ${n}.`,
    wrong: `The slope of the aforementioned line is ${n + 1}.`,
  }),
  (n) => ({
    prompt: `When calculating the answer, it was found that a bouquet of flowers contains ${n} roses. How many roses does the bouquet contain?${STEP}`,
    completion: `A bouquet of flowers contains ${n} roses. Therefore, the bouquet contains ${n} roses.`,
    wrong: `The bouquet contains ${n - 2} roses.`,
  }),
  (n) => ({
    prompt: `Find the answer: A train leaves the station carrying ${n} passengers. How many passengers are on the train?${STEP}`,
    completion: `The train is carrying ${n} passengers.`,
    wrong: `The train is carrying ${n + 5} passengers.`,
  }),
];

/** Numeric answer of a reasoning control: the template's number, signed as it asks. */
const CONTROL_SIGN = [1, 1, -1, 1, 1, -1, 1, 1, 1, 1] as const;

/** Picks `count` of `n` indices, deterministically from `random`. */
function chooseIndices(random: Uniform, n: number, count: number): Set<number> {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffleInPlace(random, order);
  return new Set(order.subarray(0, count));
}

/**
 * Negative log-likelihood of a completion in nats: about a quarter to a third of a nat
 * per token (tokens ~ characters / 4), more when the completion is wrong, clamped to
 * the ranges the paper's models show (factual 5-20, reasoning 20-60).
 */
function completionNats(random: Uniform, completion: string, reasoning: boolean, correct: boolean): number {
  const perToken = (reasoning ? 0.42 : 0.3) * (correct ? 1 : 1.35);
  const jitter = Math.exp(0.25 * (random() + random() + random() - 1.5));
  const nats = (completion.length / 4) * perToken * jitter;
  const [lo, hi] = reasoning ? [20, 60] : [5, 20];
  return Math.round(Math.min(hi, Math.max(lo, nats)) * 1000) / 1000;
}

const pad = (i: number) => String(i + 1).padStart(2, "0");

/** The reasoning problems of both models, with distinct answers. */
function reasoningProblems(seed: number) {
  // Reasoning answers also avoid every number printed in the facts' reference
  // paragraphs (e.g. the 299 of "299,792"), which are planted in the corpus, so that
  // even a matcher that splits numbers at separators finds no reasoning answer there.
  const used = new Set<number>();
  for (const fact of FACTS) {
    for (const digits of fact.reference.match(/\d+/g) ?? []) used.add(Number(digits));
  }
  const slopes = problems(20, itemRandom(seed, "slopes"), used, slope);
  const arithmeticProblems = problems(20, itemRandom(seed, "arithmetic"), used, arithmetic);
  const linearProblems = problems(20, itemRandom(seed, "linear"), used, linear);
  const controlRandom = itemRandom(seed, "reasoning-controls");
  const controls: Problem[] = REASONING_CONTROLS.map((template, i) => {
    let n = randInt(controlRandom, MIN_ANSWER, 99);
    while (used.has(n)) n = randInt(controlRandom, MIN_ANSWER, 99);
    used.add(n);
    return { ...template(n), answer: n * (CONTROL_SIGN[i] ?? 1) };
  });
  return { slopes, arithmeticProblems, linearProblems, controls };
}

/** The 100 queries of one model's demo dataset (see the module comment). */
export function demoQueries(model: DemoModel, seed: number): QueryRecord[] {
  const { slopes, arithmeticProblems, linearProblems, controls } = reasoningProblems(seed);
  const wrongRandom = itemRandom(seed, model, "incorrect");
  const wrong = {
    factual: chooseIndices(wrongRandom, 40, INCORRECT_PER_BLOCK.factual),
    task: chooseIndices(wrongRandom, 20, INCORRECT_PER_BLOCK.task),
    slopes: chooseIndices(wrongRandom, 20, INCORRECT_PER_BLOCK.slopes),
    factualControl: chooseIndices(wrongRandom, 10, INCORRECT_PER_BLOCK.factualControl),
    reasoningControl: chooseIndices(wrongRandom, 10, INCORRECT_PER_BLOCK.reasoningControl),
  };
  const natsRandom = itemRandom(seed, model, "nats");
  const queries: QueryRecord[] = [];
  const add = (
    fields: Pick<QueryRecord, "id" | "prompt" | "set" | "type" | "control" | "answer">,
    completion: string,
    wrongCompletion: string,
    correct: boolean,
  ) => {
    const text = correct ? completion : wrongCompletion;
    queries.push({
      ...fields,
      completion: text,
      correct,
      nats: completionNats(natsRandom, text, fields.set === "reasoning", correct),
    });
  };

  FACTS.forEach((fact, i) =>
    add(
      { id: `factual-${pad(i)}`, prompt: fact.prompt, set: "factual", type: "factual", control: false, answer: fact.answer },
      fact.completion,
      fact.wrong,
      !wrong.factual.has(i),
    ),
  );
  const taskType = model === "7b" ? "arithmetic" : "linear";
  const taskProblems = model === "7b" ? arithmeticProblems : linearProblems;
  const reasoning = (type: string, list: Problem[], wrongSet: Set<number>) =>
    list.forEach((problem, i) =>
      add(
        {
          id: `${type}-${pad(i)}`,
          prompt: problem.prompt,
          set: "reasoning",
          type,
          control: false,
          answer: String(problem.answer),
        },
        problem.completion,
        problem.wrong,
        !wrongSet.has(i),
      ),
    );
  reasoning(taskType, taskProblems, wrong.task);
  reasoning("slopes", slopes, wrong.slopes);
  FACT_CONTROLS.forEach((fact, i) =>
    add(
      {
        id: `factual-control-${pad(i)}`,
        prompt: fact.prompt,
        set: "factual",
        type: "factual",
        control: true,
        answer: fact.answer,
      },
      fact.completion,
      fact.wrong,
      !wrong.factualControl.has(i),
    ),
  );
  controls.forEach((problem, i) =>
    add(
      {
        id: `reasoning-control-${pad(i)}`,
        prompt: problem.prompt,
        set: "reasoning",
        type: "reasoning",
        control: true,
        answer: String(problem.answer),
      },
      problem.completion,
      problem.wrong,
      !wrong.reasoningControl.has(i),
    ),
  );
  return queries;
}
