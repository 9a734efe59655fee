/**
 * Dark mode and print: plots stay readable in both themes (text contrast measured), the theme switches without a
 * reload, and a lesson prints with its equations and outputs but without the notebook's controls.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/paths.ts";
import { newPage, startSite } from "./support.ts";

let site: Awaited<ReturnType<typeof startSite>>;
const SHOTS = path.join(ROOT, "test-results");

beforeAll(async () => {
  site = await startSite();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => site?.close());

/**
 * The lowest contrast ratio between a figure's text and what is behind it (the shape under the text — a heatmap's
 * cell — or else the output's background), over every figure on the page.
 */
async function lowestPlotTextContrast(page: Page): Promise<{ ratio: number; text: string }> {
  let lowest = { ratio: Infinity, text: "" };
  for (const figure of await page.locator(".out-figure svg").all()) {
    await figure.scrollIntoViewIfNeeded();
    const found = await figure.evaluate((svg) => {
      const luminance = (color: string) => {
        const [r, g, b] = color
          .match(/[\d.]+/g)!
          .slice(0, 3)
          .map(Number)
          .map((c) => {
            const s = c / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const opaque = (color: string) => color.startsWith("rgb") && !/rgba\(.*, 0\)$/.test(color);
      const pageBackground = (element: Element) => {
        for (let e: Element | null = element; e; e = e.parentElement) {
          const color = getComputedStyle(e).backgroundColor;
          if (opaque(color)) return color;
        }
        return "rgb(255, 255, 255)";
      };
      const behind = (text: Element) => {
        const box = text.getBoundingClientRect();
        const stack = document.elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        for (const element of stack.slice(stack.indexOf(text) + 1)) {
          if (!(element instanceof SVGGeometryElement) || element instanceof SVGTextContentElement) continue;
          const style = getComputedStyle(element);
          if (opaque(style.fill) && Number(style.fillOpacity) > 0.5 && Number(style.opacity) > 0.5) return style.fill;
        }
        return pageBackground(svg);
      };
      let worst = { ratio: Infinity, text: "" };
      for (const text of svg.querySelectorAll("text")) {
        const fill = getComputedStyle(text).fill;
        if (!opaque(fill) || !text.textContent?.trim() || text.getBoundingClientRect().width === 0) continue;
        const [a, b] = [luminance(fill), luminance(behind(text))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < worst.ratio) worst = { ratio, text: text.textContent };
      }
      return worst;
    });
    if (found.ratio < lowest.ratio) lowest = found;
  }
  return lowest;
}

describe("dark mode", () => {
  for (const theme of ["light", "dark"] as const) {
    it(`keeps plot text readable in the ${theme} theme (WCAG AA, 4.5:1)`, async () => {
      const { page, context } = await newPage(site.browser, {
        viewport: { width: 1280, height: 900 },
        colorScheme: theme,
      });
      await context.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
      for (const lesson of ["lessons/adam-in-one-page/", "lessons/bias-correction/", "lessons/adam-vs-sgd-adagrad/"]) {
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
    await page.goto(`${site.server.url}lessons/adam-in-one-page/`);
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
    await page.goto(`${site.server.url}lessons/adam-in-one-page/`);
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
    expect(await page.locator("#uncorrected [data-cell-output]").isVisible()).toBe(true);
    expect(await style(".out-figure", "break-inside")).toBe("avoid");
    expect(await style(".cell", "break-inside")).toBe("avoid");
    const pdf = await page.pdf({ format: "A4" });
    await import("node:fs/promises").then((fs) => fs.writeFile(path.join(SHOTS, "print.pdf"), pdf));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(1);
  });
});
