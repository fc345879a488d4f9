/**
 * npm run ingest -- --name <slug> --queries q.jsonl --documents d.jsonl --scores <file> [options]
 * npm run ingest -- --name <slug> --ruis-demo <file.json>
 * npm run ingest -- --name <slug> --demo 7b|35b [--demo-documents N]
 *
 * Loads one dataset into the database (DATABASE_URL, else the embedded PGlite folder),
 * applying pending migrations first. All or nothing: a failure leaves no trace.
 * The work is lib/ingest/run-ingest.ts; this is its command-line shell (`--help` for options).
 */
import { runIngest } from "@/lib/ingest/run-ingest";

process.exitCode = await runIngest(process.argv.slice(2));
