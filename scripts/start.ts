/**
 * npm start: prepares the database (migrations; the demo datasets when it has no
 * dataset yet), builds the app when the sources are newer than the last build, then
 * serves it with `next start` on PORT (default 3000).
 *
 * Without DATABASE_URL the embedded PGlite folder (PGLITE_DIR, default data/pglite) is
 * used; PGlite is single-process, so this script closes it before the server opens it.
 *
 * SIGTERM or Ctrl-C stops the server gracefully (lib/graceful-shutdown.ts): the requests
 * in flight are answered, the database closed, and this script exits with the server's code, 0.
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { databaseTarget, describeTarget } from "@/lib/db/config";
import { ensurePrismaClient } from "@/lib/db/ensure-prisma-client";
import { buildIfStale, NEXT_BIN, ROOT, SERVER_ENV } from "./support/server";

const env = { ...process.env, ...SERVER_ENV };

async function prepareDatabase() {
  ensurePrismaClient();
  // Imported only now: they import the generated client.
  const [{ openDatabase }, { migrate }, { seedDemoDatasets }] = await Promise.all([
    import("@/lib/db/database"),
    import("@/lib/db/migrate"),
    import("@/lib/demo/seed"),
  ]);
  const target = databaseTarget();
  const db = await openDatabase(target);
  try {
    const applied = await migrate(db.sql);
    if (applied.length) console.log(`Applied migrations ${applied.join(", ")} to ${describeTarget(target)}`);
    const datasets = await db.prisma.dataset.count();
    if (datasets === 0 && process.env.SEED_DEMO !== "0") {
      console.log(`Loading the synthetic demo datasets into ${describeTarget(target)} (first start only)…`);
      for (const s of await seedDemoDatasets(db.sql, { documents: demoDocuments() })) {
        console.log(`  ${s.slug}: ${s.queries} queries × ${s.documents.toLocaleString("en-US")} documents in ${s.seconds.toFixed(1)} s`);
      }
    }
  } finally {
    await db.close();
  }
}

/**
 * DEMO_DOCUMENTS: the seeded demo datasets' corpus size (default 20,000). 50,000 or more
 * puts k = 5,000 within a tenth of the corpus, so source enrichment runs to k = 5,000.
 */
function demoDocuments(): number | undefined {
  const raw = process.env.DEMO_DOCUMENTS;
  if (raw === undefined || raw === "") return undefined;
  const documents = Number(raw);
  if (!Number.isInteger(documents) || documents < 1) throw new Error(`DEMO_DOCUMENTS must be a positive integer (got "${raw}")`);
  return documents;
}

try {
  await prepareDatabase();
  buildIfStale();
} catch (error) {
  // One line naming the problem (the folder in use by another process, an unreachable server, a failed build...).
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const port = process.env.PORT ?? "3000";
const server = spawn(NEXT_BIN, ["start", "-p", port, ...(process.env.HOST ? ["-H", process.env.HOST] : [])], {
  cwd: ROOT, env, stdio: "inherit",
});
// A stop (SIGTERM from a supervisor, Ctrl-C) goes to the server, which drains and exits 0;
// this script ends with the server's code, or 128 + the signal's number when one killed it.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
