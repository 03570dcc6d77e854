import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);

// Debian's Chromium: Playwright's own browser download cannot work on our machines.
const WRITERS = ["**/movements.spec.ts", "**/import.spec.ts"];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // Per port, so that two suites on one machine never clean each other's files.
  outputDir: `test-results/e2e-${port}`,
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // Figures are formatted in the browser's locale (Accept-Language): the specs read en-US
    // unless they ask for another (e2e/locale.spec.ts).
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // Specs that change warehouse data run after the ones that compare pages with the
  // reference SQL computed at setup, so that a stock movement or an import never
  // lands in the middle of a comparison.
  projects: [
    {
      name: "chromium",
      testIgnore: WRITERS,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1360, height: 900 } },
    },
    {
      name: "chromium-writers",
      testMatch: WRITERS,
      dependencies: ["chromium"],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1360, height: 900 } },
    },
  ],
});
