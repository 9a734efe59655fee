/**
 * Our course on a phone: at 390 px no page is wider than the screen. Long equations, tables and code scroll inside
 * their own boxes (a paired cell's stacked equations included); the page itself never scrolls sideways.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIST } from "../support/paths.ts";
import { newPage, startSite } from "./support.ts";

let site: Awaited<ReturnType<typeof startSite>>;
beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site?.close());

const pages = ["lessons", "reference"].flatMap((folder) =>
  readdirSync(path.join(DIST, folder)).map((slug) => `${folder}/${slug}/`),
);

describe("our course at 390 px", () => {
  it("has no page wider than the screen", async () => {
    expect(pages.length).toBeGreaterThan(20);
    const { page, context } = await newPage(site.browser, { viewport: { width: 390, height: 844 } });
    const wide: string[] = [];
    for (const route of pages) {
      await page.goto(site.server.url + route);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) wide.push(`${route} is ${width} px wide`);
    }
    expect(wide).toEqual([]);
    await context.close();
  });
});
