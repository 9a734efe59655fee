/**
 * Dark mode and print: plots stay readable in both themes (text contrast measured), the theme switches without a
 * reload, and a lesson prints with its equations and outputs but without the notebook's controls. On the fixture's
 * pages (test/e2e/course-theme.test.ts measures our course's plots).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/paths.ts";
import { lowestPlotTextContrast } from "../support/contrast.ts";
import { newPage } from "../support/notebook-page.ts";
import { MATH, NOTEBOOK, startFixture } from "./fixture.ts";

let site: Awaited<ReturnType<typeof startFixture>>;
const SHOTS = path.join(ROOT, "test-results");

beforeAll(async () => {
  site = await startFixture();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => site?.close());

describe("dark mode", () => {
  for (const theme of ["light", "dark"] as const) {
    it(`keeps plot text readable in the ${theme} theme (WCAG AA, 4.5:1)`, async () => {
      const { page, context } = await newPage(site.browser, {
        viewport: { width: 1280, height: 900 },
        colorScheme: theme,
      });
      await context.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
      for (const lesson of [MATH, NOTEBOOK]) {
        await page.goto(site.server.url + lesson);
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        const { ratio, text } = await lowestPlotTextContrast(page);
        expect(ratio, `${lesson}: "${text}"`).toBeGreaterThanOrEqual(4.5);
      }
      await page.locator(".out-figure").first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `theme-${theme}.png`) });
    });
  }

  it("switches theme without a reload, and the plots follow", async () => {
    const { page } = await newPage(site.browser, { viewport: { width: 1280, height: 900 }, colorScheme: "light" });
    await page.goto(site.server.url + MATH);
    await page.evaluate(() => ((window as { marker?: number }).marker = 42));
    const textColor = () =>
      page
        .locator(".out-figure svg text")
        .first()
        .evaluate((text) => getComputedStyle(text).fill);
    const before = await textColor();
    await page.locator("starlight-theme-select select").first().selectOption("dark");
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    expect(await textColor()).not.toBe(before);
    expect(await page.evaluate(() => (window as { marker?: number }).marker)).toBe(42); // same page, no reload
    expect((await lowestPlotTextContrast(page)).ratio).toBeGreaterThanOrEqual(4.5);
  });
});

describe("print", () => {
  it("prints equations and outputs without the notebook's controls, figures kept whole", async () => {
    const { page } = await newPage(site.browser);
    await page.goto(site.server.url + MATH);
    await page.emulateMedia({ media: "print" });
    const style = (selector: string, property: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((element, p) => getComputedStyle(element).getPropertyValue(p), property);
    expect(await style(".cell-bar", "display")).toBe("none");
    expect(await style(".notebook-bar", "display")).toBe("none");
    expect(await page.locator(".katex").first().isVisible()).toBe(true);
    expect(await page.locator(".out-figure svg").first().isVisible()).toBe(true);
    expect(await page.locator("#summary [data-cell-output]").isVisible()).toBe(true);
    expect(await style(".out-figure", "break-inside")).toBe("avoid");
    expect(await style(".cell", "break-inside")).toBe("avoid");
    const pdf = await page.pdf({ format: "A4" });
    await import("node:fs/promises").then((fs) => fs.writeFile(path.join(SHOTS, "print.pdf"), pdf));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(1);
  });
});
