import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admitRender, FifoGate, installRenderAdmission, isPageRequest, renderConcurrency, TICKET_HEADER } from "./render-admission";

/** Whether each ticket's promise has settled yet, and with what. */
async function states(tickets: { admitted: Promise<boolean> }[]): Promise<(boolean | "waiting")[]> {
  return Promise.all(tickets.map((t) => Promise.race([t.admitted, new Promise<"waiting">((r) => setImmediate(() => r("waiting")))])));
}

describe("FifoGate", () => {
  it("holds at most its limit and admits the waiting in the order they entered", async () => {
    const gate = new FifoGate(2);
    const t = Array.from({ length: 5 }, () => gate.enter());
    expect(await states(t)).toEqual([true, true, "waiting", "waiting", "waiting"]);
    expect(gate.size).toEqual({ holding: 2, waiting: 3 });
    t[1]!.leave();
    expect(await states(t)).toEqual([true, true, true, "waiting", "waiting"]);
    t[1]!.leave(); // a second leave gives nothing back twice
    expect(gate.size).toEqual({ holding: 2, waiting: 2 });
    // One that leaves while waiting gives up its place; the one after it moves up.
    t[3]!.leave();
    expect(await states(t)).toEqual([true, true, true, false, "waiting"]);
    t[0]!.leave();
    expect(await states(t)).toEqual([true, true, true, false, true]);
    t[2]!.leave();
    t[4]!.leave();
    expect(gate.size).toEqual({ holding: 0, waiting: 0 });
    expect(await gate.enter().admitted).toBe(true);
  });

  it("refuses a limit under 1", () => {
    expect(() => new FifoGate(0)).toThrow(RangeError);
  });
});

describe("renderConcurrency and isPageRequest", () => {
  it("reads RENDER_CONCURRENCY (0: no limit) and refuses nonsense", () => {
    expect(renderConcurrency({})).toBe(4);
    expect(renderConcurrency({ RENDER_CONCURRENCY: "0" })).toBe(0);
    expect(renderConcurrency({ RENDER_CONCURRENCY: "2" })).toBe(2);
    expect(() => renderConcurrency({ RENDER_CONCURRENCY: "two" })).toThrow(/RENDER_CONCURRENCY/);
    expect(() => renderConcurrency({ RENDER_CONCURRENCY: "-1" })).toThrow(/RENDER_CONCURRENCY/);
  });
  it("admits pages, not API calls, build assets or writes", () => {
    expect(isPageRequest("GET", "/datasets/demo-7b/transfer?method=spearman")).toBe(true);
    expect(isPageRequest("HEAD", "/")).toBe(true);
    expect(isPageRequest("GET", "/api/datasets")).toBe(false);
    expect(isPageRequest("GET", "/_next/static/chunks/a.js")).toBe(false);
    expect(isPageRequest("POST", "/api/views")).toBe(false);
  });
});

describe("installRenderAdmission on an HTTP server", () => {
  // A server whose handler waits for its admission as proxy.ts does, then holds its
  // place until the test ends the request.
  let server: Server;
  let base: string;
  const entered: string[] = [];
  const finish = new Map<string, () => void>();
  let arrived = 0;
  beforeAll(async () => {
    installRenderAdmission(2);
    server = createServer((req, res) => {
      arrived++;
      const ticket = req.headers[TICKET_HEADER];
      void admitRender(typeof ticket === "string" ? ticket : null).then((admitted) => {
        if (!admitted) return;
        entered.push(req.url!);
        finish.set(req.url!, () => res.end(req.url));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Sends a GET and waits until the server has received it (so arrival order is known). */
  async function send(path: string, headers: Record<string, string> = {}) {
    const before = arrived;
    const req = httpRequest(`${base}${path}`, { headers, agent: false });
    const body = new Promise<string>((resolve, reject) => {
      req.on("response", (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve(text));
      });
      req.on("error", reject);
    });
    body.catch(() => undefined); // an aborted request's error is expected
    req.end();
    while (arrived === before) await new Promise((r) => setTimeout(r, 5));
    return { body, abort: () => req.destroy() };
  }
  /** Lets what is not supposed to happen have its chance to (a negative check). */
  const settle = () => new Promise((r) => setTimeout(r, 50));
  /** Waits for the n-th render to begin. */
  const entering = async (n: number) => {
    while (entered.length < n) await new Promise((r) => setTimeout(r, 5));
  };

  it("renders two pages at once, the rest in arrival order; API calls and a forged ticket do not wait", async () => {
    const pages = [];
    for (const path of ["/p1", "/p2", "/p3", "/p4", "/p5"]) pages.push(await send(path));
    await entering(2);
    await settle();
    expect(entered).toEqual(["/p1", "/p2"]);

    // An API request passes the queue, even carrying a ticket number of its own.
    const api = await send("/api/datasets", { [TICKET_HEADER]: "3" });
    await entering(3);
    expect(entered).toEqual(["/p1", "/p2", "/api/datasets"]);
    finish.get("/api/datasets")!();
    expect(await api.body).toBe("/api/datasets");

    // p4's client leaves while waiting: its place is given up, p5 moves up.
    pages[3]!.abort();
    await settle();
    finish.get("/p2")!();
    expect(await pages[1]!.body).toBe("/p2");
    await entering(4);
    expect(entered).toEqual(["/p1", "/p2", "/api/datasets", "/p3"]);
    finish.get("/p1")!();
    await entering(5);
    expect(entered).toEqual(["/p1", "/p2", "/api/datasets", "/p3", "/p5"]);
    finish.get("/p3")!();
    finish.get("/p5")!();
    expect(await Promise.all([pages[0]!.body, pages[2]!.body, pages[4]!.body])).toEqual(["/p1", "/p3", "/p5"]);
  });
});
