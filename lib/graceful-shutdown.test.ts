import { EventEmitter, once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { installGracefulShutdown } from "./graceful-shutdown";

/** A server whose handler answers only when `release` is called, and a request to it. */
async function slowServer() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = http.createServer((request, response) => {
    void released.then(() => response.end("done"));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, base, release };
}

function get(url: string, agent?: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body }));
    }).on("error", reject);
  });
}

describe("graceful shutdown", () => {
  it("on SIGTERM refuses new connections, answers the request in flight, then closes and exits 0", async () => {
    const { server, base, release } = await slowServer();
    const signals = new EventEmitter();
    const events: string[] = [];
    // A kept-alive connection that goes idle must not hold the shutdown for Node's keep-alive
    // timeout (5 s, past this test's timeout: the exit code would be 1).
    const exited = new Promise<number>((resolve) =>
      installGracefulShutdown({ signals, timeoutMs: 2_000, close: async () => void events.push("close"), exit: (code) => resolve(code) }),
    );
    const agent = new http.Agent({ keepAlive: true });
    const inFlight = get(`${base}/slow`, agent).then((r) => (events.push("answered"), r));
    await new Promise((resolve) => setTimeout(resolve, 100));

    signals.emit("SIGTERM");
    signals.emit("SIGTERM"); // a second signal is ignored
    await expect(get(`${base}/new`)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect(events).toEqual([]);

    release();
    expect(await inFlight).toEqual({ status: 200, body: "done" });
    expect(await exited).toBe(0);
    expect(events).toEqual(["answered", "close"]);
    expect(server.listening).toBe(false);
    agent.destroy();
  });

  it("cuts off requests still running at the timeout and exits 1", async () => {
    const { server, base, release } = await slowServer();
    const signals = new EventEmitter();
    let closed = false;
    const exited = new Promise<number>((resolve) =>
      installGracefulShutdown({ signals, timeoutMs: 200, close: async () => void (closed = true), exit: (code) => resolve(code) }),
    );
    const stuck = get(`${base}/stuck`).catch((error: NodeJS.ErrnoException) => error.code);
    await new Promise((resolve) => setTimeout(resolve, 100));
    signals.emit("SIGTERM");
    expect(await exited).toBe(1);
    expect(closed).toBe(true);
    expect(await stuck).toBe("ECONNRESET");
    release();
    server.close();
  });
});
