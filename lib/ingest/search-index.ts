import type { SqlClient } from "@/lib/db/sql";
import { SpillFile } from "./score-source";
import { pairTerm, POSTING_BLOCK, RANK_BUCKET_BLOCK, RANK_BUCKETS, rankBucketWidth, searchWords } from "@/lib/domain/search";

/**
 * The whole-corpus search index written at ingest (read by lib/data/store/search.ts):
 *   - `search_postings`: for every index term (lib/domain/search.ts: each word, and each
 *     pair of adjacent words), the documents holding it, in blocks of
 *     POSTING_BLOCK documents: ascending big-endian uint16 offsets within the block, so a
 *     posting costs 2 bytes and ingest holds one block's postings at a time;
 *   - `document_rank_buckets`: every document's coarse rank in every query, top and
 *     bottom (one byte each, RANK_BUCKETS), for the search from the document side.
 */

/** Posting rows per INSERT statement. */
const POSTING_ROWS = 5_000;

/** A growable list of 32-bit integers (no boxed numbers, no array per posting list). */
class IntList {
  values = new Int32Array(1024);
  length = 0;
  push(value: number) {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/** A pair of word ids mixed into one integer (the table's slot is its low bits). */
const pairHash = (first: number, second: number) => Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca77);

/**
 * The adjacent-word pairs of one block: (first, second) word ids to a pair id, by open
 * addressing over typed arrays (a Map per first word cost an object and an array for
 * every pair, most of the index's time).
 */
class PairIds {
  private keys = new Int32Array(2 * 4096).fill(-1);
  private ids = new Int32Array(4096);
  readonly firsts = new IntList();
  readonly seconds = new IntList();
  get size() {
    return this.firsts.length;
  }
  idOf(first: number, second: number): number {
    const mask = this.ids.length - 1;
    let slot = pairHash(first, second) & mask;
    for (;;) {
      const k = this.keys[2 * slot]!;
      if (k === -1) break;
      if (k === first && this.keys[2 * slot + 1] === second) return this.ids[slot]!;
      slot = (slot + 1) & mask;
    }
    const id = this.size;
    this.keys[2 * slot] = first;
    this.keys[2 * slot + 1] = second;
    this.ids[slot] = id;
    this.firsts.push(first);
    this.seconds.push(second);
    // Kept at most half full.
    if (2 * this.size > this.ids.length) this.grow();
    return id;
  }
  private grow() {
    const capacity = this.ids.length * 2;
    this.keys = new Int32Array(2 * capacity).fill(-1);
    this.ids = new Int32Array(capacity);
    for (let id = 0; id < this.size; id++) {
      const first = this.firsts.values[id]!;
      const second = this.seconds.values[id]!;
      let slot = pairHash(first, second) & (capacity - 1);
      while (this.keys[2 * slot] !== -1) slot = (slot + 1) & (capacity - 1);
      this.keys[2 * slot] = first;
      this.keys[2 * slot + 1] = second;
      this.ids[slot] = id;
    }
  }
}

/**
 * Each term's documents of a block, grouped from (term id, offset) postings by a counting
 * sort: offsets stay ascending within a term, as documents are added in order.
 */
function groupPostings(ids: IntList, offsets: IntList, termCount: number): { starts: Int32Array; offsets: Uint16Array } {
  const starts = new Int32Array(termCount + 1);
  for (let i = 0; i < ids.length; i++) starts[ids.values[i]! + 1]!++;
  for (let t = 0; t < termCount; t++) starts[t + 1]! += starts[t]!;
  const next = starts.slice(0, termCount);
  const grouped = new Uint16Array(ids.length);
  for (let i = 0; i < ids.length; i++) grouped[next[ids.values[i]!]!++] = offsets.values[i]!;
  return { starts, offsets: grouped };
}

/**
 * Collects the postings of documents given in index order and writes each block's rows
 * once the documents move past it. A block's words get numeric ids, and so do its pairs
 * (no pair string until the block is written); a posting is kept only when its term's last
 * posting is another document, so each lists a document once. The postings are sent as
 * hex text and decoded in SQL: a bytea[] parameter is serialised differently by pg and
 * PGlite.
 */
export function postingWriter(tx: SqlClient, datasetId: number, table = "search_postings") {
  // A block's words: ids are per block, as the pairs', so the table stays the size of one
  // block's vocabulary (at 5M documents a corpus-wide one made each lookup a cache miss).
  let wordIds = new Map<string, number>();
  let words: string[] = [];
  // The last document (index) each word and each pair of the block was posted for.
  let wordLast: Int32Array = new Int32Array(1024).fill(-1);
  let pairLast: Int32Array = new Int32Array(1024).fill(-1);
  let block = 0;
  let pairs = new PairIds();
  let wordPostings = { ids: new IntList(), offsets: new IntList() };
  let pairPostings = { ids: new IntList(), offsets: new IntList() };
  // The previous block's INSERTs, still running while the next block is tokenised (one
  // block in flight, so the rows waiting to be sent stay one block's).
  let writing: Promise<void> = Promise.resolve();
  async function writeBlock(rows: [string, Uint16Array][], rowsBlock: number) {
    for (let start = 0; start < rows.length; start += POSTING_ROWS) {
      const batch = rows.slice(start, start + POSTING_ROWS);
      const hex = batch.map(([, offsets]) => {
        const bytes = Buffer.alloc(offsets.length * 2);
        for (let i = 0; i < offsets.length; i++) bytes.writeUInt16BE(offsets[i]!, 2 * i);
        return bytes.toString("hex");
      });
      await tx.query(
        `INSERT INTO ${table} (dataset_id, term, block, documents)
         SELECT $1, t, $2, decode(h, 'hex') FROM unnest($3::text[], $4::text[]) AS u(t, h)`,
        [datasetId, rowsBlock, batch.map(([term]) => term), hex],
      );
    }
  }
  /** Starts writing the current block's postings; the previous block's are awaited first. */
  async function flushBlock() {
    const rows: [string, Uint16Array][] = [];
    const byWord = groupPostings(wordPostings.ids, wordPostings.offsets, words.length);
    for (let id = 0; id < words.length; id++) {
      const [from, to] = [byWord.starts[id]!, byWord.starts[id + 1]!];
      if (to > from) rows.push([words[id]!, byWord.offsets.subarray(from, to)]);
    }
    const byPair = groupPostings(pairPostings.ids, pairPostings.offsets, pairs.size);
    for (let id = 0; id < pairs.size; id++) {
      const term = pairTerm(words[pairs.firsts.values[id]!]!, words[pairs.seconds.values[id]!]!);
      rows.push([term, byPair.offsets.subarray(byPair.starts[id]!, byPair.starts[id + 1]!)]);
    }
    wordIds = new Map();
    words = [];
    wordLast = new Int32Array(1024).fill(-1);
    pairs = new PairIds();
    pairLast = new Int32Array(1024).fill(-1);
    wordPostings = { ids: new IntList(), offsets: new IntList() };
    pairPostings = { ids: new IntList(), offsets: new IntList() };
    await writing;
    writing = writeBlock(rows, block);
    writing.catch(() => undefined); // awaited by the next flush; a failure is thrown there
  }
  /** `last` with room for `id` (new entries -1: never posted). */
  const withRoom = (last: Int32Array, id: number) => {
    if (id < last.length) return last;
    const grown = new Int32Array(Math.max(2 * last.length, id + 1)).fill(-1);
    grown.set(last);
    return grown;
  };
  return {
    /** Indexes document `index` (called in ascending index order). */
    async add(index: number, text: string | null) {
      const documentBlock = Math.floor(index / POSTING_BLOCK);
      if (documentBlock !== block) {
        await flushBlock();
        block = documentBlock;
      }
      const offset = index % POSTING_BLOCK;
      let previous = -1;
      for (const word of searchWords(text)) {
        let id = wordIds.get(word);
        if (id === undefined) {
          id = words.length;
          wordIds.set(word, id);
          words.push(word);
          wordLast = withRoom(wordLast, id);
        }
        if (wordLast[id] !== index) {
          wordLast[id] = index;
          wordPostings.ids.push(id);
          wordPostings.offsets.push(offset);
        }
        if (previous >= 0) {
          const pair = pairs.idOf(previous, id);
          pairLast = withRoom(pairLast, pair);
          if (pairLast[pair] !== index) {
            pairLast[pair] = index;
            pairPostings.ids.push(pair);
            pairPostings.offsets.push(offset);
          }
        }
        previous = id;
      }
    },
    /** Writes the last block; resolves once every block is written. */
    async flush() {
      await flushBlock();
      await writing;
    },
  };
}

/** Documents per read of the spilled buckets: 16 rows of RANK_BUCKET_BLOCK documents. */
const BUCKET_READ = 16 * RANK_BUCKET_BLOCK;

/**
 * Every document's coarse top and bottom rank in every query, document-major: document d
 * holds 2Q bytes (its top bucket in each query, then its bottom bucket in each), stored in
 * rows of RANK_BUCKET_BLOCK documents. Ingest gets the rankings a query at a time, so each
 * query's buckets are spilled to a temporary file (D bytes a ranking, not 2QD held at
 * once) and transposed a block of documents at a time when written.
 */
export async function rankBuckets(documentCount: number, queryCount: number) {
  const stride = 2 * queryCount;
  const width = rankBucketWidth(documentCount);
  // Row q: query q's top buckets by document; row Q + q: its bottom buckets.
  const spill = await SpillFile.create("rank-buckets", documentCount, Uint8Array);
  const row = new Uint8Array(documentCount);
  const spillRanking = (spillRow: number, order: Uint32Array) => {
    for (let r = 0; r < documentCount; r++) row[order[r]!] = Math.min(RANK_BUCKETS - 1, Math.floor(r / width));
    return spill.writeRow(spillRow, row);
  };
  return {
    /** Records one query's rankings (document indices in rank order). */
    async add(queryIndex: number, topOrder: Uint32Array, bottomOrder: Uint32Array) {
      await spillRanking(queryIndex, topOrder);
      await spillRanking(queryCount + queryIndex, bottomOrder);
    },
    async write(tx: SqlClient, datasetId: number, table = "document_rank_buckets") {
      for (let start = 0; start < documentCount; start += BUCKET_READ) {
        const length = Math.min(BUCKET_READ, documentCount - start);
        const rows = await spill.readBlock(stride, start, length);
        const buckets = new Uint8Array(length * stride);
        rows.forEach((values, column) => {
          for (let d = 0; d < length; d++) buckets[d * stride + column] = values[d]!;
        });
        for (let offset = 0; offset < length; offset += RANK_BUCKET_BLOCK) {
          const slice = buckets.subarray(offset * stride, Math.min(length, offset + RANK_BUCKET_BLOCK) * stride);
          await tx.query(`INSERT INTO ${table} (dataset_id, block, buckets) VALUES ($1, $2, $3)`,
            [datasetId, (start + offset) / RANK_BUCKET_BLOCK, Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength)]);
        }
      }
    },
    close: () => spill.close(),
  };
}
