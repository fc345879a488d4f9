/**
 * Per-query document rankings. Scores are float32 and finite; a dataset can hold
 * millions of documents per query, so ordering uses a stable LSD radix sort on the
 * float bit pattern (linear time, no comparator calls) instead of Array.prototype.sort.
 */

/** Radix digit width: three passes (11 + 11 + 10 bits) cover a 32-bit key. */
const RADIX_BITS = 11;
const RADIX_SIZE = 1 << RADIX_BITS;
const RADIX_MASK = RADIX_SIZE - 1;
const PASSES = 3;

/**
 * Document indices by rank: element 0 is the rank-1 document.
 *
 * @param scores one query's scores, one per document (finite; -0 equals +0)
 * @param order "top" = score descending, "bottom" = ascending; ties keep index order in both
 * @returns a permutation of 0..n-1
 */
export function rankOrder(scores: Float32Array, order: "top" | "bottom"): Uint32Array {
  const n = scores.length;
  // Sort keys: a uint32 whose unsigned order is the float order. Negatives get every bit
  // flipped (more negative sorts lower), non-negatives get the sign bit set; -0 is read
  // as +0 so the two tie. For "top" the key is complemented, so the ascending stable sort
  // below yields descending scores with ties still in index order.
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, n);
  const flip = order === "top" ? 0xffffffff : 0;
  let keys = new Uint32Array(n);
  // The same read fills the histograms of all passes.
  const counts = new Uint32Array(RADIX_SIZE * PASSES);
  for (let i = 0; i < n; i++) {
    const u = scores[i] === 0 ? 0 : bits[i]!;
    const key = ((u & 0x80000000 ? ~u : u | 0x80000000) ^ flip) >>> 0;
    keys[i] = key;
    counts[key & RADIX_MASK]!++;
    counts[RADIX_SIZE + ((key >>> RADIX_BITS) & RADIX_MASK)]!++;
    counts[2 * RADIX_SIZE + (key >>> (2 * RADIX_BITS))]!++;
  }
  let index: Uint32Array<ArrayBuffer> | null = null; // null: still the identity permutation
  let keysOut = new Uint32Array(n);
  let indexOut = new Uint32Array(n);
  for (let pass = 0; pass < PASSES && n > 1; pass++) {
    const shift = pass * RADIX_BITS;
    const base = pass * RADIX_SIZE;
    // A pass where every key has the same digit would only copy (all scores of one sign
    // and binade share the top digit, for instance), so it is skipped.
    if (counts[base + ((keys[0]! >>> shift) & RADIX_MASK)] === n) continue;
    let total = 0;
    for (let d = base; d < base + RADIX_SIZE; d++) {
      const c = counts[d]!;
      counts[d] = total;
      total += c;
    }
    const last = pass === PASSES - 1;
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      const slot = counts[base + ((key >>> shift) & RADIX_MASK)]!++;
      if (!last) keysOut[slot] = key;
      indexOut[slot] = index === null ? i : index[i]!;
    }
    [keys, keysOut] = [keysOut, keys];
    const previous = index;
    index = indexOut;
    indexOut = previous ?? new Uint32Array(n);
  }
  if (index === null) {
    index = new Uint32Array(n);
    for (let i = 0; i < n; i++) index[i] = i;
  }
  return index;
}

/**
 * rankOrder(scores, "bottom") from rankOrder(scores, "top") in one linear pass, no second
 * sort: the top order reversed, each run of tied scores turned back to index order.
 *
 * @param into where to write the order (length n), else a new array
 */
export function bottomOrderOf(scores: Float32Array, topOrder: Uint32Array, into: Uint32Array = new Uint32Array(scores.length)): Uint32Array {
  const n = topOrder.length;
  let end = n; // the tie run topOrder[start..end) fills into[n - end .. n - start), in index order
  while (end > 0) {
    const value = scores[topOrder[end - 1]!]!;
    let start = end - 1;
    while (start > 0 && scores[topOrder[start - 1]!] === value) start--; // -0 === +0: they tie
    for (let i = start, slot = n - end; i < end; i++, slot++) into[slot] = topOrder[i]!;
    end = start;
  }
  return into;
}

/**
 * Ranks 1..n in ascending score order, ties sharing the mean of the ranks they span, as
 * scipy.stats.rankdata(method="average"). -0 and +0 tie.
 *
 * A tie run's mean rank is an integer or a half-integer; float32 holds both exactly for
 * n up to 2^23 (8,388,608), and ingest, which must be exact past that, uses
 * doubledAverageRanks instead.
 *
 * @param scores one query's scores (finite)
 * @returns one average rank per document, in document order
 */
export function averageRanks(scores: Float32Array): Float32Array {
  return Float32Array.from(doubledAverageRanks(scores, rankOrder(scores, "bottom")), (r) => r / 2);
}

/**
 * Twice the average ranks (see averageRanks), as integers: exact for up to 2^31 documents.
 * Pearson r of doubled ranks equals that of the ranks to the last bit (doubling is exact).
 *
 * @param order the scores' rankOrder(scores, "bottom"), when the caller has it already
 */
export function doubledAverageRanks(scores: Float32Array, order: Uint32Array): Uint32Array {
  const n = scores.length;
  if (n >= 2 ** 31) throw new RangeError(`${n} documents: doubled ranks are exact only below 2^31`);
  const ranks = new Uint32Array(n);
  let start = 0;
  while (start < n) {
    const value = scores[order[start]!]!;
    let end = start + 1;
    while (end < n && scores[order[end]!] === value) end++;
    // Positions start..end-1 hold ranks start+1..end; twice their mean is start+1+end.
    const doubled = start + 1 + end;
    for (let i = start; i < end; i++) ranks[order[i]!] = doubled;
    start = end;
  }
  return ranks;
}
