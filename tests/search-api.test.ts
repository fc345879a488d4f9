/**
 * Whole-corpus search end to end on each backend: a dataset of 3,000 documents whose
 * texts mix "28" with "286", "3.28", "x28", "28th"..., then GET /api/datasets/{slug}/search
 * and /search/queries checked against an independent computation: whole-word matching
 * with regular expressions written here (not lib/domain/search.ts), ranks from sorting
 * the scores.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getSearchQueries } from "@/app/api/datasets/[slug]/search/queries/route";
import { GET as getSearch } from "@/app/api/datasets/[slug]/search/route";
import { findDataset } from "@/lib/data/store/datasets";
import { bestMatchPerQuery, filteredRanking, matchingDocuments, type BestMatchPlan } from "@/lib/data/store/search";
import { parseSearch } from "@/lib/domain/search";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { serveDatabase, SERVER_BACKENDS } from "./support/databases";
import { searchDataset } from "./support/search-dataset";

const input = searchDataset();
const D = input.documents.length;

// --- the independent computation ---
const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
const W = "[\\p{L}\\p{N}\\p{M}]";
const startsWithDigit = (w: string) => /^\d/.test(w);
const endsWithDigit = (w: string) => /\d$/.test(w);
/** A phrase (words in order) as a regular expression: no word character on either side, a number not continued by ".5" or ",000". */
function phrasePattern(words: string[]): RegExp {
  let source = `(?<!${W})${startsWithDigit(words[0]!) ? "(?<!\\d[.,])" : ""}`;
  words.forEach((word, i) => {
    if (i > 0) source += `${endsWithDigit(words[i - 1]!) && startsWithDigit(word) ? "(?![.,]\\d)" : ""}[^\\p{L}\\p{N}\\p{M}]+`;
    source += escape(word);
  });
  source += `(?!${W})${endsWithDigit(words.at(-1)!) ? "(?![.,]\\d)" : ""}`;
  return new RegExp(source, "iu");
}
function naiveMatches(terms: string[][]): number[] {
  const patterns = terms.map(phrasePattern);
  return input.documents.flatMap((d, i) => (d.text !== null && patterns.every((p) => p.test(d.text!)) ? [i] : []));
}
function naiveRanks(q: number, order: "top" | "bottom"): Int32Array {
  const row = input.scores[q]!;
  const ids = Array.from({ length: D }, (_, i) => i).sort((a, b) => (order === "top" ? row[b]! - row[a]! : row[a]! - row[b]!) || a - b);
  const rank = new Int32Array(D);
  ids.forEach((d, r) => (rank[d] = r + 1));
  return rank;
}

/** Searches as a user types them, with the terms they mean (written out by hand). */
const CASES: { q: string; terms: string[][] }[] = [
  { q: "28", terms: [["28"]] },
  { q: "286", terms: [["286"]] },
  { q: "3.28", terms: [["3.28"]] },
  { q: "1,234", terms: [["1,234"]] },
  { q: "APPLE", terms: [["apple"]] },
  { q: "apple pie", terms: [["apple"], ["pie"]] },
  { q: '"apple pie"', terms: [["apple", "pie"]] },
  { q: "apple-pie", terms: [["apple", "pie"]] },
  { q: '28 "pie apple" step', terms: [["28"], ["pie", "apple"], ["step"]] },
  { q: "don't", terms: [["don", "t"]] },
  { q: "CAFÉ zürich", terms: [["café"], ["zürich"]] },
  { q: "the", terms: [["the"]] },
  { q: "nowhere", terms: [["nowhere"]] },
  // Phrases of the commonest words: two words are one pair of the index, three need their order checked.
  { q: '"the is"', terms: [["the", "is"]] },
  { q: '"the the"', terms: [["the", "the"]] },
  { q: '"the apple pie"', terms: [["the", "apple", "pie"]] },
  { q: '"is the of" the', terms: [["is", "the", "of"], ["the"]] },
];

const call = async (handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>, params: Record<string, string>) => {
  const response = await handler(new Request(`http://test/api/datasets/search/search?${new URLSearchParams(params)}`), { params: Promise.resolve({ slug: "search" }) });
  return { status: response.status, body: (await response.json()) as any };
};

describe.each(SERVER_BACKENDS)("search on $name", ({ create }) => {
  let served: Awaited<ReturnType<typeof serveDatabase>>;
  beforeAll(async () => {
    served = await serveDatabase(create, async (owner) => {
      await ingestDataset(owner.sql, input);
    });
  }, 120_000);
  afterAll(async () => {
    await served?.close();
  });

  it("the test texts hold the cases apart (the comparison can fail)", () => {
    const count = (terms: string[][]) => naiveMatches(terms).length;
    expect(count([["28"]])).toBeGreaterThan(50);
    expect(count([["286"]])).toBeGreaterThan(50);
    expect(count([["apple", "pie"]])).toBeLessThan(count([["apple"], ["pie"]]));
    expect(count([["the"]])).toBeGreaterThan(D / 5);
    // A three-word phrase is more than its two pairs: the order check matters.
    expect(count([["the", "apple", "pie"]])).toBeGreaterThan(0);
    expect(count([["the", "apple", "pie"]])).toBeLessThan(count([["the", "apple"], ["apple", "pie"]]));
  });

  it.each(CASES)("$q: every match at its true rank, any depth, both orders", async ({ q, terms }) => {
    const expected = naiveMatches(terms);
    for (const [queryIndex, order] of [[0, "top"], [4, "bottom"]] as const) {
      const ranks = naiveRanks(queryIndex, order);
      const byRank = [...expected].sort((a, b) => ranks[a]! - ranks[b]!);
      const all: { rank: number; documentId: string; score: number; text: string }[] = [];
      for (let offset = 0; ; offset += 1000) {
        const { status, body } = await call(getSearch as never, { q, query: `q${queryIndex}`, order, offset: String(offset), limit: "1000" });
        expect(status).toBe(200);
        expect(body.total).toBe(expected.length);
        all.push(...body.items);
        if (body.items.length < 1000) break;
      }
      expect(all.map((i) => i.documentId)).toEqual(byRank.map((d) => input.documents[d]!.id));
      expect(all.map((i) => i.rank)).toEqual(byRank.map((d) => ranks[d]));
      expect(all.map((i) => i.score)).toEqual(byRank.map((d) => input.scores[queryIndex]![d]));
      expect(all.map((i) => i.text)).toEqual(byRank.map((d) => input.documents[d]!.text));
    }
  });

  it("a deep page, and a page starting at a rank", async () => {
    const expected = naiveMatches([["the"]]);
    const ranks = naiveRanks(1, "top");
    const byRank = [...expected].sort((a, b) => ranks[a]! - ranks[b]!);
    const { body } = await call(getSearch as never, { q: "the", query: "q1", offset: String(byRank.length - 5), limit: "50" });
    expect(body.items.map((i: { rank: number }) => i.rank)).toEqual(byRank.slice(-5).map((d) => ranks[d]));
    const at = ranks[byRank[100]!]! - 1; // one rank above the 101st match
    const { body: jumped } = await call(getSearch as never, { q: "the", query: "q1", rank: String(at), limit: "3" });
    expect(jumped.offset).toBe(100);
    expect(jumped.items[0].rank).toBe(ranks[byRank[100]!]);
  });

  it("the per-query table: every query's best rank of a matching document", async () => {
    // The two ways apart: below and above 5,000 (query, document) pairs.
    expect(naiveMatches([["28"], ["step"]]).length * 6).toBeLessThan(5_000);
    expect(naiveMatches([["apple"]]).length * 6).toBeGreaterThan(5_000);
    // Few matches read each (query, document) record; many walk the rankings: both ways here.
    for (const [q, terms] of [["28 step", [["28"], ["step"]]], ['"apple pie" café', [["apple", "pie"], ["café"]]], ["the", [["the"]]], ["APPLE", [["apple"]]]] as const) {
      const expected = naiveMatches(terms as unknown as string[][]);
      for (const order of ["top", "bottom"] as const) {
        const { status, body } = await call(getSearchQueries as never, { q, order });
        expect(status).toBe(200);
        expect(body.total).toBe(expected.length);
        expect(body.rows).toEqual(input.queries.map((query, qi) => {
          const ranks = naiveRanks(qi, order);
          const best = expected.reduce((a, b) => (ranks[b]! < ranks[a]! ? b : a));
          return { queryId: query.id, set: query.set, type: query.type, control: false, rank: ranks[best], documentId: input.documents[best]!.id, score: input.scores[qi]![best] };
        }));
      }
    }
  });

  it("each way of finding a page gives the same matches at the same ranks", async () => {
    const dataset = (await findDataset("search"))!;
    for (const [q, terms] of [["the", [["the"]]], ["28", [["28"]]], ['"the apple pie"', [["the", "apple", "pie"]]]] as const) {
      const parsed = parseSearch(q);
      if (!parsed.ok) throw new Error(parsed.error);
      const filter = { search: parsed.search, source: null, label: null };
      const expected = naiveMatches(terms as unknown as string[][]);
      for (const order of ["top", "bottom"] as const) {
        const ranks = naiveRanks(3, order);
        const byRank = [...expected].sort((a, b) => ranks[a]! - ranks[b]!);
        for (const plan of ["walk", "records", "column"] as const) {
          const pages = [];
          for (const offset of [0, 7, byRank.length - 3]) {
            const page = await filteredRanking(dataset.id, 3, order, filter, offset, 20, plan);
            expect(page.total).toBe(expected.length);
            pages.push(page.items.map((i) => [i.rank, i.documentId, i.score]));
          }
          expect(pages, `${q} ${order} ${plan}`).toEqual([0, 7, byRank.length - 3].map((offset) =>
            byRank.slice(offset, offset + 20).map((d) => [ranks[d], input.documents[d]!.id, input.scores[3]![d]])));
          const at = ranks[byRank[Math.floor(byRank.length / 2)]!]!;
          const jumped = await filteredRanking(dataset.id, 3, order, filter, { rank: at }, 2, plan);
          expect(jumped.offset).toBe(Math.floor(byRank.length / 2));
          expect(jumped.items.map((i) => i.rank)).toEqual(byRank.slice(jumped.offset, jumped.offset + 2).map((d) => ranks[d]));
        }
      }
    }
  });

  it("each way of finding every query's best match gives the same table, without rank buckets too", async () => {
    const dataset = (await findDataset("search"))!;
    const check = async (plans: readonly BestMatchPlan[]) => {
      for (const [q, terms] of [["28 step", [["28"], ["step"]]], ["the", [["the"]]], ['"the apple pie"', [["the", "apple", "pie"]]]] as const) {
        const parsed = parseSearch(q);
        if (!parsed.ok) throw new Error(parsed.error);
        const matches = await matchingDocuments(dataset.id, { search: parsed.search, source: null, label: null });
        const expected = naiveMatches(terms as unknown as string[][]);
        expect(Array.from(matches)).toEqual(expected);
        for (const order of ["top", "bottom"] as const) {
          const table = input.queries.map((_, qi) => {
            const ranks = naiveRanks(qi, order);
            const best = expected.reduce((a, b) => (ranks[b]! < ranks[a]! ? b : a));
            return { queryIndex: qi, rank: ranks[best], documentIdx: best, score: input.scores[qi]![best] };
          });
          for (const plan of plans) {
            expect(await bestMatchPerQuery(dataset.id, input.queries.length, D, matches, order, plan), `${q} ${order} ${plan}`).toEqual(table);
          }
        }
      }
    };
    await check(["pairs", "buckets", "walk"]);
    // A dataset ingested before rank buckets were stored walks instead.
    await served.owner.sql.query("DELETE FROM document_rank_buckets WHERE dataset_id = $1", [dataset.id]);
    await check(["buckets"]);
  });

  it("bad input: a 400 naming the problem", async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ q: "", query: "q0" }, /"q": q must contain at least one word or number/],
      [{ q: "!!! ---", query: "q0" }, /"q": q must contain at least one word or number/],
      [{ q: "a".repeat(201), query: "q0" }, /"q": q must be at most 200 characters/],
      [{ query: "q0" }, /"q": give words to search for/],
      [{ q: "28" }, /"query": query \(a query id\) is required/],
      [{ q: "28", query: "q0", order: "middle" }, /"order"/],
      [{ q: "28", query: "q0", label: "kind" }, /"label": label must be "key=value"/],
      [{ q: "28", query: "q0", limit: "0" }, /"limit"/],
    ];
    for (const [params, message] of cases) {
      const { status, body } = await call(getSearch as never, params);
      expect(status, JSON.stringify(params)).toBe(400);
      expect(body.error).toMatch(message);
    }
    const { status, body } = await call(getSearch as never, { q: "28", query: "nope" });
    expect(status).toBe(404);
    expect(body.error).toMatch(/No query "nope"/);
  });
});
