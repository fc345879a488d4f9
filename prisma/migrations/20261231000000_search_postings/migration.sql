-- Whole-corpus search at scale (issue 10): an inverted index of the project's own in place
-- of the GIN index over each document's words, and coarse ranks for the search from the
-- document side (lib/ingest/search-index.ts, lib/data/store/search.ts).

-- For every index term (a word, or two adjacent words "w1 w2"), the documents holding it,
-- in blocks of 65,536 documents: ascending big-endian uint16 offsets within the block.
-- CreateTable
CREATE TABLE "search_postings" (
    "dataset_id" INTEGER NOT NULL,
    "term" TEXT NOT NULL,
    "block" INTEGER NOT NULL,
    "documents" BYTEA NOT NULL,

    CONSTRAINT "search_postings_pkey" PRIMARY KEY ("dataset_id","term","block")
);

-- Every document's rank bucket (one byte) in every query, top then bottom, in rows of
-- 4,096 documents; read in slices, so kept uncompressed.
-- CreateTable
CREATE TABLE "document_rank_buckets" (
    "dataset_id" INTEGER NOT NULL,
    "block" INTEGER NOT NULL,
    "buckets" BYTEA NOT NULL,

    CONSTRAINT "document_rank_buckets_pkey" PRIMARY KEY ("dataset_id","block")
);
ALTER TABLE "document_rank_buckets" ALTER COLUMN "buckets" SET STORAGE EXTERNAL;

-- AddForeignKey
ALTER TABLE "search_postings" ADD CONSTRAINT "search_postings_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_rank_buckets" ADD CONSTRAINT "document_rank_buckets_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Datasets ingested before keep their search: postings from the stored words (the rank
-- buckets need the scores' orders, so those datasets walk the rankings instead).
INSERT INTO "search_postings" ("dataset_id", "term", "block", "documents")
SELECT t.dataset_id, t.term, t.document_idx / 65536,
       string_agg(substring(int4send(t.document_idx) FROM 3 FOR 2), ''::bytea ORDER BY t.document_idx)
FROM (
  SELECT w.dataset_id, w.document_idx, x.term
  FROM "document_words" w,
  LATERAL (SELECT unnest(w.words) AS term
           UNION SELECT w.words[i] || ' ' || w.words[i + 1] FROM generate_series(1, cardinality(w.words) - 1) AS i) x
) t
GROUP BY t.dataset_id, t.term, t.document_idx / 65536;

-- DropTable
DROP TABLE "document_words";
