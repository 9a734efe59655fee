/** The lesson in real Chromium: cells run in the browser's kernel, errors point at lines, the page stays live. */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { DIST } from "../support/paths.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";
import { cellCode, outputText, setCellCode, waitForState } from "./support.ts";

let server: StaticServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const lesson = () => `${server.url}lessons/adam-in-one-page/`;

beforeAll(async () => {
  server = await serveStatic(DIST);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
});

describe("a lesson page in Chromium", () => {
  it("fetches no notebook code until the reader touches a cell, then runs the cell in a worker", async () => {
    await page.goto(lesson());
    await page.waitForLoadState("networkidle");
    const beforeInteraction = [...server.requests];
    expect(beforeInteraction.some((p) => /notebook|worker/.test(p))).toBe(false);

    await page.locator("#uncorrected .cell-run").click();
    await waitForState(page, "uncorrected", "ok");
    expect(server.requests.some((p) => /\/_astro\/browser-worker[-.]/.test(p))).toBe(true);
    // Running cell 2 first ran cell 1 (its definitions), then cell 2: the seed's table again.
    await waitForState(page, "setup", "ok");
    expect(await outputText(page, "uncorrected")).toContain("Epoch 150, current state: [ 0.00094425 -0.00038352]");
    expect(pageErrors).toEqual([]);
  });

  it("re-runs an edited cell with a new learning rate and shows the new output", async () => {
    await page.goto(lesson());
    const original = await cellCode(page, "setup");
    expect(original).toContain("[0.02, 0.9, 0.9999, 1e-8]");
    await setCellCode(page, "setup", original.replace("[0.02, 0.9, 0.9999, 1e-8]", "[0.1, 0.9, 0.9999, 1e-8]"));
    await page.locator("#uncorrected .cell-run").click();
    await waitForState(page, "uncorrected", "ok");
    const first = (await outputText(page, "uncorrected")).split("\n")[0];
    // lr 0.1: the first uncorrected step is 0.1·0.1·6/(√(0.0001·36) + 1e-8) ≈ 1.0, so x goes from 3 to ≈ 2.
    expect(first).toBe("Epoch 0, current state: [2.00000017 3.00000012]");
  });

  it("shows a syntax error inside the cell with its line, and the page keeps working", async () => {
    await page.goto(lesson());
    await setCellCode(page, "first-step", "const ok = 1;\nconst broken = (;\nok");
    await page.keyboard.press("Control+Enter");
    await waitForState(page, "first-step", "error");
    const output = await outputText(page, "first-step");
    expect(output).toBe("SyntaxError: Unexpected token (line 2, column 17)");
    expect(await page.locator("#first-step .cell-status").innerText()).toBe("Error at line 2: Unexpected token");
    // Fix it and run again.
    await setCellCode(page, "first-step", "const ok = 1;\nok * 2");
    await page.keyboard.press("Control+Enter");
    await waitForState(page, "first-step", "ok");
    expect(await outputText(page, "first-step")).toBe("2");
  });

  it("shows a runtime error with the cell-relative line", async () => {
    await page.goto(lesson());
    await setCellCode(page, "first-step", "const a = 1;\n\nundefinedFunction(a);");
    await page.keyboard.press("Control+Enter");
    await waitForState(page, "first-step", "error");
    expect(await outputText(page, "first-step")).toBe(
      "ReferenceError: undefinedFunction is not defined (line 3, column 1)",
    );
  });

  it("keeps the page responsive while a cell computes for seconds", async () => {
    await page.goto(lesson());
    await setCellCode(page, "first-step", "const start = Date.now();\nwhile (Date.now() - start < 3000) {}\n'done'");
    await page.keyboard.press("Control+Enter");
    await waitForState(page, "first-step", "running");
    // While the worker spins, the main thread still answers and animates.
    const frames = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let count = 0;
          const started = performance.now();
          const tick = () =>
            performance.now() - started < 500 ? (count++, requestAnimationFrame(tick)) : resolve(count);
          requestAnimationFrame(tick);
        }),
    );
    expect(frames).toBeGreaterThan(10);
    expect(await page.locator("#first-step").getAttribute("data-state")).toBe("running");
    await waitForState(page, "first-step", "ok");
    expect(await outputText(page, "first-step")).toBe('"done"');
  });

  it("reads completely with JavaScript disabled: code, equations, outputs and the plot are in the page", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(lesson());
    expect(await noJs.locator(".katex").count()).toBeGreaterThan(10);
    const chart = noJs.locator('#paths [data-cell-output] svg[aria-label^="Adam\'s paths"]');
    expect(await chart.count()).toBe(1);
    expect((await chart.boundingBox())!.width).toBeGreaterThan(300);
    expect(await noJs.locator("#uncorrected [data-cell-output]").innerText()).toContain(
      "Epoch 0, current state: [2.80000003 3.80000002]",
    );
    expect(await noJs.locator("#setup .cell-code").innerText()).toContain("function run(biasCorrection: boolean)");
    await context.close();
  });
});
