import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { choosePort } from "./scripts/support/server";

// E2E_BASE_URL runs the specs against a server that is already up (e.g. `next dev`).
const external = process.env.E2E_BASE_URL;
// Playwright loads this file in the runner and again in every worker: the runner chooses
// the port once and hands it down through the environment the workers inherit (a worker
// must not probe: by then the test server holds the port).
process.env.E2E_CHOSEN_PORT ??= external ? "" : String(await choosePort(process.env.E2E_PORT, { name: "E2E_PORT" }));
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
        timeout: 600_000, // seeding five demo datasets and the tool runs, then the server
        reuseExistingServer: false,
        stdout: "pipe",
      },
});
