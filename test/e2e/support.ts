import type { Page } from "playwright-core";

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
    return lines.length ? [...lines].map((l) => l.textContent).join("\n") : cell.querySelector("pre")!.textContent!;
  });
}

export async function waitForState(page: Page, cellId: string, state: string, timeout = 20_000) {
  await page.locator(`#${cellId}[data-state="${state}"]`).waitFor({ timeout });
}

export const outputText = (page: Page, cellId: string) => page.locator(`#${cellId} [data-cell-output]`).innerText();
