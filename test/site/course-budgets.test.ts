/**
 * Our course's lessons within the page weight budget (scripts/budgets.ts): each loads no more JavaScript up front
 * than the Starlight baseline + 8 KB, measured in Chromium. (The budget's rule and the plugin's pages are tested on
 * the platform's fixture site, test/platform/budgets.)
 */
import { describe, expect, it } from "vitest";
import { budgetViolations, builtPages, measurePages } from "../../scripts/budgets.ts";
import { launchBrowser } from "../support/browser.ts";
import { DIST } from "../support/paths.ts";

describe("our course's budgets", () => {
  it("hold for every page of the built course", async () => {
    const browser = await launchBrowser();
    try {
      const rows = await measurePages(browser, DIST, builtPages(DIST));
      expect(rows[0]!.page).toBe("404.html");
      expect(rows.filter((r) => r.page.startsWith("lessons/")).length).toBeGreaterThan(10);
      expect(rows.every((r) => r.js > 0 && r.css > 0)).toBe(true);
      expect(budgetViolations(rows)).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 300_000);
});
