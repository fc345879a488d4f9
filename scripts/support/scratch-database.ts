/**
 * A throw-away PostgreSQL database for the measuring scripts (bench, load): created on
 * the server of an admin URL, dropped at the end.
 */
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { onInterrupt } from "./interrupt";
import type { NextServer } from "./server";

export interface ScratchDatabase {
  name: string;
  /** The admin URL with the scratch database as its path. */
  url: string;
  /** Drops the database, closing any session still on it. */
  drop(): Promise<void>;
}

async function runAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Creates `<prefix>_<timestamp>` on the server of `adminUrl` (a role allowed to CREATE
 * DATABASE).
 *
 * @throws Error with one line saying the server cannot be reached, when it cannot
 */
export async function createScratchDatabase(adminUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now()}`;
  const url = new URL(adminUrl);
  try {
    await runAdmin(adminUrl, `CREATE DATABASE ${name}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code : String(error);
    throw new Error(`PostgreSQL at ${url.host} is not usable (${reason}); start it, or point the admin URL elsewhere`, { cause: error });
  }
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => runAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * Stops the server and a running child command (the bench's `npm run ingest`) and drops the
 * scratch database a script holds (keeps it with `keep`), once, for the normal end, an
 * error and Ctrl-C alike: the returned cleanup is also run on SIGINT/SIGTERM, which a
 * child does not receive when only the script is signalled. `held` reads what the script
 * holds at that moment.
 */
export function cleanupOnExit(
  keep: boolean,
  held: () => { scratch?: ScratchDatabase; server?: NextServer; child?: ChildProcess },
): () => Promise<void> {
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= (async () => {
      const { scratch, server, child } = held();
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("close", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await server?.stop();
      if (!scratch) return;
      if (keep) console.log(`kept database ${scratch.url}`);
      else await scratch.drop();
    })();
    return cleaning;
  };
  onInterrupt(cleanup, () => {
    const { scratch } = held();
    return `stopping the server${scratch && !keep ? ` and dropping ${scratch.name}` : ""}`;
  });
  return cleanup;
}
