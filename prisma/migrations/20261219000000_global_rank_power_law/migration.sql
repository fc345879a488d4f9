-- The power law of score against global rank (ranks among a larger corpus, as the authors'
-- files carry them), beside the fit over local ranks; null for datasets without global
-- ranks and for those loaded before it was computed.
ALTER TABLE "queries" ADD COLUMN "alpha_global" DOUBLE PRECISION;
ALTER TABLE "queries" ADD COLUMN "alpha_global_stderr" DOUBLE PRECISION;
ALTER TABLE "queries" ADD COLUMN "alpha_global_points" INTEGER;
