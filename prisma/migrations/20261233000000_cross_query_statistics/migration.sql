-- The compare view's cross-dataset statistics of two queries with one prompt (issue 8):
-- computed from both queries' score columns on the first request for the pair and kept,
-- so later requests read one row, not two columns. Keyed by both dataset ids: a replaced
-- dataset gets a new id and its old rows go with it (ON DELETE CASCADE).
-- CreateTable
CREATE TABLE "cross_query_statistics" (
    "dataset_a" INTEGER NOT NULL,
    "query_a" INTEGER NOT NULL,
    "dataset_b" INTEGER NOT NULL,
    "query_b" INTEGER NOT NULL,
    "shared" INTEGER NOT NULL,
    "pearson" DOUBLE PRECISION,
    "rank_ratio" DOUBLE PRECISION,
    "document_ratio" DOUBLE PRECISION,
    "n" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cross_query_statistics_pkey" PRIMARY KEY ("dataset_a","query_a","dataset_b","query_b")
);

-- CreateIndex
CREATE INDEX "cross_query_statistics_dataset_b_idx" ON "cross_query_statistics"("dataset_b");

-- AddForeignKey
ALTER TABLE "cross_query_statistics" ADD CONSTRAINT "cross_query_statistics_dataset_a_fkey" FOREIGN KEY ("dataset_a") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cross_query_statistics" ADD CONSTRAINT "cross_query_statistics_dataset_b_fkey" FOREIGN KEY ("dataset_b") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
