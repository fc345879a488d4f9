import { register } from "node:module";

/**
 * Lets a command-line process (the ingest, the bench) use the web app's data layer, so
 * that a computation has one home whoever runs it. Those modules import "server-only",
 * a guard package that throws unless resolved under the "react-server" condition, as
 * Next.js resolves it for server code: this resolves it so in this process too. Call it
 * before the first import of such a module (a dynamic import after it). Nothing to do
 * where the guard already passes (vitest aliases it).
 */
export async function allowServerModules(): Promise<void> {
  try {
    await import("server-only");
  } catch {
    const hooks = `export function resolve(specifier, context, next) {
      return next(specifier, specifier === "server-only" ? { ...context, conditions: [...context.conditions, "react-server"] } : context);
    }`;
    register(`data:text/javascript,${encodeURIComponent(hooks)}`);
  }
}
