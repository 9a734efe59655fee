/**
 * A page with cells in Chromium, before and after the reader touches it: no notebook code is fetched until a cell is
 * run, then the kernel starts in a worker and runs the cells above first; with JavaScript off, the page still reads
 * completely (code, equations, the build's outputs and charts). On the fixture's equations page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, outputText, waitForState } from "../support/notebook-page.ts";
import { MATH, startFixture } from "./fixture.ts";

let site: Awaited<ReturnType<typeof startFixture>>;
beforeAll(async () => {
  site = await startFixture();
});
afterAll(() => site?.close());

describe("a page with cells", () => {
  it("fetches no notebook code until the reader runs a cell, then runs it in a worker after the cells above", async () => {
    const { page, errors } = await newPage(site.browser);
    const before = site.server.requests.length;
    await page.goto(site.server.url + MATH);
    await page.waitForLoadState("networkidle");
    const untouched = site.server.requests.slice(before);
    expect(untouched.filter((p) => /worker|plot-runtime|kernel/.test(p))).toEqual([]);

    await page.locator("#summary .cell-run").click();
    await waitForState(page, "summary", "ok");
    await waitForState(page, "setup", "ok"); // it defines what summary prints
    expect(site.server.requests.slice(before).some((p) => /\/_astro\/browser-worker-[\w-]+\.js$/.test(p))).toBe(true);
    expect(await outputText(page, "summary")).toMatch(/^first corrected: \d\.\d{4}, first raw: 0\.\d{4}$/);
    expect(errors).toEqual([]);
  });

  it("warms the kernel when the pointer comes over a Run button, before the click, and not for a pointer elsewhere", async () => {
    const { page, errors } = await newPage(site.browser);
    const before = site.server.requests.length;
    await page.goto(site.server.url + MATH);
    await page.waitForLoadState("networkidle");
    await page.locator("main h1").hover(); // prose is not intent
    await page.waitForTimeout(300);
    expect(site.server.requests.slice(before).filter((p) => /worker|kernel|notebook/.test(p))).toEqual([]);

    await page.locator("#summary .cell-run").hover();
    // The kernel's worker is fetched while the pointer rests, with no click yet; no cell ran.
    await expect
      .poll(() => site.server.requests.slice(before).some((p) => /\/_astro\/browser-worker-[\w-]+\.js$/.test(p)))
      .toBe(true);
    expect(await page.locator("#summary").getAttribute("data-runs")).toBeNull();
    await page.locator("#summary .cell-run").click();
    await waitForState(page, "summary", "ok");
    expect(errors).toEqual([]);
  });

  it("reads completely with JavaScript disabled: code, equations, outputs and charts are in the page", async () => {
    const { page, context } = await newPage(site.browser, { javaScriptEnabled: false });
    await page.goto(site.server.url + MATH);
    expect(await page.locator(".katex").count()).toBeGreaterThan(10);
    const chart = page.locator('#grid [data-cell-output] svg[aria-label="1 − βᵗ for three β and four t"]');
    expect(await chart.count()).toBe(1);
    expect((await chart.boundingBox())!.width).toBeGreaterThan(300);
    expect(await page.locator("#summary [data-cell-output]").innerText()).toMatch(/^first corrected: /);
    expect(await page.locator("#setup .cell-code").innerText()).toContain("const avg = runningAverage(0.9);");
    await context.close();
  });
});
