import { execFileSync } from "node:child_process";
import path from "node:path";
import { PLATFORM, ROOT } from "./paths.ts";

/**
 * Build the site from a test. Vitest puts Vite's own variables (BASE_URL, MODE, NODE_ENV=test, …) into the
 * environment; a build that inherited them would take BASE_URL for its base path, so they are left out.
 */
export function cleanEnv(): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*|TEST)$/.test(key)),
  );
}

export function buildSite(env: Record<string, string> = {}): void {
  const clean = cleanEnv();
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/astro/bin/astro.mjs"), "build"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...clean, ...env },
  });
}

/** Build the platform's fixture site (test/fixtures/platform) into PLATFORM_OUT_DIR, or wherever `env` says. */
export function buildPlatform(env: Record<string, string> = {}): void {
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/astro/bin/astro.mjs"), "build"], {
    cwd: PLATFORM,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...cleanEnv(), ...env },
  });
}
