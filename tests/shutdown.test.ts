import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { buildIsStale, choosePort, ROOT, startNext, waitUntilReady } from "@/scripts/support/server";
import { smallDataset } from "./support/small-dataset";

// SIGTERM to the production server (and to `npm start`, which forwards it) while a request
// is in flight: new connections are refused, the request is answered, the database is
// closed and the process exits 0. It needs the app built from the current sources.
const SKIP_REASON = !existsSync(path.join(ROOT, ".next", "BUILD_ID"))
  ? "there is no .next build (npm run build)"
  : buildIsStale()
    ? "the .next build is older than the sources (npm run build)"
    : null;
if (SKIP_REASON) console.warn(`tests/shutdown.test.ts skipped: ${SKIP_REASON}`);

let dir: string;
let dataDir: string;

/**
 * A POST /api/views whose body arrives in two parts: the server has the request, and
 * waits for the rest of the body, until `finish` is called.
 */
function slowSave(base: string, title: string) {
  const body = JSON.stringify({ path: "/", title });
  const request = http.request(`${base}/api/views`, {
    method: "POST",
    agent: false,
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on("response", (response) => {
      let text = "";
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body: text }));
    });
    request.on("error", reject);
  });
  request.write(body.slice(0, 10));
  return { answered, finish: () => request.end(body.slice(10)) };
}

/** SIGTERM to `pid` with a save in flight: what a client and the process see. */
async function stopWithRequestInFlight(child: ChildProcess, base: string, title: string) {
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  const save = slowSave(base, title);
  await new Promise((resolve) => setTimeout(resolve, 500)); // the server has read the headers
  child.kill("SIGTERM");
  // Stopped accepting: a new connection is refused while the save is still open.
  let refused: unknown;
  for (let i = 0; i < 50 && !refused; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    refused = await fetch(`${base}/api/health`).then(() => undefined, (error: Error) => (error.cause as { code?: string })?.code ?? error);
  }
  save.finish();
  const response = await save.answered;
  const [code, signal] = await exited;
  return { refused, response, code, signal };
}

async function savedTitles(): Promise<string[]> {
  const db = await openDatabase({ kind: "pglite", dataDir });
  try {
    return (await db.sql.query<{ title: string }>("SELECT title FROM saved_views ORDER BY title")).map((r) => r.title);
  } finally {
    await db.close();
  }
}

describe.skipIf(SKIP_REASON !== null)("graceful shutdown of the production server", () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "ie-shutdown-"));
    dataDir = path.join(dir, "db");
    const db = await openDatabase({ kind: "pglite", dataDir });
    await migrate(db.sql);
    await ingestDataset(db.sql, smallDataset("small"));
    await db.close();
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("next start: answers the request in flight, refuses new ones, closes the database, exits 0", async () => {
    const server = startNext({ port: await choosePort(undefined), env: { DATABASE_URL: "", PGLITE_DIR: dataDir }, quiet: true });
    try {
      await waitUntilReady(server, 60_000);
      const { refused, response, code, signal } = await stopWithRequestInFlight(server.child, server.base, "in flight at SIGTERM");
      expect(refused).toBe("ECONNREFUSED");
      expect(response.status).toBe(201);
      expect(JSON.parse(response.body)).toMatchObject({ title: "in flight at SIGTERM" });
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      // Exit 0 is the app's handler (Next's own exits 143); the folder is free and kept the save.
      expect(existsSync(`${dataDir}.lock`)).toBe(false);
      expect(await savedTitles()).toContain("in flight at SIGTERM");
    } finally {
      await server.stop();
    }
  });

  it("npm start (scripts/start.ts) forwards SIGTERM and exits with the server's code, 0", async () => {
    const port = await choosePort(undefined);
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "start.ts")], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: "", PGLITE_DIR: dataDir, SEED_DEMO: "0" },
      stdio: "ignore",
      detached: true, // its own process group: the cleanup below reaches the server it spawned
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitUntilReady({ base, pid: child.pid!, child, stop: async () => undefined }, 60_000);
      const { refused, response, code, signal } = await stopWithRequestInFlight(child, base, "in flight at npm start's SIGTERM");
      expect(refused).toBe("ECONNREFUSED");
      expect(response.status).toBe(201);
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(await savedTitles()).toContain("in flight at npm start's SIGTERM");
    } finally {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* the group has exited */
      }
    }
  });
});
