/**
 * A private PostgreSQL primary and a streaming standby of it on loopback, for the read
 * replica tests: the machine's own server accepts no replication connections, so this
 * makes its own pair (initdb with trust and wal_level=replica; the standby by
 * `pg_basebackup -R`), each on a free port, in a temporary folder removed by `stop`.
 * As root, the server programs run as the `postgres` user (PostgreSQL refuses root).
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { choosePort } from "@/scripts/support/server";

const PROGRAMS = ["initdb", "pg_ctl", "pg_basebackup", "postgres"];

/** The newest /usr/lib/postgresql/<version>/bin holding every program needed (or PG_BIN), else null. */
function serverBinaries(): string | null {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)).map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  return candidates.find((dir) => PROGRAMS.every((p) => existsSync(path.join(dir, p)))) ?? null;
}

/** The uid and gid of the `postgres` user, or null. */
function postgresUser(): { uid: number; gid: number } | null {
  try {
    const [uid, gid] = ["-u", "-g"].map((flag) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim()));
    return { uid: uid!, gid: gid! };
  } catch {
    return null;
  }
}

const BIN = serverBinaries();
const AS_ROOT = userInfo().uid === 0;
const OWNER = AS_ROOT ? postgresUser() : null;

/** Why a replica pair cannot be started here (for the skip message), or null when it can. */
export const replicaPairUnavailable: string | null = !BIN
  ? "the PostgreSQL server programs (initdb, pg_ctl, pg_basebackup) are not installed under /usr/lib/postgresql/*/bin (set PG_BIN)"
  : AS_ROOT && (!OWNER || !existsSync("/usr/sbin/runuser"))
    ? "running as root, and there is no postgres user (or no runuser) to run the server as"
    : null;

export interface ReplicaPair {
  primaryUrl: string;
  replicaUrl: string;
  replicaPort: number;
  stop(): void;
}

/** Starts a primary and a standby streaming from it; `stop` stops both and removes their folder. */
export async function startReplicaPair(): Promise<ReplicaPair> {
  if (replicaPairUnavailable) throw new Error(replicaPairUnavailable);
  const dir = mkdtempSync(path.join(tmpdir(), "ie-replica-"));
  if (OWNER) chownSync(dir, OWNER.uid, OWNER.gid);
  const run = (program: string, args: string[]) => {
    const [command, fullArgs] = OWNER
      ? ["/usr/sbin/runuser", ["-u", "postgres", "--", path.join(BIN!, program), ...args]]
      : [path.join(BIN!, program), args];
    execFileSync(command, fullArgs, { stdio: "pipe", timeout: 60_000 });
  };
  const primary = path.join(dir, "primary");
  const standby = path.join(dir, "standby");
  const started: string[] = [];
  const stop = () => {
    for (const data of started.reverse()) {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Loopback only, sockets in the folder, no durability (a test's throw-away cluster).
  const options = (port: number) =>
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off ` +
    "-c shared_buffers=32MB -c max_connections=40";
  try {
    run("initdb", ["-D", primary, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
    const primaryPort = await choosePort(undefined);
    run("pg_ctl", ["-D", primary, "-l", path.join(dir, "primary.log"), "-w", "-t", "30", "-o",
      `${options(primaryPort)} -c wal_level=replica -c max_wal_senders=4`, "start"]);
    started.push(primary);
    run("pg_basebackup", ["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres", "-D", standby, "-R", "-X", "stream", "-c", "fast", "--no-sync"]);
    const replicaPort = await choosePort(undefined);
    // pg_ctl -w returns once the standby accepts (read-only) connections.
    run("pg_ctl", ["-D", standby, "-l", path.join(dir, "standby.log"), "-w", "-t", "30", "-o", `${options(replicaPort)} -c hot_standby=on`, "start"]);
    started.push(standby);
    return {
      primaryUrl: `postgresql://postgres@127.0.0.1:${primaryPort}/postgres`,
      replicaUrl: `postgresql://postgres@127.0.0.1:${replicaPort}/postgres`,
      replicaPort,
      stop,
    };
  } catch (error) {
    stop();
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`could not start the replica pair: ${stderr || (error as Error).message}`, { cause: error });
  }
}
