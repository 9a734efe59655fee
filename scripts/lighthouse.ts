/**
 * Lighthouse over every lesson: `npm run lighthouse` (after `npm run build`) prints each page's scores —
 * performance, accessibility, best practices, SEO — on Lighthouse's default mobile profile (simulated slow 4G and a
 * 4× slower CPU), or with `-- --desktop` on its desktop profile. A report, not a gate: the scores move with the
 * machine. Goals: performance ≥ 98, the other three 100.
 */
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig } from "lighthouse";
import { CHROMIUM_PATH } from "../test/support/browser.ts";
import { DIST } from "../test/support/paths.ts";
import { serveStatic } from "../test/support/static-server.ts";
import { builtPages } from "./budgets.ts";

const desktop = process.argv.includes("--desktop");
const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

const server = await serveStatic(DIST);
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
  ],
});
try {
  const pages = builtPages(DIST).filter((page) => page.startsWith("lessons/") && (!only || page.includes(only)));
  console.log(`Lighthouse ${desktop ? "desktop" : "mobile (default)"} profile, ${pages.length} lessons\n`);
  console.log("page                                   perf  a11y  best   seo   LCP     TBT    CLS");
  const low: string[] = [];
  for (const page of pages) {
    const result = await lighthouse(
      server.url + page,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] },
      desktop ? desktopConfig : undefined,
    );
    const lhr = result!.lhr;
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const audit = (id: string) => lhr.audits[id]?.displayValue ?? "";
    const scores = CATEGORIES.map(score);
    console.log(
      `${page.padEnd(38)} ${scores.map((s) => String(s).padStart(4)).join("  ")}   ${audit("largest-contentful-paint").padEnd(7)} ${audit("total-blocking-time").padEnd(6)} ${audit("cumulative-layout-shift")}`,
    );
    for (const [i, id] of CATEGORIES.entries()) {
      if (scores[i]! >= (id === "performance" ? 98 : 100)) continue;
      const failing = Object.values(lhr.audits)
        .filter(
          (a) =>
            a.score !== null &&
            a.score < 0.9 &&
            (lhr.categories[id]?.auditRefs ?? []).some((ref) => ref.id === a.id && ref.weight > 0),
        )
        .map((a) => `${a.id} (${a.displayValue ?? a.score})`);
      low.push(`${page} ${id} ${scores[i]}: ${failing.join(", ")}`);
    }
  }
  if (low.length) console.log(`\nBelow the goals:\n${low.join("\n")}`);
} finally {
  chrome.kill();
  await server.close();
}
