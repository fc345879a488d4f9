import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Fair admission of page renders: at most RENDER_CONCURRENCY pages render at once, the
 * others wait in the order they arrived.
 *
 * Why: the server renders on one thread. Sixty-four pages rendering at once share it in
 * no particular order, so some finish in half the average time and others in twice it
 * (`npm run load`, transfer page: p99 about twice the p50). Admitted first come, first
 * served, every request waits for the ones before it and then renders nearly alone: the
 * p99 comes close to the p50, and the throughput is the same (the CPU was the limit).
 * API requests are cheap (a few ms) and never wait behind pages.
 *
 * How, since Next gives no hook around a whole render: Node announces each request on
 * the "http.server.request.start" diagnostics channel before Next sees it. A page request
 * takes its place in the queue there, and its ticket number goes into a request header;
 * proxy.ts, which Next runs before rendering, waits for that ticket. The place is given
 * back when the response closes, sent or abandoned, so no render can keep it.
 */

/** Default limit: enough to overlap one page's database waits with another's rendering. */
export const DEFAULT_RENDER_CONCURRENCY = 4;
/** The request header carrying a page request's ticket from the channel to proxy.ts. */
export const TICKET_HEADER = "x-render-ticket";

/** A place in a FifoGate: `admitted` resolves true when its turn comes, false when it left first. */
export interface GateTicket {
  admitted: Promise<boolean>;
  /** Gives the place back (admitted or still waiting); a second call does nothing. */
  leave(): void;
}

/** At most `limit` holders at once; the others are admitted in the order they entered. */
export class FifoGate {
  private holders = 0;
  private readonly waiting: { admit: () => void; giveUp: () => void }[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a gate needs a limit of at least 1 (got ${limit})`);
  }

  get size(): { holding: number; waiting: number } {
    return { holding: this.holders, waiting: this.waiting.length };
  }

  enter(): GateTicket {
    let state: "waiting" | "holding" | "left" = "waiting";
    let resolve!: (admitted: boolean) => void;
    const admitted = new Promise<boolean>((r) => (resolve = r));
    const entry = {
      admit: () => {
        state = "holding";
        this.holders++;
        resolve(true);
      },
      giveUp: () => resolve(false),
    };
    if (this.holders < this.limit) entry.admit();
    else this.waiting.push(entry);
    return {
      admitted,
      leave: () => {
        if (state === "left") return;
        if (state === "waiting") {
          this.waiting.splice(this.waiting.indexOf(entry), 1);
          entry.giveUp();
        } else {
          this.holders--;
          this.waiting.shift()?.admit();
        }
        state = "left";
      },
    };
  }
}

/** RENDER_CONCURRENCY: pages rendered at once (0: no limit). */
export function renderConcurrency(env: Record<string, string | undefined> = process.env): number {
  const raw = env.RENDER_CONCURRENCY;
  const value = raw === undefined || raw === "" ? DEFAULT_RENDER_CONCURRENCY : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`RENDER_CONCURRENCY must be a whole number ≥ 0 (got "${raw}")`);
  return value;
}

/** Whether a request renders a page: not an API call, not a build asset. */
export function isPageRequest(method: string | undefined, url: string | undefined): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  const path = (url ?? "/").split("?", 1)[0]!;
  return !path.startsWith("/api/") && path !== "/api" && !path.startsWith("/_next/");
}

// Shared through globalThis: proxy.ts and instrumentation.ts are bundled apart, each with
// its own copy of this module, in the one server process.
const shared = globalThis as unknown as { renderTickets?: Map<string, Promise<boolean>> };

/**
 * Starts admitting the page requests of every HTTP server in this process through one
 * gate of `limit` places (instrumentation.ts, on the Node.js server). 0: no limit.
 */
export function installRenderAdmission(limit = renderConcurrency()): void {
  if (limit === 0 || shared.renderTickets) return;
  const gate = new FifoGate(limit);
  const tickets = (shared.renderTickets = new Map());
  let issued = 0;
  subscribe("http.server.request.start", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    // A ticket only ever comes from here, never from the client.
    delete request.headers[TICKET_HEADER];
    if (!isPageRequest(request.method, request.url)) return;
    const id = String(++issued);
    const ticket = gate.enter();
    tickets.set(id, ticket.admitted);
    request.headers[TICKET_HEADER] = id;
    response.once("close", () => {
      tickets.delete(id);
      ticket.leave();
    });
  });
}

/**
 * Waits until the request whose ticket header is `ticket` may render (proxy.ts). True at
 * once when there is no gate or no ticket; false when the client left while waiting.
 */
export async function admitRender(ticket: string | null): Promise<boolean> {
  const admitted = ticket === null ? undefined : shared.renderTickets?.get(ticket);
  return admitted ?? true;
}
