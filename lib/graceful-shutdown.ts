import { subscribe } from "node:diagnostics_channel";
import type { Server } from "node:http";

/**
 * What a stop (SIGTERM from Docker, Kubernetes, systemd or scripts/start.ts; Ctrl-C) does
 * to the server: stop accepting connections, answer every request already in flight,
 * close the database, exit 0. `next start` on its own drains too but then exits 143 and
 * never closes the database (PGlite keeps its lock file, a pool its connections), so the
 * server runs with NEXT_MANUAL_SIG_HANDLE=true and instrumentation.ts installs this.
 */

/** The longest wait for requests in flight: under Kubernetes' default 30 s grace period, which ends in SIGKILL. */
export const SHUTDOWN_TIMEOUT_MS = 25_000;

export interface ShutdownOptions {
  /** Closes what the server holds (the database) once every request has been answered. */
  close: () => Promise<void>;
  /** Longest wait for requests in flight before their connections are cut, in ms. */
  timeoutMs?: number;
  /** Ends the process; tests pass their own. */
  exit?: (code: number) => void;
  /** Where SIGTERM and SIGINT arrive; tests pass an EventEmitter. */
  signals?: Pick<NodeJS.EventEmitter, "on">;
}

/**
 * Installs the SIGTERM / SIGINT handler. The HTTP servers are learnt from the requests
 * they receive (Node's "http.server.request.start" diagnostics channel): Next creates its
 * server out of the app's reach. A server that has received no request has none in flight.
 * Exits 0 once drained and closed, 1 when requests were cut off at the timeout or the
 * close failed; a second signal meanwhile is ignored.
 */
export function installGracefulShutdown({ close, timeoutMs = SHUTDOWN_TIMEOUT_MS, exit = (code) => process.exit(code), signals = process }: ShutdownOptions): void {
  const servers = new Set<Server>();
  subscribe("http.server.request.start", (message) => {
    servers.add((message as { server: Server }).server);
  });

  let started = false;
  const shutdown = async (signal: string) => {
    if (started) return;
    started = true;
    console.log(`${signal}: answering the requests in flight, then stopping`);
    const drained = await Promise.race([
      Promise.all([...servers].map((server) => drain(server))).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(resolve, timeoutMs, false).unref()),
    ]);
    if (!drained) {
      console.error(`${signal}: requests still running after ${timeoutMs / 1000} s were cut off`);
      for (const server of servers) server.closeAllConnections();
    }
    let closed = true;
    try {
      await close();
    } catch (error) {
      closed = false;
      console.error(`${signal}: closing the database failed:`, error);
    }
    exit(drained && closed ? 0 : 1);
  };
  signals.on("SIGTERM", () => void shutdown("SIGTERM"));
  signals.on("SIGINT", () => void shutdown("SIGINT"));
}

/**
 * Stops `server` accepting connections and resolves once every connection has closed:
 * a kept-alive connection is closed as soon as it is idle (Node would keep it open for
 * its keep-alive timeout), one with a request in flight once that request is answered.
 */
function drain(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });
}
