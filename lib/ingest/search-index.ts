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

/**
 * Collects the postings of documents given in index order and writes each block's rows
 * once the documents move past it. Words get numeric ids (so a pair needs no string of
 * its own until the block is written), and a document is added to a list only when
 * it is not already its last entry (documents come in order). The postings are sent as
 * hex text and decoded in SQL: a bytea[] parameter is serialised differently by pg and
 * PGlite.
 */
export function postingWriter(tx: SqlClient, datasetId: number, table = "search_postings") {
  const wordIds = new Map<string, number>();
  const words: string[] = [];
  let block = 0;
  let wordPostings: (number[] | undefined)[] = [];
  // By first word id, then second: small-integer keys, no pair string per occurrence.
  let pairPostings: (Map<number, number[]> | undefined)[] = [];
  const push = (list: number[], offset: number) => {
    if (list.length === 0 || list[list.length - 1] !== offset) list.push(offset);
  };
  // The previous block's INSERTs, still running while the next block is tokenised (one
  // block in flight, so the rows waiting to be sent stay one block's).
  let writing: Promise<void> = Promise.resolve();
  async function writeBlock(rows: [string, number[]][], rowsBlock: number) {
    for (let start = 0; start < rows.length; start += POSTING_ROWS) {
      const batch = rows.slice(start, start + POSTING_ROWS);
      const hex = batch.map(([, offsets]) => {
        const bytes = Buffer.alloc(offsets.length * 2);
        for (let i = 0; i < offsets.length; i++) {
          bytes[2 * i] = offsets[i]! >>> 8;
          bytes[2 * i + 1] = offsets[i]! & 0xff;
        }
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
    const rows: [string, number[]][] = [];
    wordPostings.forEach((list, id) => list && rows.push([words[id]!, list]));
    pairPostings.forEach((seconds, first) => {
      for (const [second, list] of seconds!) rows.push([pairTerm(words[first]!, words[second]!), list]);
    });
    wordPostings = [];
    pairPostings = [];
    await writing;
    writing = writeBlock(rows, block);
    writing.catch(() => undefined); // awaited by the next flush; a failure is thrown there
  }
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
        }
        push((wordPostings[id] ??= []), offset);
        if (previous >= 0) {
          const seconds = (pairPostings[previous] ??= new Map());
          let list = seconds.get(id);
          if (!list) seconds.set(id, (list = []));
          push(list, offset);
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
