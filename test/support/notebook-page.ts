import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { DIST } from "./paths.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

/**
 * Helpers for the browser tests of a built site's notebook pages (our course's in test/e2e, the platform fixture's
 * in test/platform, the example's in test/example).
 */

/** A built site (our course's dist/ unless told) on 127.0.0.1 and a Chromium to look at it, for one test file. */
export async function startSite(
  dist: string = DIST,
): Promise<{ server: StaticServer; browser: Browser; close(): Promise<void> }> {
  const server = await serveStatic(dist);
  const browser = await launchBrowser();
  return { server, browser, close: async () => (await browser.close(), await server.close()) };
}

/** A fresh page (own storage) that records uncaught page errors. */
export async function newPage(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}) {
  const context: BrowserContext = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { context, page, errors };
}

/** Replace a cell's code, the way a reader would: open its editor, select all, type. */
export async function setCellCode(page: Page, cellId: string, code: string) {
  const editor = page.locator(`#${cellId} .cm-content`);
  if ((await editor.count()) === 0) await page.locator(`#${cellId} .cell-code pre`).click();
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(code);
}

/** The current source of a cell (editor or static code). */
export function cellCode(page: Page, cellId: string): Promise<string> {
  return page.locator(`#${cellId}`).evaluate((cell) => {
    const lines = cell.querySelectorAll(".cm-line");
    return lines.length
      ? [...lines].map((l) => l.textContent).join("\n")
      : cell.querySelector(".cell-code pre")!.textContent!;
  });
}

export async function waitForState(page: Page, cellId: string, state: string, timeout = 20_000) {
  await page.locator(`#${cellId}[data-state="${state}"]`).waitFor({ timeout });
}

export async function runCell(page: Page, cellId: string, state = "ok") {
  await page.locator(`#${cellId} .cell-run`).click();
  await waitForState(page, cellId, state);
}

export const outputText = (page: Page, cellId: string) => page.locator(`#${cellId} [data-cell-output]`).innerText();
export const statusText = (page: Page, cellId: string) => page.locator(`#${cellId} .cell-status`).innerText();
export const countText = (page: Page, cellId: string) => page.locator(`#${cellId} .cell-count`).innerText();

/** How many animation frames the page draws in `ms`: near 0 means a frozen main thread. */
export function framesIn(page: Page, ms = 500): Promise<number> {
  return page.evaluate(
    (duration) =>
      new Promise<number>((resolve) => {
        let count = 0;
        const started = performance.now();
        const tick = () =>
          performance.now() - started < duration ? (count++, requestAnimationFrame(tick)) : resolve(count);
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

/** Do something that runs a cell (a key, a click) and wait for that run to finish, whatever state the cell was in. */
export async function afterRun(page: Page, cellId: string, action: () => Promise<unknown>, timeout = 20_000) {
  const before = (await page.locator(`#${cellId}`).getAttribute("data-runs")) ?? "0";
  await action();
  await page.waitForFunction(
    ([id, runs]) => {
      const cell = document.getElementById(id!);
      return (cell?.dataset.runs ?? "0") !== runs && cell?.dataset.state !== "running";
    },
    [cellId, before],
    { timeout },
  );
  return page.locator(`#${cellId}`).getAttribute("data-state");
}
