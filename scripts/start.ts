/**
 * npm start: prepares the database (migrations; the demo datasets when it has no
 * dataset yet), builds the app when the sources are newer than the last build, then
 * serves it with `next start` on PORT (default 3000).
 *
 * Without DATABASE_URL the embedded PGlite folder (PGLITE_DIR, default data/pglite) is
 * used; PGlite is single-process, so this script closes it before the server opens it.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { databaseTarget, describeTarget } from "../lib/db/config.ts";
import { ensurePrismaClient } from "./ensure-prisma-client.ts";

const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, "node_modules", ".bin", "next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

async function prepareDatabase() {
  ensurePrismaClient();
  // Imported only now: they import the generated client.
  const [{ openDatabase }, { migrate }, { seedDemoDatasets }] = await Promise.all([
    import("../lib/db/database.ts"),
    import("../lib/db/migrate.ts"),
    import("../lib/demo/seed.ts"),
  ]);
  const target = databaseTarget();
  const db = await openDatabase(target);
  try {
    const applied = await migrate(db.sql);
    if (applied.length) console.log(`Applied migrations ${applied.join(", ")} to ${describeTarget(target)}`);
    const datasets = await db.prisma.dataset.count();
    if (datasets === 0 && process.env.SEED_DEMO !== "0") {
      console.log(`Loading the synthetic demo datasets into ${describeTarget(target)} (first start only)…`);
      for (const s of await seedDemoDatasets(db.sql)) {
        console.log(`  ${s.slug}: ${s.queries} queries × ${s.documents.toLocaleString("en-US")} documents in ${s.seconds.toFixed(1)} s`);
      }
    }
  } finally {
    await db.close();
  }
}

function newestSource(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestSource(path.join(entry, name))));
}

function buildIfStale() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const sources = ["app", "components", "lib", "public", "next.config.ts", "package.json", "postcss.config.mjs"];
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (built >= Math.max(...sources.map((s) => newestSource(path.join(root, s))))) return;
  console.log("Building the app (next build)…");
  const result = spawnSync(next, ["build"], { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

try {
  await prepareDatabase();
} catch (error) {
  // One line naming the problem (the folder in use by another process, an unreachable server, ...).
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
buildIfStale();
const port = process.env.PORT ?? "3000";
const server = spawn(next, ["start", "-p", port, ...(process.env.HOST ? ["-H", process.env.HOST] : [])], {
  cwd: root, env, stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
