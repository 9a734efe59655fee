#!/usr/bin/env node
/**
 * The test command (`npm test`): makes sure Debian's Chromium is installed (apt-get, as root or through sudo), runs
 * every vitest project — unit, build and browser tests — and ends with a plain "N passed, N failed" line.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const chromium = process.env.CHROME_PATH ?? "/usr/bin/chromium";

function ensureChromium() {
  if (existsSync(chromium)) return;
  console.log(`Chromium not found at ${chromium}; installing Debian's chromium package with apt-get…`);
  const asRoot = process.getuid?.() === 0;
  const run = (args) => {
    const [command, ...rest] = asRoot ? args : ["sudo", "-n", ...args];
    execFileSync(command, rest, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  };
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"]);
  if (!existsSync(chromium)) throw new Error(`apt-get finished but ${chromium} is still missing`);
}

ensureChromium();

const reportDir = mkdtempSync(path.join(tmpdir(), "moments-test-"));
const report = path.join(reportDir, "vitest.json");
const vitest = path.join(import.meta.dirname, "..", "node_modules", "vitest", "vitest.mjs");
const result = spawnSync(
  process.execPath,
  [vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, FORCE_COLOR: process.env.CI ? "0" : process.env.FORCE_COLOR } },
);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, "utf8"));
  for (const file of json.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    passed += tests.filter((test) => test.status === "passed").length;
    const failures = tests.filter((test) => test.status === "failed").length;
    // A file that failed without a failed test could not even load: count it once.
    failed += failures || (file.status === "failed" ? 1 : 0);
  }
}
rmSync(reportDir, { recursive: true, force: true });
if (result.status !== 0 && failed === 0) failed = 1; // the run itself failed (setup error, crash)
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
