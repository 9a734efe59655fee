/**
 * Accessibility: axe-core (WCAG 2.0–2.2, A and AA) on every page of the fixture site in both themes, cells, inputs,
 * exercises, equations beside code and plots included — and once more after the reader has opened editors and run
 * cells. (test/e2e/course-a11y.test.ts does the same for every page of our course.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtPages } from "../../scripts/budgets.ts";
import { axeViolations } from "../support/axe.ts";
import { newPage, runCell, setCellCode } from "../support/notebook-page.ts";
import { NOTEBOOK, PLATFORM_DIST as DIST, startFixture } from "./fixture.ts";

let site: Awaited<ReturnType<typeof startFixture>>;
beforeAll(async () => {
  site = await startFixture();
});
afterAll(() => site?.close());

describe("axe, WCAG 2.2 AA", () => {
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

  it("has no violations once the reader edits and runs cells (editors, inputs, live outputs, exercises)", async () => {
    const { page } = await newPage(site.browser, { viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await page.goto(site.server.url + NOTEBOOK);
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
