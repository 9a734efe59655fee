/**
 * Edits are never lost: autosave across reload and navigation, reset, the author-changed notice, a full storage,
 * two tabs editing one lesson, and share links that open a cell's code without running it. On the fixture's notebook
 * page (test/fixtures/platform).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cellCode, newPage, outputText, setCellCode, statusText } from "../support/notebook-page.ts";
import { MATH, NOTEBOOK, startFixture } from "./fixture.ts";

let site: Awaited<ReturnType<typeof startFixture>>;
const KEY = "moments:edits:v1:/lessons/notebook/";

beforeAll(async () => {
  site = await startFixture();
});
afterAll(() => site?.close());

describe("edits", () => {
  it("autosave and come back after a reload and after navigating away and back", async () => {
    const { page, errors } = await newPage(site.browser);
    await page.goto(site.server.url + NOTEBOOK);
    await setCellCode(page, "show-values", "const mine = 'my edit';\nmine");
    await page.waitForFunction((key) => localStorage.getItem(key)?.includes("my edit"), KEY);

    await page.reload();
    await page.locator("#show-values .cm-content").waitFor(); // saved edits load the editor at once
    expect(await cellCode(page, "show-values")).toBe("const mine = 'my edit';\nmine");
    expect(await page.locator("#show-values .cell-edited").isVisible()).toBe(true);
    expect(await statusText(page, "show-values")).toBe(
      "Your edited code, restored. The output below is from the original; press Run to update it.",
    );
    expect(await page.locator("#show-values").getAttribute("data-stale")).toBe("true");
    expect(await page.locator("#show-values").getAttribute("data-state")).toBe("idle"); // restored, not run

    await page.goto(site.server.url + MATH);
    await page.goBack();
    await page.locator("#show-values .cm-content").waitFor();
    expect(await cellCode(page, "show-values")).toContain("my edit");
    expect(errors).toEqual([]);
  });

  it("are saved when the reader leaves before the autosave delay", async () => {
    const { page } = await newPage(site.browser);
    await page.goto(site.server.url + NOTEBOOK);
    await setCellCode(page, "show-table", "'typed and left at once'");
    await page.goto(site.server.url + MATH); // pagehide flushes the pending save
    expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toContain("typed and left at once");
  });

  it("Reset puts a cell back; Reset all does every cell and can be undone", async () => {
    const { page } = await newPage(site.browser);
    await page.goto(site.server.url + NOTEBOOK);
    const original = await cellCode(page, "show-values");
    await setCellCode(page, "show-values", "1");
    await setCellCode(page, "show-table", "2");
    await page.getByRole("button", { name: "Reset cell 1 to the original code" }).click();
    await expect.poll(() => cellCode(page, "show-values")).toBe(original);
    expect(await page.locator("#show-values .cell-reset").isHidden()).toBe(true);

    await page.waitForFunction((key) => localStorage.getItem(key)?.includes('"show-table"'), KEY);
    await page.getByRole("button", { name: "Reset all edits" }).click();
    await expect.poll(() => cellCode(page, "show-table")).not.toBe("2");
    expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();
    await page.locator(".notebook-status").getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => cellCode(page, "show-table")).toBe("2");
    expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toContain('"code":"2"');
  });

  it("says when the author changed a cell since the reader edited it, and offers both versions", async () => {
    const { page } = await newPage(site.browser);
    await page.goto(site.server.url + NOTEBOOK);
    // An edit made against an older version of the author's code (another hash).
    await page.evaluate(
      (key) =>
        localStorage.setItem(
          key,
          JSON.stringify({ "show-values": { code: "'my old edit'", originalHash: "00000000000000", savedAt: 1 } }),
        ),
      KEY,
    );
    await page.reload();
    const notice = page.locator("#show-values .cell-notice");
    await notice.waitFor();
    expect(await notice.locator("p").innerText()).toBe(
      "The author has changed this cell since you edited it. You are seeing your version.",
    );
    expect(await cellCode(page, "show-values")).toBe("'my old edit'");
    await notice.locator("summary").click();
    expect(await notice.locator("pre").innerText()).toContain("const state = { t: 3");
    await notice.getByRole("button", { name: "Use the author's new version" }).click();
    await expect.poll(() => cellCode(page, "show-values")).toContain("const state = { t: 3");
    expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();
  });

  it("keep working when storage is full, and say that edits will not persist", async () => {
    const { page } = await newPage(site.browser);
    await page.goto(site.server.url + NOTEBOOK);
    await page.evaluate(() => {
      // Fill the origin's quota to the last byte: big chunks first, then ever smaller ones.
      let i = 0;
      for (let size = 1 << 20; size >= 1; size >>= 1) {
        const chunk = "x".repeat(size);
        for (;;) {
          try {
            localStorage.setItem(`filler-${i++}`, chunk);
          } catch {
            break;
          }
        }
      }
    });
    await setCellCode(page, "show-values", "const stillWorks = 41 + 1;\nstillWorks");
    await expect
      .poll(() => page.locator(".notebook-status").innerText(), { timeout: 5000 })
      .toBe(
        "Your edits can't be saved: the browser's storage for this site is full. Editing still works, but edits will be lost when you leave this page.",
      );
    await page.keyboard.press("Control+Enter");
    await page.locator("#show-values[data-state=ok]").waitFor();
    expect(await outputText(page, "show-values")).toBe("42");
  });
});

describe("two tabs of one lesson", () => {
  const code = (tab: Page) => cellCode(tab, "show-table");

  async function twoTabs() {
    const context = await site.browser.newContext();
    const [a, b] = [await context.newPage(), await context.newPage()];
    for (const tab of [a, b]) {
      await tab.goto(site.server.url + NOTEBOOK);
      await tab.locator("#show-values .cell-code pre").click(); // the notebook starts on the first interaction
      await tab.locator("#show-values .cm-content").waitFor();
    }
    return { context, a, b };
  }

  it("a tab shows an edit saved in another, and a Reset in one resets the other", async () => {
    const { context, a, b } = await twoTabs();
    await setCellCode(b, "show-table", "'edited in B'");
    await b.waitForFunction((key) => localStorage.getItem(key)?.includes("edited in B"), KEY);
    await expect.poll(() => code(a)).toBe("'edited in B'");
    expect(await statusText(a, "show-table")).toBe("Updated with your edit from another tab.");

    await a.locator("#show-table .cell-reset").click();
    await expect.poll(() => code(b)).not.toContain("edited in B");
    expect(await statusText(b, "show-table")).toBe("Reset in another tab.");
    expect(await code(b)).toBe(await code(a));
    await context.close();
  });

  it("a stale tab's keystroke never replaces a newer edit unseen: the reader chooses", async () => {
    const { context, a, b } = await twoTabs();
    await setCellCode(a, "show-table", "'A, being typed'");
    // Before A's autosave (400 ms), B saves its edit of the same cell (written as B's notebook writes it).
    await b.evaluate((key) => {
      const edits = JSON.parse(localStorage.getItem(key) ?? "{}");
      edits["show-table"] = { code: "'B, saved first'", originalHash: "b", savedAt: Date.now() };
      localStorage.setItem(key, JSON.stringify(edits));
    }, KEY);
    const notice = a.locator("#show-table .cell-notice");
    await notice.getByText("This cell was changed in another tab").waitFor();
    expect(await notice.locator("pre").textContent()).toBe("'B, saved first'");
    // Nothing A typed is saved over B's edit until the reader chooses.
    await a.waitForTimeout(800);
    expect(await a.evaluate((key) => localStorage.getItem(key), KEY)).toContain("B, saved first");

    await notice.getByRole("button", { name: "Keep this tab's version" }).click();
    await a.waitForFunction((key) => localStorage.getItem(key)?.includes("A, being typed"), KEY);
    await expect.poll(() => code(b)).toBe("'A, being typed'");
    await context.close();
  });
});

describe("share links", () => {
  it("Copy link gives a URL that opens the cell with that code, highlighted and not run", async () => {
    const { page, context } = await newPage(site.browser);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(site.server.url + NOTEBOOK);
    const shared = "// shared with you\nconst gift = 6 * 7;\ngift";
    await setCellCode(page, "show-table", shared);
    await page.getByRole("button", { name: "Copy link to your version of cell 2" }).click();
    await expect
      .poll(() => statusText(page, "show-table"))
      .toBe("Link copied. Whoever opens it sees your code in this cell, not run.");
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toMatch(/\/lessons\/notebook\/#cell=show-table&code=z[\w-]+$/);

    const { page: friend } = await newPage(site.browser);
    await friend.goto(url);
    await friend.locator("#show-table .cm-content").waitFor();
    expect(await cellCode(friend, "show-table")).toBe(shared);
    expect(await friend.locator("#show-table").getAttribute("data-shared")).toBe("true");
    expect(await friend.locator("#show-table .cell-notice p").innerText()).toBe(
      "This code came from a shared link. It has not been run: read it, then press Run to run it.",
    );
    // Not run: still idle, no execution count, the build's output still shown.
    await friend.waitForTimeout(1000);
    expect(await friend.locator("#show-table").getAttribute("data-state")).toBe("idle");
    expect(await friend.locator("#show-table .cell-count").innerText()).toBe("[\u00a0]");
    expect(await outputText(friend, "show-table")).toContain("1 − 0.9ᵗ");
    // The friend presses Run: now it runs.
    await friend.locator("#show-table .cell-run").click();
    await friend.locator("#show-table[data-state=ok]").waitFor();
    expect(await outputText(friend, "show-table")).toBe("42");
  });
});
