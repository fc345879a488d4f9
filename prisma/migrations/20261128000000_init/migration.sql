-- CreateTable
CREATE TABLE "datasets" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "model" TEXT,
    "method" TEXT,
    "description" TEXT,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,
    "origin" TEXT,
    "query_count" INTEGER NOT NULL,
    "document_count" INTEGER NOT NULL,
    "has_global_ranks" BOOLEAN NOT NULL DEFAULT false,
    "summary" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "queries" (
    "dataset_id" INTEGER NOT NULL,
    "idx" INTEGER NOT NULL,
    "external_id" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "completion" TEXT NOT NULL,
    "set" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "control" BOOLEAN NOT NULL,
    "answer" TEXT,
    "correct" BOOLEAN,
    "nats" DOUBLE PRECISION,
    "positive_count" INTEGER NOT NULL,
    "positive_total" DOUBLE PRECISION NOT NULL,
    "negative_count" INTEGER NOT NULL,
    "negative_total" DOUBLE PRECISION NOT NULL,
    "gini" DOUBLE PRECISION,
    "top1_share" DOUBLE PRECISION,
    "alpha" DOUBLE PRECISION,
    "alpha_stderr" DOUBLE PRECISION,
    "alpha_points" INTEGER,
    "answer_ranks" INTEGER[],
    "answer_k" INTEGER,

    CONSTRAINT "queries_pkey" PRIMARY KEY ("dataset_id","idx")
);

-- CreateTable
CREATE TABLE "documents" (
    "dataset_id" INTEGER NOT NULL,
    "idx" INTEGER NOT NULL,
    "external_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "text" TEXT,
    "tokens" INTEGER,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("dataset_id","idx")
);

-- CreateTable
CREATE TABLE "query_scores" (
    "dataset_id" INTEGER NOT NULL,
    "query_idx" INTEGER NOT NULL,
    "by_document" BYTEA NOT NULL,
    "top" BYTEA NOT NULL,
    "bottom" BYTEA NOT NULL,
    "global_ranks" BYTEA,

    CONSTRAINT "query_scores_pkey" PRIMARY KEY ("dataset_id","query_idx")
);

-- CreateTable
CREATE TABLE "query_groups" (
    "dataset_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "members" INTEGER[],
    "alpha_mean" DOUBLE PRECISION,
    "alpha_std" DOUBLE PRECISION,
    "answer_queries" INTEGER NOT NULL,
    "answer_hits" INTEGER NOT NULL,

    CONSTRAINT "query_groups_pkey" PRIMARY KEY ("dataset_id","key")
);

-- CreateTable
CREATE TABLE "correlations" (
    "dataset_id" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "k" INTEGER NOT NULL,
    "matrix" BYTEA NOT NULL,

    CONSTRAINT "correlations_pkey" PRIMARY KEY ("dataset_id","method","k")
);

-- CreateTable
CREATE TABLE "block_summaries" (
    "dataset_id" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "k" INTEGER NOT NULL,
    "group_a" TEXT NOT NULL,
    "group_b" TEXT NOT NULL,
    "mean" DOUBLE PRECISION,
    "pairs" INTEGER NOT NULL,

    CONSTRAINT "block_summaries_pkey" PRIMARY KEY ("dataset_id","method","k","group_a","group_b")
);

-- CreateTable
CREATE TABLE "coverage" (
    "dataset_id" INTEGER NOT NULL,
    "query_idx" INTEGER NOT NULL,
    "tail" TEXT NOT NULL,
    "percentile" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "share" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "coverage_pkey" PRIMARY KEY ("dataset_id","tail","query_idx","percentile")
);

-- CreateTable
CREATE TABLE "group_coverage" (
    "dataset_id" INTEGER NOT NULL,
    "group_key" TEXT NOT NULL,
    "tail" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "percentile" DOUBLE PRECISION NOT NULL,
    "mean" DOUBLE PRECISION NOT NULL,
    "std" DOUBLE PRECISION,
    "n" INTEGER NOT NULL,

    CONSTRAINT "group_coverage_pkey" PRIMARY KEY ("dataset_id","group_key","tail","unit","percentile")
);

-- CreateTable
CREATE TABLE "source_counts" (
    "dataset_id" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "source_counts_pkey" PRIMARY KEY ("dataset_id","source")
);

-- CreateTable
CREATE TABLE "source_enrichment" (
    "dataset_id" INTEGER NOT NULL,
    "group_key" TEXT NOT NULL,
    "tail" TEXT NOT NULL,
    "k" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "multiplier" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "source_enrichment_pkey" PRIMARY KEY ("dataset_id","group_key","tail","k","source")
);

-- CreateTable
CREATE TABLE "saved_views" (
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "note" TEXT,
    "path" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_views_pkey" PRIMARY KEY ("slug")
);

-- CreateIndex
CREATE UNIQUE INDEX "datasets_slug_key" ON "datasets"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "queries_dataset_id_external_id_key" ON "queries"("dataset_id", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "documents_dataset_id_external_id_key" ON "documents"("dataset_id", "external_id");

-- AddForeignKey
ALTER TABLE "queries" ADD CONSTRAINT "queries_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "query_scores" ADD CONSTRAINT "query_scores_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "query_groups" ADD CONSTRAINT "query_groups_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "correlations" ADD CONSTRAINT "correlations_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "block_summaries" ADD CONSTRAINT "block_summaries_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coverage" ADD CONSTRAINT "coverage_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_coverage" ADD CONSTRAINT "group_coverage_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_counts" ADD CONSTRAINT "source_counts_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_enrichment" ADD CONSTRAINT "source_enrichment_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not expressible in schema.prisma: keep the packed score columns uncompressed and
-- out of line, so substring() fetches only the TOAST chunks it needs.
ALTER TABLE "query_scores" ALTER COLUMN "by_document" SET STORAGE EXTERNAL;
ALTER TABLE "query_scores" ALTER COLUMN "top" SET STORAGE EXTERNAL;
ALTER TABLE "query_scores" ALTER COLUMN "bottom" SET STORAGE EXTERNAL;
ALTER TABLE "query_scores" ALTER COLUMN "global_ranks" SET STORAGE EXTERNAL;
