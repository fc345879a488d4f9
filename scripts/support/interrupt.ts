/**
 * Runs `cleanup` once on Ctrl-C (SIGINT) or SIGTERM, then exits with status 130: the
 * measuring scripts' servers lead their own process groups, so a Ctrl-C in the terminal
 * reaches only the script, which must stop them (and drop its scratch database) itself.
 * `cleanup` should be idempotent: the script's own `finally` may be running it already.
 */
export function onInterrupt(cleanup: () => Promise<void>, describe: () => string): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: ${describe()}…`);
      cleanup()
        .catch((error: unknown) => console.error(error instanceof Error ? error.message : String(error)))
        .finally(() => process.exit(130));
    });
  }
}
