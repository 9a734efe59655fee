/**
 * Page weight budgets: `npm run budgets` builds the site, opens every page in Chromium without touching it, and
 * prints what each loads before the reader interacts — JavaScript, CSS and fonts, gzipped — against the Starlight
 * baseline (the 404 page: Starlight's chrome, no cells). It fails when a lesson page loads more JavaScript up front
 * than the baseline + 8 KB.
 *
 *   npm run budgets              build, then measure
 *   npm run budgets -- --no-build   measure the existing build (dist/, or MOMENTS_OUT_DIR)
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../test/support/browser.ts";
import { DIST, ROOT } from "../test/support/paths.ts";
import { serveStatic } from "../test/support/static-server.ts";

/** JavaScript a lesson may load before interaction beyond the Starlight baseline, gzipped. */
export const LESSON_JS_ALLOWANCE = 8 * 1024;

export interface PageBudget {
  page: string;
  js: number;
  css: number;
  fonts: number;
  requests: number;
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Every page of the built site, as paths under the base ("lessons/adam/"), the 404 page first. */
export function builtPages(dist: string): string[] {
  const pages = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === "index.html")
    .map((entry) => path.relative(dist, entry.parentPath).split(path.sep).join("/"))
    .map((dir) => (dir ? `${dir}/` : ""))
    .sort();
  return ["404.html", ...pages];
}

/** Load each page, wait until the network is idle, and add up what it fetched (sizes of the built files, gzipped). */
export async function measurePages(browser: Browser, dist: string, pages: readonly string[]): Promise<PageBudget[]> {
  const server = await serveStatic(dist);
  try {
    const rows: PageBudget[] = [];
    for (const page of pages) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      const fetched: { url: string; type: string }[] = [];
      tab.on("request", (request) => fetched.push({ url: request.url(), type: request.resourceType() }));
      await tab.goto(server.url + page, { waitUntil: "networkidle" });
      await tab.waitForTimeout(300); // Starlight loads some scripts on idle
      await context.close();
      const row: PageBudget = { page: page || "(home)", js: 0, css: 0, fonts: 0, requests: fetched.length };
      for (const { url, type } of fetched) {
        const file = path.join(dist, decodeURIComponent(new URL(url).pathname).replace(/^\//, ""));
        const size = (() => {
          try {
            return gz(file);
          } catch {
            return 0; // the page itself (a directory URL) or a 404
          }
        })();
        if (type === "script") row.js += size;
        else if (type === "stylesheet") row.css += size;
        else if (type === "font") row.fonts += size;
      }
      rows.push(row);
    }
    return rows;
  } finally {
    await server.close();
  }
}

/** Lessons whose up-front JavaScript exceeds the baseline (the first row) plus the allowance. */
export function budgetViolations(rows: readonly PageBudget[]): string[] {
  const baseline = rows[0]!.js;
  return rows
    .filter((row) => row.page.startsWith("lessons/") && row.js > baseline + LESSON_JS_ALLOWANCE)
    .map(
      (row) =>
        `${row.page} loads ${kb(row.js)} of JavaScript before interaction: more than the Starlight baseline ${kb(baseline)} + ${kb(LESSON_JS_ALLOWANCE)}`,
    );
}

export function budgetTable(rows: readonly PageBudget[]): string {
  const baseline = rows[0]!.js;
  const lines = [
    "page                                        JS (gz)   vs baseline   CSS (gz)   fonts (gz)",
    ...rows.map(
      (row) =>
        `${row.page.padEnd(42)} ${kb(row.js).padStart(8)}   ${signedKb(row.js - baseline).padStart(11)}   ${kb(row.css).padStart(8)}   ${kb(row.fonts).padStart(10)}`,
    ),
  ];
  return lines.join("\n");
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const signedKb = (bytes: number) => `${bytes >= 0 ? "+" : "−"}${(Math.abs(bytes) / 1024).toFixed(1)} KB`;

if (import.meta.main) {
  if (!process.argv.includes("--no-build"))
    execFileSync(process.execPath, [path.join(ROOT, "node_modules/astro/bin/astro.mjs"), "build"], {
      cwd: ROOT,
      stdio: "inherit",
    });
  const browser = await launchBrowser();
  try {
    const rows = await measurePages(browser, DIST, builtPages(DIST));
    console.log(
      `\nWhat each page loads before the reader interacts (baseline: ${rows[0]!.page}, Starlight without cells)\n`,
    );
    console.log(budgetTable(rows));
    const violations = budgetViolations(rows);
    console.log(
      violations.length
        ? `\n${violations.join("\n")}`
        : `\nEvery lesson is within the baseline + ${kb(LESSON_JS_ALLOWANCE)}.`,
    );
    process.exitCode = violations.length ? 1 : 0;
  } finally {
    await browser.close();
  }
}
