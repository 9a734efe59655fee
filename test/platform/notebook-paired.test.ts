/**
 * Equations beside code in Chromium: highlighting by hover and keyboard, values after a run, layout. On the paired
 * block of the fixture's notebook page (test/e2e/paired.test.ts checks the one on our Adam lesson).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, setCellCode } from "../support/notebook-page.ts";
import { NOTEBOOK, startFixture } from "./fixture.ts";

let site: Awaited<ReturnType<typeof startFixture>>;

beforeAll(async () => {
  site = await startFixture();
});
afterAll(() => site?.close());

const PAIRED = "#paired-demo-paired";
const background = (page: Page, selector: string) =>
  page
    .locator(`${PAIRED} ${selector}`)
    .first()
    .evaluate((element) => getComputedStyle(element).backgroundColor);
const TRANSPARENT = "rgba(0, 0, 0, 0)";
const values = (page: Page) =>
  page
    .locator(`${PAIRED} .pair-value`)
    .evaluateAll((spans) => Object.fromEntries(spans.map((s) => [s.getAttribute("data-pair-value"), s.textContent])));

async function open(width = 1400) {
  const { page } = await newPage(site.browser, { viewport: { width, height: 900 } });
  await page.goto(site.server.url + NOTEBOOK);
  await page.locator(PAIRED).scrollIntoViewIfNeeded();
  return page;
}

describe("equations beside code", () => {
  it("hovering an equation row highlights its code lines, and only those; hovering a code line, its row", async () => {
    const page = await open();
    expect(await background(page, '[data-pair-line="m"]')).toBe(TRANSPARENT);
    await page.locator(`${PAIRED} [data-pair-eq="m"]`).hover();
    expect(await background(page, '[data-pair-line="m"]')).not.toBe(TRANSPARENT);
    expect(await background(page, '[data-pair-line="v"]')).toBe(TRANSPARENT);

    await page.locator(`${PAIRED} [data-pair-line="vHat"]`).hover();
    expect(await background(page, '[data-pair-eq="vHat"]')).not.toBe(TRANSPARENT);
    expect(await background(page, '[data-pair-eq="m"]')).toBe(TRANSPARENT);
  });

  it("keyboard focus on a row does the same, and the row is described by the code that computes it", async () => {
    const page = await open();
    const row = page.locator(`${PAIRED} [data-pair-eq="mHat"]`);
    await row.focus();
    expect(await background(page, '[data-pair-line="mHat"]')).not.toBe(TRANSPARENT);
    const description = await row.evaluate(
      (element) => document.getElementById(element.getAttribute("aria-describedby")!)!.textContent,
    );
    expect(description).toBe("Computed by the code on line 7: const mHat = m / (1 - beta1 ** t);");
    // Rows are reachable with Tab, one after another.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.pairEq)).toBe("vHat");
  });

  it("shows each line's value at the last step: from the build, then from every run", async () => {
    const page = await open();
    expect(await values(page)).toEqual({
      g: "= 0.3072",
      m: "= 0.6301",
      v: "= 0.01558",
      mHat: "= 0.9674",
      vHat: "= 1.565",
      theta: "= 0.07625",
    });
    const code = await page.locator("#paired-demo .cell-code pre").textContent();
    await setCellCode(page, "paired-demo", code!.replace("t <= 10", "t <= 1"));
    await page.keyboard.press("Control+Enter");
    await page.locator("#paired-demo[data-state=ok]").waitFor();
    // One step from θ = 1: g = 2, m = 0.2, v = 0.004, m̂ = 2, v̂ = 4, θ = 1 − 0.1·2/(2 + 1e-8) = 0.9.
    expect(await values(page)).toEqual({
      g: "= 2",
      m: "= 0.2",
      v: "= 0.004",
      mHat: "= 2",
      vHat: "= 4",
      theta: "= 0.9",
    });
  });

  it("keeps each row beside its first code line, also while the reader edits", async () => {
    const page = await open();
    const aligned = () =>
      page.evaluate((selector) => {
        const container = document.querySelector(selector)!;
        return [...container.querySelectorAll<HTMLElement>("[data-pair-eq]")].map((row) => {
          const line = container.querySelector<HTMLElement>(`[data-pair-line="${row.dataset.pairEq}"]`)!;
          const a = row.getBoundingClientRect();
          const b = line.getBoundingClientRect();
          return Math.abs(a.top + a.height / 2 - (b.top + b.height / 2));
        });
      }, PAIRED);
    expect(Math.max(...(await aligned()))).toBeLessThan(2);
    const code = await page.locator("#paired-demo .cell-code pre").textContent();
    await setCellCode(
      page,
      "paired-demo",
      code!.replace("let theta = 1, m = 0, v = 0;", "let theta = 1;\nlet m = 0;\nlet v = 0;"),
    );
    await expect.poll(async () => Math.max(...(await aligned()))).toBeLessThan(2);
  });

  it("stacks on a narrow screen, with each row's label chip matching the code's //: comments", async () => {
    const page = await open(420);
    const eq = await page.locator(`${PAIRED} .paired-equations`).boundingBox();
    const cell = await page.locator("#paired-demo").boundingBox();
    expect(eq!.y + eq!.height).toBeLessThanOrEqual(cell!.y + 1);
    expect(await page.locator(`${PAIRED} .pair-chip`).allInnerTexts()).toEqual([
      "g",
      "m",
      "v",
      "mHat",
      "vHat",
      "theta",
    ]);
  });
});
