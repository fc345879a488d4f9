/**
 * The production server as the command-line scripts run it (npm start, bench, load): build
 * when the sources are newer than the last build, `next start` on a port that is free,
 * wait until it answers, stop it and everything it spawned.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const NEXT_BIN = path.join(ROOT, "node_modules", ".bin", "next");
// What `next build` reads; scripts/ and tests are not part of the app.
const APP_SOURCES = ["app", "components", "lib", "public", "instrumentation.ts", "proxy.ts", "next.config.ts", "package.json", "postcss.config.mjs"];

function newestSource(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestSource(path.join(entry, name))));
}

/** Whether there is no build (.next/BUILD_ID) or a source is newer than it. */
export function buildIsStale(): boolean {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  return built < Math.max(...APP_SOURCES.map((s) => newestSource(path.join(ROOT, s))));
}

/**
 * Runs `next build` when a source is newer than the last build (.next/BUILD_ID).
 *
 * @throws Error when the build fails (its output went to this process's terminal)
 */
export function buildIfStale(): void {
  if (!buildIsStale()) return;
  console.log("Building the app (next build)…");
  const result = spawnSync(NEXT_BIN, ["build"], { cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
}

/** Listens on `port` (0: any free one) on `host` and closes again: the port it got. */
function probePort(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(port, host, () => {
      const { port: bound } = probe.address() as AddressInfo;
      probe.close(() => resolve(bound));
    });
  });
}

/**
 * `asked` when it is free on `host`, else (nothing asked) a free port the system picks.
 * The port is free when probed; another process could still take it before the server does.
 *
 * @throws Error naming the port when `asked` is taken or not a port number
 */
export async function choosePort(asked: string | undefined, { name = "--port", host = "127.0.0.1" } = {}): Promise<number> {
  if (asked === undefined || asked === "") return probePort(0, host);
  const port = Number(asked);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`${name} must be a port number (got "${asked}")`);
  try {
    return await probePort(port, host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === "EADDRINUSE"
      ? `${name} ${port} is taken: another process listens on ${host}:${port}. Stop it, or leave ${name} out to use a free port.`
      : `${name} ${port} cannot be used: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * What every `next start` of the scripts runs with: no telemetry, and SIGTERM / SIGINT
 * left to the app's own handler (instrumentation.ts), which drains, closes the database
 * and exits 0 where Next's would exit 143 with the database still open.
 */
export const SERVER_ENV = { NEXT_TELEMETRY_DISABLED: "1", NEXT_MANUAL_SIG_HANDLE: "true" };

/** A `next start` this process started. */
export interface NextServer {
  /** http://host:port, no trailing slash. */
  base: string;
  /** Pid of the spawned `next start`; the process group it leads holds everything it spawned. */
  pid: number;
  child: ChildProcess;
  /** Terminates the server's process group (SIGKILL after `graceMs`); resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `next start -H host -p port` on the last build, with `env` added to this process's
 * environment and telemetry off. The server leads its own process group, so a Ctrl-C in
 * the terminal reaches this script, which stops the server itself.
 */
export function startNext(options: { port: number; host?: string; env?: Record<string, string | undefined>; quiet?: boolean }): NextServer {
  const host = options.host ?? "127.0.0.1";
  const child = spawn(NEXT_BIN, ["start", "-H", host, "-p", String(options.port)], {
    cwd: ROOT,
    env: { ...process.env, ...SERVER_ENV, ...options.env },
    stdio: ["ignore", options.quiet ? "ignore" : "inherit", "inherit"],
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`could not start ${NEXT_BIN}`);
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      /* the group is gone already */
    }
  };
  return {
    base: `http://${host}:${options.port}`,
    pid,
    child,
    async stop(graceMs = 5_000) {
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
      // The group leader can exit before a worker it spawned: make sure none is left.
      signalGroup("SIGKILL");
    },
  };
}

/**
 * Resolves once GET `base + probe` answers 2xx.
 *
 * @throws Error when `server` exits first or `timeoutMs` passes
 */
export async function waitUntilReady(server: NextServer, timeoutMs: number, probe = "/api/datasets"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`next start exited (${server.child.exitCode ?? server.child.signalCode}) before it answered`);
    }
    try {
      const response = await fetch(server.base + probe);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${server.base}${probe} did not answer within ${timeoutMs / 1000} s`);
}

/** `pid` and all its descendants, from /proc (Linux). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited while we looked
    }
    // The command name (2nd field) may hold spaces and parentheses: the ppid follows the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const siblings = children.get(ppid) ?? [];
    siblings.push(Number(entry));
    children.set(ppid, siblings);
  }
  const tree: number[] = [];
  const pending = [pid];
  while (pending.length) {
    const next = pending.pop()!;
    tree.push(next);
    pending.push(...(children.get(next) ?? []));
  }
  return tree;
}

/** Resident memory of one process in bytes (VmRSS), 0 once it has exited. */
export function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) of `pid` so far, in seconds; 0 once it has exited. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name's last ")": state is field 3, utime 14 and stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}
/** Linux's USER_HZ, the unit of /proc/<pid>/stat times: 100 on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds of `pid` and its descendants together. */
export function treeCpuSeconds(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + cpuSeconds(p), 0);
}

/** Resident memory of `pid` and its descendants together, in bytes (shared pages counted in each). */
export function treeResidentBytes(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + residentBytes(p), 0);
}
