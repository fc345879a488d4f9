-- The density bins (1 byte a document, 60 values) are written out of line uncompressed like
-- the other packed columns: pglz compressing them cost about a third of each query's COPY
-- at ingest, and decompressing them a part of every pair scatter's read. Values written
-- before keep their compression (still read the same). Recurses to the partitions.
ALTER TABLE "query_scores" ALTER COLUMN "density_bins" SET STORAGE EXTERNAL;
ALTER TABLE "query_scores" ALTER COLUMN "density_bins_robust" SET STORAGE EXTERNAL;
