/**
 * Build the site once before the site and browser tests (vitest globalSetup). The tests read `dist/`.
 * Set MOMENTS_SKIP_BUILD=1 to test an existing build.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { DIST, ROOT } from "./paths.ts";

export default function buildSite() {
  if (process.env.MOMENTS_SKIP_BUILD === "1" && existsSync(DIST)) return;
  const started = performance.now();
  execFileSync(process.execPath, [`${ROOT}/node_modules/astro/bin/astro.mjs`, "build"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, BASE_PATH: "/" },
  });
  console.log(`built the site in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
