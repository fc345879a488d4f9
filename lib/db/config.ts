import path from "node:path";
import { z } from "zod";

const Env = z.object({
  /** A PostgreSQL URL; without it the embedded PGlite database is used. */
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Folder of the embedded database. */
  PGLITE_DIR: z.string().trim().min(1).default("data/pglite"),
});

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string };

/** Where the database is, from the environment (validated once, with a clear message). */
export function databaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const { DATABASE_URL, PGLITE_DIR } = parsed.data;
  return DATABASE_URL
    ? { kind: "postgres", url: DATABASE_URL }
    : { kind: "pglite", dataDir: path.resolve(PGLITE_DIR) };
}

/** A URL or folder with any password removed, for log lines. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `embedded PGlite at ${target.dataDir}`;
  const url = new URL(target.url);
  if (url.password) url.password = "****";
  return `PostgreSQL at ${url.toString()}`;
}
