import { existsSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { defineConfig, devices } from "@playwright/test";

/** Listens on `port` (0: any free one) on 127.0.0.1 and closes again: the port it got. */
function probePort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address() as AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}

/** E2E_PORT when it is free (refused, saying so, when it is not), else a free port. */
async function choosePort(): Promise<number> {
  const asked = process.env.E2E_PORT;
  if (!asked) return probePort(0);
  const port = Number(asked);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`E2E_PORT must be a port number (got "${asked}")`);
  try {
    return await probePort(port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === "EADDRINUSE"
        ? `E2E_PORT=${port} is taken: another process listens on 127.0.0.1:${port}. Stop it, or unset E2E_PORT to use a free port.`
        : `E2E_PORT=${port} cannot be used: ${(error as Error).message}`,
    );
  }
}

// E2E_BASE_URL runs the specs against a server that is already up (e.g. `next dev`).
const external = process.env.E2E_BASE_URL;
// Playwright loads this file in the runner and again in every worker: the runner chooses
// the port once and hands it down through the environment the workers inherit (a worker
// must not probe: by then the test server holds the port).
process.env.E2E_CHOSEN_PORT ??= external ? "" : String(await choosePort());
const PORT = Number(process.env.E2E_CHOSEN_PORT);
const baseURL = external ?? `http://127.0.0.1:${PORT}`;

// Debian's chromium where installed (Playwright's own download is not reachable on
// every machine); otherwise Playwright's browser from `npx playwright install chromium`.
const executablePath =
  process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

export default defineConfig({
  testDir: "e2e",
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL,
    headless: true,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: external
    ? undefined
    : {
        // A fresh embedded database each run: demo data, and the authors' files when present.
        command: "rm -rf .e2e && tsx e2e/seed.ts && tsx scripts/start.ts",
        env: { PORT: String(PORT), HOST: "127.0.0.1", DATABASE_URL: "", PGLITE_DIR: ".e2e/pglite" },
        url: `${baseURL}/api/datasets`,
        timeout: 300_000,
        reuseExistingServer: false,
        stdout: "pipe",
      },
});
