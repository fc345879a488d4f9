import { DatabaseInUseError } from "./pglite-lock";

/**
 * Why a database call failed, as far as a client can act on it:
 * - "bad-input": PostgreSQL refused a value the request carried (a data exception:
 *   out-of-range number, NUL byte, invalid text): the request is wrong, a 400;
 * - "unavailable": the database cannot answer now (unreachable, pool exhausted, a
 *   statement or lock timeout, shutting down): try again later, a 503;
 * - "unknown": anything else, a bug: a 500.
 */
export type DatabaseFailure = "bad-input" | "unavailable" | "unknown";

// SQLSTATE classes and codes (PostgreSQL, Appendix A).
const BAD_INPUT_CLASS = "22"; // data exception
const UNAVAILABLE_CLASSES = ["08", "53", "57"]; // connection exception, insufficient resources, operator intervention (incl. 57014 statement timeout)
const UNAVAILABLE_CODES = new Set(["55P03", "40001", "40P01"]); // lock_not_available, serialization failure, deadlock

// Prisma's own codes: P1xxx are connection-level; P2024 is a pool timeout.
const PRISMA_UNAVAILABLE = /^P1\d{3}$|^P2024$/;
// Driver adapter error kinds (@prisma/driver-adapter-utils) that mean "not now".
const ADAPTER_UNAVAILABLE = new Set(["DatabaseNotReachable", "DatabaseDoesNotExist", "SocketTimeout", "TooManyConnections", "ConnectionClosed", "TransactionWriteConflict"]);
// Node and node-postgres failures to reach the server.
const NODE_UNAVAILABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EPIPE"]);
const PG_UNAVAILABLE_MESSAGE = /timeout exceeded when trying to connect|Connection terminated|Query read timeout|Client has encountered a connection error/;

/** Every object reachable through cause / meta.driverAdapterError (errors nest several deep). */
function* layers(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 6 || error === null || typeof error !== "object") return;
  const layer = error as Record<string, unknown>;
  yield layer;
  yield* layers(layer.cause, depth + 1);
  const meta = layer.meta as Record<string, unknown> | undefined;
  if (meta) yield* layers(meta.driverAdapterError, depth + 1);
}

function sqlState(layer: Record<string, unknown>): string | null {
  for (const key of ["originalCode", "code"]) {
    const value = layer[key];
    if (typeof value === "string" && /^[0-9A-Z]{5}$/.test(value)) return value;
  }
  return null;
}

/** Classifies an error thrown by Prisma, node-postgres or PGlite (see DatabaseFailure). */
export function classifyDatabaseError(error: unknown): DatabaseFailure {
  if (error instanceof DatabaseInUseError) return "unavailable";
  for (const layer of layers(error)) {
    const state = sqlState(layer);
    if (state?.startsWith(BAD_INPUT_CLASS)) return "bad-input";
    if (state && (UNAVAILABLE_CODES.has(state) || UNAVAILABLE_CLASSES.includes(state.slice(0, 2)))) return "unavailable";
    const code = layer.code;
    if (typeof code === "string" && (PRISMA_UNAVAILABLE.test(code) || NODE_UNAVAILABLE.has(code))) return "unavailable";
    if (typeof layer.kind === "string" && ADAPTER_UNAVAILABLE.has(layer.kind)) return "unavailable";
    if (typeof layer.message === "string" && PG_UNAVAILABLE_MESSAGE.test(layer.message)) return "unavailable";
  }
  return "unknown";
}
