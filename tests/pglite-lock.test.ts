import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/database";
import { DatabaseInUseError } from "@/lib/db/pglite-lock";

// A second process opening the embedded database folder is refused at once, naming the
// process that holds it; a holder that died (kill -9) leaves a lock that is taken over.

let dir: string;
let dataDir: string;
let holder: ChildProcess | undefined;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ie-lock-"));
  dataDir = path.join(dir, "db");
});

afterEach(() => {
  holder?.kill("SIGKILL");
  holder = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A child process that opens the folder, saves a view, says "open" and waits to be killed. */
async function holdInAnotherProcess(): Promise<ChildProcess> {
  const script = path.join(dir, "hold.mts");
  writeFileSync(script, `
    import { openDatabase } from ${JSON.stringify(path.resolve("lib/db/database.ts"))};
    import { migrate } from ${JSON.stringify(path.resolve("lib/db/migrate.ts"))};
    const db = await openDatabase({ kind: "pglite", dataDir: ${JSON.stringify(dataDir)} });
    await migrate(db.sql);
    await db.sql.query("INSERT INTO saved_views (slug, path, title) VALUES ('kept', '/', 'kept')");
    console.log("open");
    setInterval(() => undefined, 1000);
  `);
  const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"] });
  const opened = once(child.stdout!, "data").then(([line]) => String(line).trim());
  const exited = once(child, "exit").then(([code]) => `exited with ${String(code)}`);
  expect(await Promise.race([opened, exited])).toBe("open");
  return child;
}

describe("the embedded database's single-process lock", () => {
  it("refuses a second process at once naming the holder, and takes over after the holder is killed with -9", async () => {
    holder = await holdInAnotherProcess();
    const refusal = await openDatabase({ kind: "pglite", dataDir }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(DatabaseInUseError);
    expect((refusal as Error).message).toContain(`in use by process ${holder.pid}`);

    holder.kill("SIGKILL");
    await once(holder, "exit");
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    const db = await openDatabase({ kind: "pglite", dataDir });
    try {
      const rows = await db.sql.query<{ slug: string }>("SELECT slug FROM saved_views");
      expect(rows.map((r) => r.slug)).toEqual(["kept"]);
    } finally {
      await db.close();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
