-- A dataset's data change in place only when its ground truth is replaced (ingest
-- --ground-truth-only): the revision goes up then, and responses are identified by the
-- dataset id and its revision (their ETag), so none made before is served again.
-- AlterTable
ALTER TABLE "datasets" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;
