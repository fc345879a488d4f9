import { describe, expect, it } from "vitest";
import type { SqlClient } from "@/lib/db/sql";
import { pairTerm, POSTING_BLOCK, RANK_BUCKET_BLOCK, rankBucketWidth, searchWords } from "@/lib/domain/search";
import { postingWriter, rankBuckets } from "./search-index";

/** A transaction that keeps the rank-bucket rows it is given. */
function recordingTx() {
  const rows = new Map<number, Uint8Array>();
  const tx = {
    query: async (_text: string, [, block, bytes]: [number, number, Buffer]) => {
      rows.set(block, new Uint8Array(bytes));
      return [];
    },
  } as unknown as SqlClient;
  return { tx, rows };
}

function shuffled(n: number, seed: number): Uint32Array {
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  let state = seed;
  for (let i = n - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

describe("postingWriter", () => {
  it("stores each term's documents per block, once each and ascending, as a naive index would", async () => {
    // Over two block boundaries, with enough distinct pairs in a block to grow the pair table
    // many times, and words repeated within a document.
    const n = 2 * POSTING_BLOCK + 1_000;
    let state = 7;
    const word = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return `w${state % 3_000}`;
    };
    const texts = Array.from({ length: n }, (_, d) => (d % 97 === 0 ? null : `${word()} ${word()} ${word()}, the ${word()} THE the ${d % 5}.5`));
    const stored = new Map<string, number[]>();
    const tx = {
      query: async (_text: string, [, block, terms, hex]: [number, number, string[], string[]]) => {
        terms.forEach((term, i) => {
          const bytes = Buffer.from(hex[i]!, "hex");
          const key = `${term}|${block}`;
          expect(stored.has(key), `one row for ${key}`).toBe(false);
          stored.set(key, Array.from({ length: bytes.length / 2 }, (_, j) => bytes.readUInt16BE(2 * j)));
        });
        return [];
      },
    } as unknown as SqlClient;
    const writer = postingWriter(tx, 1);
    for (let d = 0; d < n; d++) await writer.add(d, texts[d]!);
    await writer.flush();

    const expected = new Map<string, number[]>();
    texts.forEach((text, d) => {
      const words = searchWords(text);
      const terms = new Set([...words, ...words.slice(1).map((w, i) => pairTerm(words[i]!, w))]);
      for (const term of terms) {
        const key = `${term}|${Math.floor(d / POSTING_BLOCK)}`;
        if (!expected.has(key)) expected.set(key, []);
        expected.get(key)!.push(d % POSTING_BLOCK);
      }
    });
    expect(stored.size).toBe(expected.size);
    expect(stored.size).toBeGreaterThan(3 * 3_000); // words and pairs in each of three blocks
    for (const [key, offsets] of expected) expect(stored.get(key), key).toEqual(offsets);
  });
});

describe("rankBuckets", () => {
  it("stores, per document, its bucket in every query's top then bottom ranking, across several spill reads", async () => {
    // More documents than one read of the spill (16 stored rows) and not a multiple of a row.
    const D = 16 * RANK_BUCKET_BLOCK + 1_234;
    const Q = 3;
    const orders = Array.from({ length: Q }, (_, q) => ({ top: shuffled(D, 7 + q), bottom: shuffled(D, 100 + q) }));
    const buckets = await rankBuckets(D, Q);
    for (let q = 0; q < Q; q++) await buckets.add(q, orders[q]!.top, orders[q]!.bottom);
    const { tx, rows } = recordingTx();
    await buckets.write(tx, 1);
    await buckets.close();

    expect([...rows.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: Math.ceil(D / RANK_BUCKET_BLOCK) }, (_, i) => i));
    const width = rankBucketWidth(D);
    // Independently: each document's rank by inverting the orders, its bucket by division.
    for (let q = 0; q < Q; q++) {
      for (const [tail, order] of [[0, orders[q]!.top], [1, orders[q]!.bottom]] as const) {
        const rank = new Uint32Array(D);
        order.forEach((d, r) => (rank[d] = r));
        for (const d of [0, 1, RANK_BUCKET_BLOCK - 1, RANK_BUCKET_BLOCK, 16 * RANK_BUCKET_BLOCK, D - 1, 12_345, 66_000]) {
          const row = rows.get(Math.floor(d / RANK_BUCKET_BLOCK))!;
          const stored = row[(d % RANK_BUCKET_BLOCK) * 2 * Q + tail * Q + q];
          expect(stored, `document ${d}, query ${q}, tail ${tail}`).toBe(Math.min(255, Math.floor(rank[d]! / width)));
        }
      }
    }
    expect(rows.get(Math.floor((D - 1) / RANK_BUCKET_BLOCK))!.length).toBe((D % RANK_BUCKET_BLOCK) * 2 * Q);
  });
});
