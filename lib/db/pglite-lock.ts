import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";

/**
 * PGlite is a single-process database: two processes writing one data folder each keep
 * their own copy of its state in memory, and whichever writes last wins, silently
 * losing the other's writes (views saved by `npm start` while `npm run ingest` ran were
 * gone after a restart). A lock file beside the folder, holding the owner's pid, makes
 * the second opener fail at once instead.
 */

/** Refusal to open a PGlite folder another live process holds. */
export class DatabaseInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(
      `The embedded database ${dataDir} is in use by process ${pid} (a running \`npm start\` or \`npm run ingest\`). ` +
        "PGlite serves one process at a time: stop that process first, or use PostgreSQL (DATABASE_URL) to ingest while serving.",
    );
    this.name = "DatabaseInUseError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the lock of a PGlite data folder for this process, or throws DatabaseInUseError
 * naming the live process that holds it. A lock left by a process that died (kill -9)
 * is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        rmSync(lockPath, { force: true });
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) throw new DatabaseInUseError(dataDir, holder);
      rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}
