import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseTarget } from "@/lib/db/config";
import { openDatabase, type Database } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { setDatabase } from "@/lib/db/server";

/**
 * The real PostgreSQL the integration tests use when configured (CI sets it); tests
 * create and drop their own databases on it. PGlite is always tested.
 */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL || undefined;

export interface TestDatabase {
  name: "pglite" | "postgres" | "postgres as the app role";
  /** The owner's connection: migrations and ingest. */
  target: DatabaseTarget;
  /** The web server's connection (a least-privileged role where the backend has one). */
  appTarget: DatabaseTarget;
  /** Environment for a child process (CLI tests) pointing at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A fresh, empty PostgreSQL database on the test server. */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  if (!TEST_POSTGRES_URL) throw new Error("TEST_DATABASE_URL is not set");
  const name = `ie_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    name: "postgres",
    target: { kind: "postgres", url: url.toString() },
    appTarget: { kind: "postgres", url: url.toString() },
    env: { DATABASE_URL: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A fresh PostgreSQL database whose app connection is a role made by prisma/app-role.sql
 * (the README's least-privilege setup), run after the migrations (`grantAppRole`).
 */
export async function createPostgresAppRoleDatabase(): Promise<TestDatabase & { grantAppRole(): Promise<void> }> {
  const owner = await createPostgresDatabase();
  const role = `ie_app_${randomBytes(6).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  const ownerUrl = new URL((owner.target as { url: string }).url);
  const appUrl = new URL(ownerUrl);
  appUrl.username = role;
  appUrl.password = password;
  return {
    ...owner,
    name: "postgres as the app role",
    appTarget: { kind: "postgres", url: appUrl.toString() },
    async grantAppRole() {
      // psql's variables, substituted as psql would: :"x" an identifier, :'x' a literal.
      const values: Record<string, string> = { app_role: role, password, DBNAME: ownerUrl.pathname.slice(1) };
      const sql = readFileSync(new URL("../../prisma/app-role.sql", import.meta.url), "utf8")
        .replace(/:"(\w+)"/g, (_, name: string) => `"${values[name]}"`)
        .replace(/:'(\w+)'/g, (_, name: string) => `'${values[name]}'`);
      const client = new pg.Client({ connectionString: ownerUrl.toString() });
      await client.connect();
      await client.query(sql);
      await client.end();
    },
    async drop() {
      await owner.drop();
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP ROLE IF EXISTS ${role}`);
      await client.end();
    },
  };
}

/** A fresh PGlite folder in the temp directory. */
export function createPgliteDatabase(): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), "ie-pglite-"));
  const dataDir = path.join(dir, "db");
  return {
    name: "pglite",
    target: { kind: "pglite", dataDir },
    appTarget: { kind: "pglite", dataDir },
    env: { DATABASE_URL: "", PGLITE_DIR: dataDir },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Backends to run a suite against: PGlite always, PostgreSQL when configured. */
export const BACKENDS: { name: TestDatabase["name"]; create: () => Promise<TestDatabase> }[] = [
  { name: "pglite", create: async () => createPgliteDatabase() },
  ...(TEST_POSTGRES_URL ? [{ name: "postgres" as const, create: createPostgresDatabase }] : []),
];

if (!TEST_POSTGRES_URL) {
  console.warn("TEST_DATABASE_URL is not set: PostgreSQL integration tests are skipped (PGlite runs).");
}

/** The backends the web server's reads are tested on: BACKENDS, and PostgreSQL as the app role. */
export const SERVER_BACKENDS: { name: string; create: () => Promise<TestDatabase & { grantAppRole?: () => Promise<void> }> }[] = [
  ...BACKENDS,
  ...(TEST_POSTGRES_URL ? [{ name: "postgres as the app role", create: createPostgresAppRoleDatabase }] : []),
];

/**
 * A database as the server meets it: migrated and loaded by the owner (`load`), then
 * handed to the data layer through the server's own connection (the app role where
 * the backend has one). `close` closes both and drops the database.
 */
export async function serveDatabase(
  create: (typeof SERVER_BACKENDS)[number]["create"],
  load: (owner: Database) => Promise<void>,
): Promise<{ owner: Database; close(): Promise<void> }> {
  const testDb = await create();
  const owner = await openDatabase(testDb.target);
  await migrate(owner.sql);
  await load(owner);
  let app: Database | undefined;
  if (testDb.grantAppRole) {
    await testDb.grantAppRole();
    app = await openDatabase(testDb.appTarget);
  }
  setDatabase(app ?? owner);
  return {
    owner,
    async close() {
      await app?.close();
      await owner.close();
      await testDb.drop();
    },
  };
}
