/**
 * Our course's plots stay readable in both themes: the lowest contrast between a figure's text and what is behind it,
 * measured in Chromium on the lessons with the most varied charts (paths, losses, heatmaps). The platform's own
 * theme and print tests, on its fixture site, are test/platform/site-theme.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lowestPlotTextContrast } from "../support/contrast.ts";
import { newPage, startSite } from "./support.ts";

let site: Awaited<ReturnType<typeof startSite>>;
beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site?.close());

describe("our course's plots in both themes", () => {
  for (const theme of ["light", "dark"] as const) {
    it(`keep their text readable in the ${theme} theme (WCAG AA, 4.5:1)`, async () => {
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
      await context.close();
    });
  }
});
