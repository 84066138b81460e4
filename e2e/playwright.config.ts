/**
 * Playwright's configuration for the dApp's browser tests. `npm run test:e2e` (scripts/e2e.mjs) starts the chain and
 * the dApp and passes their URLs in E2E_BASE_URL and E2E_RPC_URL; run on its own, Playwright expects both already up.
 * The browser is Debian's Chromium (/usr/bin/chromium), never one Playwright downloads.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "@playwright/test";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Chromium quiet and offline: no GPU, no QUIC, no first-run, update, sync or background traffic. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const headed = process.env.E2E_HEADED === "1";

export default defineConfig({
  testDir: path.join(root, "e2e", "tests"),
  outputDir: path.join(root, ".e2e", "test-results"),
  // Two cores: one browser at a time, and the tests share one chain.
  workers: 1,
  fullyParallel: false,
  forbidOnly: process.env.CI !== undefined,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.E2E_RESULTS_FILE ?? path.join(root, ".e2e", "results.json") }],
  ],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000",
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM ?? "/usr/bin/chromium",
      args: headed ? CHROMIUM_ARGS.filter((arg) => arg !== "--headless") : CHROMIUM_ARGS,
    },
    headless: !headed,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    locale: "en-GB",
    timezoneId: "UTC",
  },
  projects: [
    {
      name: "desktop",
      testIgnore: /scale\.spec\.ts$/,
      use: { viewport: { width: 1280, height: 800 } },
    },
    {
      name: "phone",
      // The wallet's own tests and the stories (the same components, driven through every step) do not depend on
      // the viewport: they run on the desktop only. Every page's phone layout is checked in pages.spec.ts. The
      // 1,000-claim tests have a project of their own.
      testIgnore: /(wallet|errors|scale|story-[a-z-]+)\.spec\.ts$/,
      use: { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    },
    {
      // The 1,000-claim tests: scripts/e2e.mjs runs them on a chain of their own seeded with SEED_CLAIMS=1000.
      name: "scale",
      testMatch: /scale\.spec\.ts$/,
      // Timed pages: no trace recording (its snapshots and screencast would be timed with them).
      use: { viewport: { width: 1280, height: 800 }, trace: "off" },
    },
  ],
});
