import "server-only";
import { webDatabaseTarget } from "./config";
import { openDatabase, type Database } from "./database";

// One pool (or one PGlite instance: it is single-connection) per server process,
// kept across hot reloads in development.
const globalForDb = globalThis as unknown as { influenceDb?: Promise<Database> };

/** The web app's database, opened on first use. */
export function getDatabase(): Promise<Database> {
  globalForDb.influenceDb ??= openDatabase(webDatabaseTarget()).catch((error: unknown) => {
    globalForDb.influenceDb = undefined; // retry on the next request
    throw error;
  });
  return globalForDb.influenceDb;
}

/** Points the data layer at an already open database (tests, scripts). */
export function setDatabase(db: Database): void {
  globalForDb.influenceDb = Promise.resolve(db);
}

/**
 * Runs `work` with the data layer on `db` (an ingest's open database: its connection, no
 * web statement timeout, and PGlite's single instance), then puts back what was there.
 */
export async function withDatabase<T>(db: Database, work: () => Promise<T>): Promise<T> {
  const before = globalForDb.influenceDb;
  globalForDb.influenceDb = Promise.resolve(db);
  try {
    return await work();
  } finally {
    globalForDb.influenceDb = before;
  }
}

/** Closes the web app's database if it was opened (graceful shutdown); a later getDatabase opens it again. */
export async function closeDatabase(): Promise<void> {
  const opened = globalForDb.influenceDb;
  globalForDb.influenceDb = undefined;
  if (opened) await (await opened.catch(() => undefined))?.close();
}
