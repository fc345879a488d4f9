-- Agreement between two datasets (GET /api/agreement, the agreement view): computed on
-- the first request for a pair and kept; one row per unordered pair (lower id first).
-- CreateTable
CREATE TABLE "agreements" (
    "dataset_a" INTEGER NOT NULL,
    "dataset_b" INTEGER NOT NULL,
    "queries_shared" INTEGER NOT NULL,
    "documents_shared" INTEGER NOT NULL,
    "ks" INTEGER[],
    "rows" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agreements_pkey" PRIMARY KEY ("dataset_a","dataset_b")
);

-- CreateIndex
CREATE INDEX "agreements_dataset_b_idx" ON "agreements"("dataset_b");

-- AddForeignKey
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_dataset_a_fkey" FOREIGN KEY ("dataset_a") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_dataset_b_fkey" FOREIGN KEY ("dataset_b") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
