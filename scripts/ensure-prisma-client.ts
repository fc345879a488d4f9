import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/**
 * Generates the Prisma client when it is missing (`npm install` generates it; a clone
 * whose node_modules were copied in, or a cleaned lib/generated, has none). Call it
 * before anything imports lib/db: the generated client is a static import there.
 */
export function ensurePrismaClient(): void {
  if (existsSync(path.join(root, "lib", "generated", "prisma", "client.ts"))) return;
  console.log("Generating the Prisma client (lib/generated/prisma)…");
  const result = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), ["generate"], {
    cwd: root,
    stdio: "inherit",
    // Generation is WebAssembly; the native schema engine is never downloaded here.
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true" },
  });
  if (result.status !== 0) throw new Error("prisma generate failed; run `npm install` again");
}
