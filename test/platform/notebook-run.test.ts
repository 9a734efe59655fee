/**
 * Running cells in Chromium: Stop, time limits, runaway cells of every kind, errors with lines, execution counts,
 * stale outputs, Run all, Restart and the keyboard. On the fixture's notebook page (test/fixtures/platform).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  afterRun,
  countText,
  framesIn,
  newPage,
  outputText,
  runCell,
  setCellCode,
  statusText,
  waitForState,
} from "../support/notebook-page.ts";
import { NOTEBOOK, startFixture } from "./fixture.ts";

let site: Awaited<ReturnType<typeof startFixture>>;
let page: Page;
let errors: string[];

beforeAll(async () => {
  site = await startFixture();
});
afterAll(() => site?.close());
beforeEach(async () => {
  ({ page, errors } = await newPage(site.browser));
  await page.goto(site.server.url + NOTEBOOK);
});

describe("runaway cells", () => {
  it("Stop ends an infinite loop at once; the page never froze; the kernel is fresh afterwards", async () => {
    await setCellCode(page, "show-values", "let n = 0;\nwhile (true) n++;");
    await page.keyboard.press("Control+Enter");
    await waitForState(page, "show-values", "running");
    expect(await framesIn(page)).toBeGreaterThan(10);
    const stop = page.getByRole("button", { name: "Stop cell 1" });
    await stop.click();
    await waitForState(page, "show-values", "stopped");
    expect(await outputText(page, "show-values")).toBe("Stopped; the kernel was restarted — re-run the cells above.");
    expect(await stop.isHidden()).toBe(true);
    // The stopped cell is not run again by itself: running the cell below says why instead.
    await page.locator("#show-table .cell-run").click();
    await expect
      .poll(() => statusText(page, "show-table"))
      .toBe("Not run: cell 1 above was stopped. Change it, or run it again with its own Run button.");
    // Fixed, it runs in the fresh kernel.
    await setCellCode(page, "show-values", "const fixed = 1;\nfixed");
    await runCell(page, "show-table");
    expect(await outputText(page, "show-values")).toBe("1");
    expect(errors).toEqual([]);
  });

  it("the time limit stops a cell, restarts the kernel and says so plainly", async () => {
    await setCellCode(page, "time-limit-demo", "while (true) {}");
    const started = Date.now();
    await page.locator("#time-limit-demo .cell-run").click();
    await waitForState(page, "time-limit-demo", "stopped", 15_000);
    expect(Date.now() - started).toBeLessThan(8000); // its limit is 2 s (plus running the cells above)
    expect(await outputText(page, "time-limit-demo")).toBe(
      "Stopped after 2 s; the kernel was restarted — re-run the cells above.",
    );
    // Everything that ran in the old kernel is now marked out of date.
    expect(await page.locator("#show-values").getAttribute("data-stale")).toBe("true");
  });

  it("a promise that never resolves is stopped by the time limit", async () => {
    await setCellCode(page, "time-limit-demo", "await new Promise(() => {});");
    await page.locator("#time-limit-demo .cell-run").click();
    await waitForState(page, "time-limit-demo", "stopped", 15_000);
  });

  it("infinite recursion, huge allocations and NaN are errors or values, not crashes", async () => {
    await setCellCode(page, "show-values", "function down(n: number): number {\n  return down(n + 1) + 1;\n}\ndown(0)");
    await page.keyboard.press("Control+Enter");
    await waitForState(page, "show-values", "error");
    // V8 notices the overflow on entering `down`, so the line is the function's first or its recursive call.
    expect(await outputText(page, "show-values")).toMatch(
      /^RangeError: Maximum call stack size exceeded \(line [12], column \d+\)/,
    );

    await setCellCode(page, "show-values", "const big = new Float64Array(1e10);");
    expect(await afterRun(page, "show-values", () => page.keyboard.press("Control+Enter"))).toBe("error");
    expect(await outputText(page, "show-values")).toMatch(/^RangeError: .*(length|allocation)/i);

    await setCellCode(
      page,
      "show-values",
      "const loss = [1, 1e308 * 10, NaN];\ndisplay(Plot.lineY(loss).plot());\nloss",
    );
    expect(await afterRun(page, "show-values", () => page.keyboard.press("Control+Enter"))).toBe("ok");
    expect(await outputText(page, "show-values")).toContain("[1, Infinity, NaN]");
    expect(await page.locator("#show-values [data-cell-output] svg").count()).toBe(1);
  });

  it("a million console lines keep the page responsive: the first 1000 are shown, the rest counted", async () => {
    await setCellCode(page, "show-values", "for (let i = 0; i < 1e6; i++) console.log(i);");
    await page.keyboard.press("Control+Enter");
    await waitForState(page, "show-values", "ok");
    const text = await outputText(page, "show-values");
    expect(text.split("\n").slice(0, 2)).toEqual(["0", "1"]);
    expect(text).toContain("999");
    expect(text).toContain("… 999000 more console lines not shown (the first 1000 are).");
    expect(await framesIn(page)).toBeGreaterThan(10);
  });
});

describe("errors", () => {
  it("point at the cell's line and mark it in the editor", async () => {
    await setCellCode(page, "show-values", "const a = 1;\nconst b = a + 1;\nb.toFixed(undefinedThing);");
    await page.keyboard.press("Control+Enter");
    await waitForState(page, "show-values", "error");
    expect(await outputText(page, "show-values")).toBe(
      "ReferenceError: undefinedThing is not defined (line 3, column 11)",
    );
    expect(await statusText(page, "show-values")).toBe("Error at line 3: undefinedThing is not defined");
    expect(await page.locator("#show-values .cm-error-line").innerText()).toBe("b.toFixed(undefinedThing);");
    // Editing the code clears the mark.
    await page.keyboard.type(" ");
    expect(await page.locator("#show-values .cm-error-line").count()).toBe(0);
  });

  it("syntax errors give line and column and mark the line", async () => {
    await setCellCode(page, "show-values", "const ok = 1;\nconst broken: number = (;");
    await page.keyboard.press("Control+Enter");
    await waitForState(page, "show-values", "error");
    expect(await outputText(page, "show-values")).toBe("SyntaxError: Unexpected token (line 2, column 25)");
    expect(await page.locator("#show-values .cm-error-line").innerText()).toBe("const broken: number = (;");
  });
});

describe("the kernel's history", () => {
  it("counts executions, marks outputs below a re-run cell stale, and Run all refreshes everything", async () => {
    await runCell(page, "show-table"); // runs show-values first
    expect([await countText(page, "show-values"), await countText(page, "show-table")]).toEqual(["[1]", "[2]"]);
    await runCell(page, "show-values");
    expect(await countText(page, "show-values")).toBe("[3]");
    expect(await page.locator("#show-table").getAttribute("data-stale")).toBe("true");
    expect(await page.locator("#show-values").getAttribute("data-stale")).toBeNull();

    await page.getByRole("button", { name: "Run all" }).click();
    await waitForState(page, "paired-demo", "ok"); // the last cell
    expect(await page.locator("[data-cell][data-stale]").count()).toBe(0);
    expect(await page.locator("#exercise-demo").getAttribute("data-state")).toBe("error"); // its starter code fails its checks
  });

  it("Restart forgets everything: outputs from the old kernel are stale and cells rerun from the top", async () => {
    await runCell(page, "show-table");
    await page.getByRole("button", { name: "Restart kernel" }).click();
    expect(await page.locator(".notebook-status").innerText()).toBe(
      "Kernel restarted: nothing is defined until cells run again.",
    );
    expect(await page.locator("#show-values").getAttribute("data-stale")).toBe("true");
    await setCellCode(page, "show-table", "typeof state");
    expect(await afterRun(page, "show-table", () => page.keyboard.press("Control+Enter"))).toBe("ok");
    // show-values (which defines `state`) ran again first, in the fresh kernel.
    expect(await outputText(page, "show-table")).toBe('"object"');
    expect(await countText(page, "show-values")).toBe("[1]");
  });
});

describe("keyboard", () => {
  it("Shift+Enter runs and moves to the next cell; Ctrl+Enter runs in place; Tab leaves the editor", async () => {
    await setCellCode(page, "show-values", "const k = 2;\nk");
    await page.keyboard.press("Shift+Enter");
    await waitForState(page, "show-values", "ok");
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest("[data-cell]")?.id)).toBe("show-table");
    expect(await afterRun(page, "show-table", () => page.keyboard.press("Control+Enter"))).toBe("ok");
    expect(await page.evaluate(() => document.activeElement?.closest("[data-cell]")?.id)).toBe("show-table");

    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest(".cm-editor"))).toBeNull();
    await page.locator("#show-table .cm-content").click();
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest(".cm-editor"))).toBeNull();
  });

  it("a cell's code is reachable by Tab and Enter opens its editor", async () => {
    await page.locator("#show-values .cell-run").focus();
    await page.keyboard.press("Tab"); // from Run into … the code
    let guard = 0;
    while (!(await page.evaluate(() => document.activeElement?.matches(".cell-code pre, .cm-content"))) && guard++ < 8)
      await page.keyboard.press("Tab");
    await page.locator("#show-values .cm-content").waitFor();
    await page.keyboard.press("Control+Enter");
    await waitForState(page, "show-values", "ok");
  });
});
