/**
 * npx tsx scripts/screenshots.ts [--port N]
 *
 * The README's screenshots, taken again from the current code: a fresh embedded database
 * with the demo datasets (.screenshots/pglite, removed afterwards), the last build (built
 * when stale), its own `next start` on a free port, and Debian's Chromium at 1440 px wide
 * in the light theme. Writes docs/screenshot*.png.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";
import { openDatabase } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { seedDemoDatasets } from "@/lib/demo/seed";
import { onInterrupt } from "./support/interrupt";
import { buildIfStale, choosePort, ROOT, startNext, waitUntilReady, type NextServer } from "./support/server";

/** The page offset of the first heading matching `name`. */
async function headingTop(page: Page, name: RegExp): Promise<number> {
  const heading = page.getByRole("heading", { name }).first();
  await heading.waitFor();
  return heading.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
}

const { values: args } = parseArgs({ options: { port: { type: "string" } } });
const DATA_DIR = path.join(ROOT, ".screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** What the README shows: the page, the heading the shot starts at (else the top), and the file. */
const SHOTS: { path: string; heading?: RegExp; file: string }[] = [
  { path: "/datasets/demo-7b", file: "docs/screenshot.png" },
  { path: "/compare?a=demo-7b&b=demo-35b", heading: /^The paper's figures/, file: "docs/screenshot-compare.png" },
];

rmSync(DATA_DIR, { recursive: true, force: true });
const pglite = path.join(DATA_DIR, "pglite");
const db = await openDatabase({ kind: "pglite", dataDir: pglite });
try {
  await migrate(db.sql);
  await seedDemoDatasets(db.sql);
} finally {
  await db.close();
}
buildIfStale();
const port = await choosePort(args.port);
const server: NextServer = startNext({ port, env: { DATABASE_URL: "", PGLITE_DIR: pglite }, quiet: true });
onInterrupt(async () => {
  await server.stop();
  rmSync(DATA_DIR, { recursive: true, force: true });
}, () => "stopping the server");
try {
  await waitUntilReady(server, 120_000);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, colorScheme: "light" });
  for (const shot of SHOTS) {
    await page.goto(server.base + shot.path, { waitUntil: "networkidle" });
    if (shot.heading) await page.evaluate((top) => window.scrollTo(0, top - 16), await headingTop(page, shot.heading));
    await page.screenshot({ path: path.join(ROOT, shot.file) });
    console.log(`${shot.file}: ${shot.path}`);
  }
  await browser.close();
} finally {
  await server.stop();
  rmSync(DATA_DIR, { recursive: true, force: true });
}
