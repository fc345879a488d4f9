-- Self-influence (Kronfluence's self_scores, or --self-scores): per document, with the
-- self-normalised rankings (score / sqrt(self-influence)) packed like the raw ones.
ALTER TABLE "datasets" ADD COLUMN "has_self_influence" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "documents" ADD COLUMN "self_influence" DOUBLE PRECISION;
ALTER TABLE "query_scores" ADD COLUMN "top_normalised" BYTEA;
ALTER TABLE "query_scores" ADD COLUMN "bottom_normalised" BYTEA;
ALTER TABLE "query_scores" ALTER COLUMN "top_normalised" SET STORAGE EXTERNAL;
ALTER TABLE "query_scores" ALTER COLUMN "bottom_normalised" SET STORAGE EXTERNAL;

-- Per-token scores for the selected pairs only (--token-scores), and the token strings of
-- the documents that have them.
ALTER TABLE "documents" ADD COLUMN "token_strings" TEXT[];

-- CreateTable
CREATE TABLE "token_scores" (
    "dataset_id" INTEGER NOT NULL,
    "query_idx" INTEGER NOT NULL,
    "document_idx" INTEGER NOT NULL,
    "scores" BYTEA NOT NULL,

    CONSTRAINT "token_scores_pkey" PRIMARY KEY ("dataset_id","query_idx","document_idx")
);

-- AddForeignKey
ALTER TABLE "token_scores" ADD CONSTRAINT "token_scores_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
