-- The whole corpus at hand (issue 10): a word index over every document for search with
-- true ranks, the ranks of every document containing a query's answer, and labels on
-- documents and queries as facets.

-- Labels ({ key: string | number | boolean }) from documents.jsonl and queries.jsonl.
-- AlterTable
ALTER TABLE "documents" ADD COLUMN "labels" JSONB;
ALTER TABLE "queries" ADD COLUMN "labels" JSONB;

-- CreateIndex
CREATE INDEX "documents_dataset_id_source_idx" ON "documents"("dataset_id", "source");

-- CreateIndex
CREATE INDEX "documents_labels_idx" ON "documents" USING GIN ("labels");

-- Every document's words in order, lower-cased (lib/domain/search.ts): the GIN index
-- finds the documents holding all words of a search, the order checks phrases.
-- CreateTable
CREATE TABLE "document_words" (
    "dataset_id" INTEGER NOT NULL,
    "document_idx" INTEGER NOT NULL,
    "words" TEXT[],

    CONSTRAINT "document_words_pkey" PRIMARY KEY ("dataset_id","document_idx")
);

-- CreateIndex
CREATE INDEX "document_words_words_idx" ON "document_words" USING GIN ("words");

-- Per query with an answer: the top ranks of every document whose text contains it.
-- CreateTable
CREATE TABLE "answer_documents" (
    "dataset_id" INTEGER NOT NULL,
    "query_idx" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "best_rank" INTEGER,
    "ranks" INTEGER[],

    CONSTRAINT "answer_documents_pkey" PRIMARY KEY ("dataset_id","query_idx")
);

-- Corpus count of each document label value (the facets' denominators).
-- CreateTable
CREATE TABLE "label_counts" (
    "dataset_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "label_counts_pkey" PRIMARY KEY ("dataset_id","key","value")
);

-- Label enrichment: the source enrichment's definition applied to each label value.
-- CreateTable
CREATE TABLE "label_enrichment" (
    "dataset_id" INTEGER NOT NULL,
    "group_key" TEXT NOT NULL,
    "tail" TEXT NOT NULL,
    "k" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "multiplier" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "label_enrichment_pkey" PRIMARY KEY ("dataset_id","group_key","tail","k","key","value")
);

-- AddForeignKey
ALTER TABLE "document_words" ADD CONSTRAINT "document_words_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "answer_documents" ADD CONSTRAINT "answer_documents_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "label_counts" ADD CONSTRAINT "label_counts_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "label_enrichment" ADD CONSTRAINT "label_enrichment_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
