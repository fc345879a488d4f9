/**
 * Runs once when the server starts. Page renders are admitted first come, first served,
 * a few at a time (lib/render-admission.ts). Under NEXT_MANUAL_SIG_HANDLE (set by
 * scripts/start.ts and the scripts' startNext) Next leaves SIGTERM and SIGINT to the app:
 * drain the requests in flight, close the database, exit 0 (lib/graceful-shutdown.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installRenderAdmission } = await import("@/lib/render-admission");
  installRenderAdmission();
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) return;
  const [{ installGracefulShutdown }, { closeDatabase }] = await Promise.all([import("@/lib/graceful-shutdown"), import("@/lib/db/server")]);
  installGracefulShutdown({ close: closeDatabase });
}
