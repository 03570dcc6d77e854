// npm test: unit, integration and end-to-end tests, in that order.
// Integration and e2e tests use PostgreSQL when TEST_DATABASE_URL is set (each
// run in databases of its own), the embedded engine otherwise.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const resultsDir = path.join(process.cwd(), "test-results");

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  const command = "apt-get update && apt-get install -y chromium";
  const canInstall = process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get");
  if (!canInstall) {
    console.error(`The end-to-end tests need Debian's Chromium at ${CHROMIUM}. Install it with:\n  sudo sh -c '${command}'`);
    process.exit(1);
  }
  console.log(`Chromium is missing: running ${command}`);
  const result = spawnSync("sh", ["-c", `${command} >/tmp/volta-apt.log 2>&1`], { stdio: "inherit" });
  if (result.status !== 0 || !fs.existsSync(CHROMIUM)) {
    console.error(`Installing Chromium failed (see /tmp/volta-apt.log). Run it yourself:\n  ${command}`);
    process.exit(1);
  }
}

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  return result.status === 0;
}

type Tally = { passed: number; failed: number; skipped: number };

function readVitest(file: string): Tally {
  const r = JSON.parse(fs.readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}

function readPlaywright(file: string): Tally {
  const r = JSON.parse(fs.readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
}

ensureChromium();
fs.mkdirSync(resultsDir, { recursive: true });
console.log(
  process.env.TEST_DATABASE_URL
    ? "Integration and e2e tests use PostgreSQL (TEST_DATABASE_URL) and the embedded engine."
    : "TEST_DATABASE_URL is not set: integration and e2e tests use the embedded engine only.",
);

const vitestJson = path.join(resultsDir, "vitest.json");
const playwrightJson = path.join(resultsDir, "playwright.json");
fs.rmSync(vitestJson, { force: true });
fs.rmSync(playwrightJson, { force: true });

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);
const tallies: Tally[] = [];
const typecheckOk = run("Type check", bin("tsc"), ["--noEmit"]);
const vitestOk = run("Unit and integration tests", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
// Read now: Playwright empties its output folder when it starts.
if (fs.existsSync(vitestJson)) tallies.push(readVitest(vitestJson));
process.env.PLAYWRIGHT_JSON_OUTPUT_NAME = playwrightJson;
const e2eOk = run("End-to-end tests (Chromium)", bin("playwright"), ["test", "--reporter=list,json"]);
if (fs.existsSync(playwrightJson)) tallies.push(readPlaywright(playwrightJson));

const total = tallies.reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }), { passed: 0, failed: 0, skipped: 0 });
const ok = typecheckOk && vitestOk && e2eOk;
if (!ok && total.failed === 0) total.failed = 1; // a tier that could not run at all counts as a failure
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(ok ? 0 : 1);
