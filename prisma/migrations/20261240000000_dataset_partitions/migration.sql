-- The four tables that grow with a dataset's documents are partitioned by dataset: an
-- ingest writes standalone staging tables in many short transactions and attaches them as
-- the dataset's partitions in one short final transaction (lib/ingest/staged-load.ts);
-- --replace drops the old dataset's partitions instead of deleting its rows.
--
-- Partitions live in their own schema, named "<table>_<dataset id>": Prisma manages only the
-- datasource's schema ("public"), so neither its migrate diff nor tests/schema-drift.test.ts
-- sees them as tables of their own (partitions in "public" would show as drift and be
-- dropped by `prisma migrate dev`: prisma/prisma#13407).
CREATE SCHEMA "dataset_partitions";

-- Each table: renamed, stripped of its indexes and constraints (freeing their names),
-- re-created partitioned with the same columns, storage and constraint names, one
-- partition per existing dataset, its rows copied, the old table dropped.
DO $$
DECLARE
  t TEXT;
  c TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['documents', 'query_scores', 'search_postings', 'document_rank_buckets'] LOOP
    EXECUTE format('ALTER TABLE %I RENAME TO %I', t, t || '_unpartitioned');
    FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = (t || '_unpartitioned')::regclass AND contype IN ('p', 'u', 'f') LOOP
      EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', t || '_unpartitioned', c);
    END LOOP;
    FOR c IN SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
             WHERE x.indrelid = (t || '_unpartitioned')::regclass LOOP
      EXECUTE format('DROP INDEX %I', c);
    END LOOP;
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING STORAGE) PARTITION BY LIST ("dataset_id")',
                   t, t || '_unpartitioned');
  END LOOP;
END $$;

ALTER TABLE "documents" ADD CONSTRAINT "documents_pkey" PRIMARY KEY ("dataset_id", "idx");
CREATE UNIQUE INDEX "documents_dataset_id_external_id_key" ON "documents"("dataset_id", "external_id");
CREATE INDEX "documents_dataset_id_source_idx" ON "documents"("dataset_id", "source");
CREATE INDEX "documents_labels_idx" ON "documents" USING GIN ("labels");
ALTER TABLE "documents" ADD CONSTRAINT "documents_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "query_scores" ADD CONSTRAINT "query_scores_pkey" PRIMARY KEY ("dataset_id", "query_idx");
ALTER TABLE "query_scores" ADD CONSTRAINT "query_scores_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "search_postings" ADD CONSTRAINT "search_postings_pkey" PRIMARY KEY ("dataset_id", "term", "block");
ALTER TABLE "search_postings" ADD CONSTRAINT "search_postings_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "document_rank_buckets" ADD CONSTRAINT "document_rank_buckets_pkey" PRIMARY KEY ("dataset_id", "block");
ALTER TABLE "document_rank_buckets" ADD CONSTRAINT "document_rank_buckets_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

DO $$
DECLARE
  t TEXT;
  d INTEGER;
BEGIN
  FOREACH t IN ARRAY ARRAY['documents', 'query_scores', 'search_postings', 'document_rank_buckets'] LOOP
    FOR d IN SELECT id FROM "datasets" ORDER BY id LOOP
      EXECUTE format('CREATE TABLE "dataset_partitions".%I PARTITION OF %I FOR VALUES IN (%s)', t || '_' || d, t, d);
    END LOOP;
    EXECUTE format('INSERT INTO %I SELECT * FROM %I', t, t || '_unpartitioned');
    EXECUTE format('DROP TABLE %I', t || '_unpartitioned');
  END LOOP;
END $$;
