/**
 * Build the platform's fixture site once before the platform's tests (vitest globalSetup of the "platform" project):
 * test/fixtures/platform, with the plugin from this checkout, into PLATFORM_DIST (PLATFORM_OUT_DIR, or a folder in
 * the system's temp dir). Our course is not built. Set MOMENTS_SKIP_BUILD=1 to test an existing build.
 */
import { existsSync } from "node:fs";
import { buildPlatform } from "./build.ts";
import { PLATFORM_DIST } from "./paths.ts";

export default function setup() {
  if (process.env.MOMENTS_SKIP_BUILD === "1" && existsSync(PLATFORM_DIST)) return;
  const started = performance.now();
  buildPlatform({ BASE_PATH: "/", PLATFORM_OUT_DIR: PLATFORM_DIST });
  console.log(`built the platform's fixture site in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
