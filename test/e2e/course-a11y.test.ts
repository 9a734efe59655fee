/**
 * Our course's pages are accessible: axe-core (WCAG 2.0–2.2, A and AA) on every page of the built course in both
 * themes, its lessons' cells, plots and equations included — and once more on the cell library page after the reader
 * has opened editors and run cells. (The platform's own check, on its fixture site, is test/platform/site-a11y.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtPages } from "../../scripts/budgets.ts";
import { axeViolations } from "../support/axe.ts";
import { DIST } from "../support/paths.ts";
import { newPage, runCell, setCellCode, startSite } from "./support.ts";

let site: Awaited<ReturnType<typeof startSite>>;
beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site?.close());

describe("our course, axe WCAG 2.2 AA", () => {
  const pages = builtPages(DIST);
  for (const theme of ["light", "dark"] as const) {
    it.each(pages)(`%s has no violations (${theme} theme)`, async (path) => {
      // bypassCSP: axe is injected as an inline script, which the page's own policy (rightly) refuses.
      const { page, context } = await newPage(site.browser, {
        viewport: { width: 1280, height: 900 },
        colorScheme: theme,
        bypassCSP: true,
      });
      await context.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
      await page.goto(site.server.url + path);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it("the cell library page has no violations once the reader edits and runs its cells", async () => {
    const { page } = await newPage(site.browser, { viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await page.goto(site.server.url + "reference/cell-library/");
    await runCell(page, "time-limit-demo"); // runs every cell above it too
    await setCellCode(page, "exercise-demo", "function gradientStep(x: number, lr: number) { return x; }");
    await page.keyboard.press("Control+Enter");
    await page.locator("#exercise-demo[data-state=error]").waitFor();
    await page
      .locator("#exercise-demo")
      .getByRole("button", { name: /^Show solution/ })
      .click();
    await page.locator("#exercise-demo .cm-content").waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
