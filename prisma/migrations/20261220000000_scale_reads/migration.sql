-- Reads that do not grow with the corpus (issue 8): the transfer scatter's density binned
-- at ingest, and the documents two datasets share found once per pair (no search at all
-- when their document lists' digests, taken at ingest, are equal).
-- AlterTable
ALTER TABLE "datasets" ADD COLUMN     "documents_digest" TEXT;

-- AlterTable
ALTER TABLE "query_scores" ADD COLUMN     "density_bins" BYTEA,
ADD COLUMN     "density_bins_robust" BYTEA;

-- CreateTable
CREATE TABLE "document_alignments" (
    "dataset_a" INTEGER NOT NULL,
    "dataset_b" INTEGER NOT NULL,
    "shared" INTEGER NOT NULL,
    "identical" BOOLEAN NOT NULL,
    "pairs" BYTEA,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_alignments_pkey" PRIMARY KEY ("dataset_a","dataset_b")
);

-- CreateIndex
CREATE INDEX "document_alignments_dataset_b_idx" ON "document_alignments"("dataset_b");

-- AddForeignKey
ALTER TABLE "document_alignments" ADD CONSTRAINT "document_alignments_dataset_a_fkey" FOREIGN KEY ("dataset_a") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_alignments" ADD CONSTRAINT "document_alignments_dataset_b_fkey" FOREIGN KEY ("dataset_b") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
