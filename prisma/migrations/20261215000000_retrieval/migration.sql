-- Ground truth (ingest --relevant) and the retrieval statistics computed from it at ingest
-- (GET /api/datasets/{slug}/retrieval): recall and precision at k, the first relevant rank.
-- CreateTable
CREATE TABLE "relevant_documents" (
    "dataset_id" INTEGER NOT NULL,
    "query_idx" INTEGER NOT NULL,
    "document_idx" INTEGER NOT NULL,

    CONSTRAINT "relevant_documents_pkey" PRIMARY KEY ("dataset_id","query_idx","document_idx")
);

-- CreateTable
CREATE TABLE "retrieval_at_k" (
    "dataset_id" INTEGER NOT NULL,
    "query_idx" INTEGER NOT NULL,
    "k" INTEGER NOT NULL,
    "hits" INTEGER NOT NULL,
    "recall" DOUBLE PRECISION NOT NULL,
    "precision" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "retrieval_at_k_pkey" PRIMARY KEY ("dataset_id","query_idx","k")
);

-- CreateTable
CREATE TABLE "retrieval_ranks" (
    "dataset_id" INTEGER NOT NULL,
    "query_idx" INTEGER NOT NULL,
    "relevant_count" INTEGER NOT NULL,
    "first_rank" INTEGER NOT NULL,
    "reciprocal_rank" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "retrieval_ranks_pkey" PRIMARY KEY ("dataset_id","query_idx")
);

-- AddForeignKey
ALTER TABLE "relevant_documents" ADD CONSTRAINT "relevant_documents_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "retrieval_at_k" ADD CONSTRAINT "retrieval_at_k_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "retrieval_ranks" ADD CONSTRAINT "retrieval_ranks_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
