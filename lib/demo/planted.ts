import { INCORRECT_PER_BLOCK } from "./queries";

// 35B reasoning: a heavier tail (see tailIndex below).
const TAIL_35B_REASONING = 2.75;
const ALPHA_35B_REASONING = -0.4;
const TOP5_35B_REASONING = 24;

/**
 * Everything the demo generator plants, in one place, so that tests and the README cite
 * the same numbers the generator uses. Targets follow Ruis et al. (ICLR 2025),
 * "Procedural Knowledge in Pretraining Drives Reasoning in Large Language Models".
 *
 * Values the pipeline should recover are marked "expect"; the rest are generator
 * parameters (see scores.ts for the model they feed).
 */
export const PLANTED = {
  /** Default seed and corpus size. */
  seed: 1,
  documents: 20_000,

  /**
   * Corpus share of each source (exact counts, largest-remainder rounding).
   * stackexchange gets 3% rather than ~5%: the top-k multipliers, weighted by these
   * shares, must average exactly 1, and at 5% a 10x stackexchange would take half the
   * top 50, leaving too little room for 30x math_and_trivia and 2-3x arXiv and code.
   */
  sourceShares: {
    arxiv_markdown: 0.05,
    code: 0.1,
    general_knowledge: 0.12,
    math_and_trivia: 0.01,
    multilingual: 0.11,
    stackexchange: 0.03,
    webdata: 0.48,
    wiki: 0.1,
  },

  /**
   * Expect: mean off-diagonal Pearson r within each task (between tasks and between
   * sets: 0). Exact in expectation; the realised value is within about 0.01.
   */
  correlation: {
    "7b": { factual: 0.05, arithmetic: 0.4, slopes: 0.5, factual_control: 0.02, reasoning_control: 0.02 },
    "35b": { factual: 0.03, linear: 0.15, slopes: 0.5, factual_control: 0.02, reasoning_control: 0.02 },
  },

  /**
   * Pareto tail index nu of the per-document draws, per model and set (controls use their
   * set's). Chosen so that the fitted power-law slope over the top 500 comes out near the
   * paper's values at the default corpus size (the slope is about -1/nu, a little
   * steeper because the top 500 of 20,000 reach into the bulk). 35B's reasoning tail is
   * heavier, so that its top 5% of positive documents hold more of the positive
   * influence than factual's (the paper's 35B finding: about 24% vs 22% for correctly
   * answered queries; 7B: about 20% for both).
   */
  tailIndex: {
    "7b": { factual: 3.35, reasoning: 3.05 },
    "35b": { factual: 3.35, reasoning: TAIL_35B_REASONING },
  },
  /** Expect: mean power-law alpha over the top 500 positive scores (20,000 documents). */
  powerLawAlpha: {
    "7b": { factual: -0.33, reasoning: -0.36 },
    "35b": { factual: -0.33, reasoning: ALPHA_35B_REASONING },
  },
  /** Expect: mean share (%) of positive influence held by the top 5% of positive documents, correctly answered queries (20,000 documents). */
  top5Share: {
    "7b": { factual: 21.4, reasoning: 20.2 },
    "35b": { factual: 21.8, reasoning: TOP5_35B_REASONING },
  },

  /**
   * Source multipliers (share among the extreme documents / share of the corpus) planted
   * for the upper and lower `quantile` of one draw; quantile 0.0025 is the top 50 of
   * 20,000. Expect roughly these at k = 50 with 20,000 documents (the sum of the task
   * factor and the query's noise blurs them a little); at larger k they shrink towards 1,
   * and with more documents the top 50 lie deeper in the tail and the favoured sources
   * rise further. The bottom multipliers are shared by both sets: bottom tails look alike.
   */
  enrichment: {
    quantile: 0.0025,
    top: {
      factual: {
        arxiv_markdown: 0.3,
        code: 0.2,
        general_knowledge: 1.5,
        math_and_trivia: 18,
        multilingual: 0.2,
        stackexchange: 0.5,
        webdata: 0.1,
        wiki: 5.5,
      },
      reasoning: {
        arxiv_markdown: 2.5,
        code: 2,
        general_knowledge: 0.3,
        math_and_trivia: 40,
        multilingual: 0.1,
        stackexchange: 10,
        webdata: 0.2,
        wiki: 0.05,
      },
    },
    bottom: {
      arxiv_markdown: 1.5,
      code: 2,
      general_knowledge: 0.9,
      math_and_trivia: 3,
      multilingual: 0.8,
      stackexchange: 2,
      webdata: 1,
      wiki: 0.7,
    },
  },

  /**
   * Query scale c_q = nats_q * median * exp(sigma * N(0, 1)) (scores in EK-FAC-like
   * units, ~1e-7). Expect: factual queries carry about twice the total positive
   * influence per nat of reasoning queries, with a much wider spread across queries.
   */
  influencePerNat: {
    factual: { median: 2e-8, sigma: 0.6 },
    reasoning: { median: 1e-8, sigma: 0.25 },
  },

  /**
   * Answer occurrence. Every fact has 1-3 reference documents (wiki or
   * general_knowledge texts containing its answer) in the corpus. For `share` of the
   * correctly answered factual queries (rounded), these documents are placed at ranks
   * 1 to `maxRank`; for every other factual query they are kept out of the top `topK`.
   * Reasoning answers are never printed in any document. Expect: exactly this share of
   * correct factual queries with the answer in the top 500; 0% of reasoning queries.
   * (The paper: 55% for 7B, 30% for 35B; 35B here is 40% to stay "about half".)
   */
  answerOccurrence: {
    topK: 500,
    maxRank: 300,
    documentsPerFact: { min: 1, max: 3 },
    share: { "7b": 0.55, "35b": 0.4 },
  },

  /**
   * The same prompt in demo-7b and demo-35b (factual, slopes and control prompts are
   * shared): two models' influences over one corpus agree moderately. demo-35b's
   * ranking of such a query is its own ranking mixed with demo-7b's through a Gaussian
   * copula at this normal-score correlation (each row keeps its own score values, so its
   * distribution, power law and coverage are unchanged). Expect: Pearson r between the
   * two datasets' scores of one prompt of about 0.3-0.5 (heavy tails pull it below this).
   */
  crossModelCorrelation: 0.45,

  /**
   * Reasoning rankings open with procedures: every document among the top `top` of a
   * reasoning query (arithmetic, linear or slopes; controls excluded) carries a procedure
   * for that task (code computing a slope, worked arithmetic, an equation solved step by
   * step) in its source's voice; the query's other documents keep their source's
   * ordinary texts (a travel blog, a cookie banner), so noise sits further down.
   */
  procedures: { top: 20 },

  /** Queries answered wrongly per block: 15 of 100. */
  incorrect: INCORRECT_PER_BLOCK,
} as const;
