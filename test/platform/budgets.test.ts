/**
 * Page weight budgets (scripts/budgets.ts): every lesson within the Starlight baseline + 8 KB of JS up front, on the
 * fixture site (test/site/course-budgets.test.ts holds our course's lessons to the same budget).
 */
import { describe, expect, it } from "vitest";
import {
  budgetViolations,
  builtPages,
  LESSON_JS_ALLOWANCE,
  measurePages,
  type PageBudget,
} from "../../scripts/budgets.ts";
import { launchBrowser } from "../support/browser.ts";
import { LONG, MATH, NOTEBOOK, PLATFORM_DIST as DIST, PROSE, SEARCH } from "./fixture.ts";

const row = (page: string, js: number): PageBudget => ({ page, js, css: 0, fonts: 0, requests: 0 });

describe("budgets", () => {
  it("fail a lesson that loads more JavaScript up front than the baseline + 8 KB, and only lessons", () => {
    const baseline = row("404.html", 30_000);
    expect(budgetViolations([baseline, row("lessons/adam/", 30_000 + LESSON_JS_ALLOWANCE)])).toEqual([]);
    expect(budgetViolations([baseline, row("lessons/adam/", 30_001 + LESSON_JS_ALLOWANCE)])).toEqual([
      "lessons/adam/ loads 37.3 KB of JavaScript before interaction: more than the Starlight baseline 29.3 KB + 8.0 KB",
    ]);
    expect(budgetViolations([baseline, row("reference/cell-library/", 90_000)])).toEqual([]);
  });

  it("hold for every page of the fixture site, measured in Chromium", async () => {
    const browser = await launchBrowser();
    try {
      const rows = await measurePages(browser, DIST, builtPages(DIST));
      expect(rows[0]!.page).toBe("404.html");
      expect(rows.filter((r) => r.page.startsWith("lessons/")).map((r) => r.page)).toEqual([
        LONG,
        MATH,
        NOTEBOOK,
        PROSE,
        SEARCH,
      ]);
      expect(rows.every((r) => r.js > 0 && r.css > 0)).toBe(true);
      expect(budgetViolations(rows)).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 300_000);
});
