/** Equations beside code on our Adam lesson, in Chromium: Algorithm 1 highlights by hover and keyboard, and re-runs. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, setCellCode, startSite } from "./support.ts";

let site: Awaited<ReturnType<typeof startSite>>;

beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site?.close());

const TRANSPARENT = "rgba(0, 0, 0, 0)";

describe("Algorithm 1 on the Adam lesson", () => {
  it("highlights each line's code by hover and by keyboard, and shows new values after a run", async () => {
    const { page } = await newPage(site.browser, { viewport: { width: 1400, height: 900 } });
    await page.goto(`${site.server.url}lessons/adam/`);
    const block = "#algorithm-by-hand-paired";
    const lineBackground = (label: string) =>
      page
        .locator(`${block} [data-pair-line="${label}"]`)
        .evaluate((element) => getComputedStyle(element).backgroundColor);
    await page.locator(`${block} [data-pair-eq="mHat"]`).hover();
    expect(await lineBackground("mHat")).not.toBe(TRANSPARENT);
    expect(await lineBackground("vHat")).toBe(TRANSPARENT);
    await page.mouse.move(0, 0);
    await page.locator(`${block} [data-pair-eq="theta"]`).focus();
    expect(await lineBackground("theta")).not.toBe(TRANSPARENT);

    const code = await page.locator("#algorithm-by-hand .cell-code pre").textContent();
    await setCellCode(page, "algorithm-by-hand", code!.replace("algorithm1(1, 10)", "algorithm1(1, 3)"));
    await page.keyboard.press("Control+Enter");
    await page.locator("#algorithm-by-hand[data-state=ok]").waitFor();
    await expect.poll(() => page.locator(`${block} [data-pair-value="t"]`).textContent()).toBe("= 3");
  });
});
