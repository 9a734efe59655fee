/** Inputs declared by cells re-run the right cells; exercises check the learner's code. */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { newPage, outputText, runCell, setCellCode, statusText } from "../support/notebook-page.ts";
import { NOTEBOOK, startFixture } from "./fixture.ts";

let site: Awaited<ReturnType<typeof startFixture>>;
let page: Page;

beforeAll(async () => {
  site = await startFixture();
});
afterAll(() => site?.close());
beforeEach(async () => {
  ({ page } = await newPage(site.browser));
  await page.goto(site.server.url + NOTEBOOK);
});

const runs = (id: string) => page.locator(`#${id}`).getAttribute("data-runs");
const linePath = () => page.locator("#inputs-demo [data-cell-output] svg [aria-label=line] path").getAttribute("d");

describe("inputs", () => {
  it("moving a slider re-runs its cell and the cells below it that had run — and only those", async () => {
    await runCell(page, "time-limit-demo"); // runs the four cells above it too
    const before = {
      plot: await runs("show-plot"),
      inputs: await runs("inputs-demo"),
      below: await runs("time-limit-demo"),
    };
    const path = await linePath();

    const slider = page.getByRole("slider", { name: "β" });
    await slider.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
    await expect.poll(async () => Number(await runs("inputs-demo"))).toBeGreaterThan(Number(before.inputs));
    await expect.poll(async () => Number(await runs("time-limit-demo"))).toBeGreaterThan(Number(before.below));
    expect(await runs("show-plot")).toBe(before.plot); // above: untouched
    expect(await runs("exercise-demo")).toBeNull(); // below, but never ran: untouched
    await expect.poll(linePath).not.toBe(path);
    // The control survived the re-render: focus is still on it, and it shows the value the cell used.
    expect(
      await page.evaluate(
        () => document.activeElement?.closest("[data-widget]")?.querySelector(".widget-label")?.textContent,
      ),
    ).toBe("β");
    const shown = await page.locator("#inputs-demo .widget-value").innerText();
    expect(Number(shown)).toBeLessThan(0.9);
  });

  it("a select and a number field re-run the cell with their values", async () => {
    await runCell(page, "inputs-demo");
    await page.getByRole("combobox", { name: "y axis" }).selectOption("log");
    await expect
      .poll(() => page.locator("#inputs-demo svg [aria-label='y-axis tick label'] text").first().textContent())
      .toMatch(/^[\d.]+$/);
    const number = page.getByRole("spinbutton", { name: "steps" });
    await number.fill("5");
    await expect
      .poll(async () =>
        Number(await page.locator("#inputs-demo svg [aria-label='x-axis tick label'] text").last().textContent()),
      )
      .toBe(5);
  });

  it("inputs render at their defaults in the page as built", async () => {
    const slider = page.getByRole("slider", { name: "β" });
    expect(await slider.getAttribute("aria-valuetext")).toBe("0.9");
    expect(await page.locator("#inputs-demo .widget-value").innerText()).toBe("0.9");
    expect(await page.getByRole("spinbutton", { name: "steps" }).inputValue()).toBe("40");
    expect(await page.getByRole("combobox", { name: "y axis" }).inputValue()).toBe("0"); // the first option
  });
});

describe("inputs forget stale values", () => {
  const beta = () => page.locator("#inputs-demo .widget-value").innerText();
  const moveBeta = async () => {
    await runCell(page, "inputs-demo");
    const slider = page.getByRole("slider", { name: "β" });
    await slider.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
    await expect.poll(async () => Number(await beta())).toBeLessThan(0.9);
  };

  it("editing the cell's code clears the values the reader moved", async () => {
    await moveBeta();
    await setCellCode(
      page,
      "inputs-demo",
      'const steps = numberInput({ label: "steps", value: 40, min: 1, max: 500, step: 1 });\n' +
        'const beta = slider({ label: "β", min: 0.5, max: 0.999, value: 0.9 });\nbeta',
    );
    await page.keyboard.press("Control+Enter");
    await page.locator("#inputs-demo[data-state=ok]").waitFor();
    expect(await beta()).toBe("0.9");
    expect(await outputText(page, "inputs-demo")).toContain("0.9");
  });

  it("Reset clears them too", async () => {
    await moveBeta();
    await setCellCode(page, "inputs-demo", "1");
    await page.locator("#inputs-demo .cell-reset").click();
    await runCell(page, "inputs-demo");
    expect(await beta()).toBe("0.9");
  });
});

describe("exercises", () => {
  it("list which checks pass and fail, offer hints and the solution, and pass with the solution", async () => {
    await page.locator("#exercise-demo .cell-run").click();
    await page.locator("#exercise-demo[data-state=error]").waitFor();
    expect(await statusText(page, "exercise-demo")).toBe("2 of 3 checks passed.");
    const failed = page.locator("#exercise-demo .check-fail");
    expect(await failed.count()).toBe(1);
    expect(await failed.innerText()).toContain("a step from x = 1 with lr = 0.1 lands on 0.8");
    expect(await failed.locator(".check-message").innerText()).toBe("expected 1 to be close to 0.8 (within 5e-13)");

    await page.locator("#exercise-demo .exercise-hint summary").click();
    expect(await page.locator("#exercise-demo .exercise-hint p").innerText()).toBe(
      "Subtract the learning rate times the gradient: x − lr · 2x.",
    );

    await setCellCode(
      page,
      "exercise-demo",
      "function gradientStep(x: number, lr: number) {\n  return x - lr * 2 * x;\n}",
    );
    await page.keyboard.press("Control+Enter");
    await page.locator("#exercise-demo[data-state=ok]").waitFor();
    expect(await statusText(page, "exercise-demo")).toBe("All 3 checks passed.");

    // Show solution (the reader has tried, so no confirmation) puts the reference solution in the editor.
    await page
      .locator("#exercise-demo")
      .getByRole("button", { name: /^Show solution/ })
      .click();
    await expect.poll(() => page.locator("#exercise-demo .cm-content").innerText()).toContain("return x - lr * 2 * x;");
    expect((await outputText(page, "exercise-demo")).startsWith("All 3 checks passed.")).toBe(true);
  });
});
