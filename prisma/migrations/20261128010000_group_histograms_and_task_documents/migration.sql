-- CreateTable
CREATE TABLE "group_histograms" (
    "dataset_id" INTEGER NOT NULL,
    "group_key" TEXT NOT NULL,
    "sign" TEXT NOT NULL,
    "bin" INTEGER NOT NULL,
    "lower" DOUBLE PRECISION NOT NULL,
    "upper" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "group_histograms_pkey" PRIMARY KEY ("dataset_id","group_key","sign","bin")
);

-- CreateTable
CREATE TABLE "group_top_documents" (
    "dataset_id" INTEGER NOT NULL,
    "group_key" TEXT NOT NULL,
    "tail" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "document_idx" INTEGER NOT NULL,
    "mean_score" DOUBLE PRECISION NOT NULL,
    "positive_members" INTEGER NOT NULL,

    CONSTRAINT "group_top_documents_pkey" PRIMARY KEY ("dataset_id","group_key","tail","rank")
);

-- AddForeignKey
ALTER TABLE "group_histograms" ADD CONSTRAINT "group_histograms_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_top_documents" ADD CONSTRAINT "group_top_documents_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
