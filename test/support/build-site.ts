/**
 * Build the site once before the site and browser tests (vitest globalSetup). The tests read `dist/` (or
 * MOMENTS_OUT_DIR). Set MOMENTS_SKIP_BUILD=1 to test an existing build.
 */
import { existsSync } from "node:fs";
import { buildSite } from "./build.ts";
import { DIST } from "./paths.ts";

export default function setup() {
  if (process.env.MOMENTS_SKIP_BUILD === "1" && existsSync(DIST)) return;
  const started = performance.now();
  buildSite({ BASE_PATH: "/" });
  console.log(`built the site in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
