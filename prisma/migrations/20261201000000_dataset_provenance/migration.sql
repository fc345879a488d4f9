-- What each dataset's run recorded (library, version, settings) and the files read at
-- ingest; null for datasets loaded before provenance was captured.
ALTER TABLE "datasets" ADD COLUMN "provenance" JSONB;
