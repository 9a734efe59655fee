/**
 * Install and build examples/least-squares as an external site would (vitest globalSetup of the "example" project):
 * `npm install` in its folder (it depends on this project by `file:`), then its own `astro build`. The tests read the
 * output in EXAMPLE_DIST. Set MOMENTS_SKIP_BUILD=1 to test an existing build.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { cleanEnv } from "./build.ts";
import { EXAMPLE, EXAMPLE_DIST } from "./paths.ts";

export default function setup() {
  if (process.env.MOMENTS_SKIP_BUILD === "1" && existsSync(EXAMPLE_DIST)) return;
  const started = performance.now();
  const npm = path.join(path.dirname(process.execPath), "npm");
  const env = { ...cleanEnv(), COURSE_OUT_DIR: EXAMPLE_DIST };
  if (!existsSync(path.join(EXAMPLE, "node_modules", "moments")))
    execFileSync(existsSync(npm) ? npm : "npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
      cwd: EXAMPLE,
      stdio: ["ignore", "ignore", "inherit"],
      env,
    });
  execFileSync(process.execPath, [path.join(EXAMPLE, "node_modules/astro/bin/astro.mjs"), "build"], {
    cwd: EXAMPLE,
    stdio: ["ignore", "ignore", "inherit"],
    env,
  });
  console.log(`installed and built examples/least-squares in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
