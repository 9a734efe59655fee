/**
 * The kernel's sandbox: cell code cannot reach the page, its DOM or the site's storage, and a cell that exhausts
 * memory takes down only the kernel — the page lives on and says what happened.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, outputText, setCellCode, waitForState } from "../support/notebook-page.ts";
import { NOTEBOOK, startFixture } from "./fixture.ts";

let site: Awaited<ReturnType<typeof startFixture>>;
const KEY = "moments:edits:v1:/lessons/notebook/";

beforeAll(async () => {
  site = await startFixture();
});
afterAll(() => site?.close());

const ATTEMPTS = `const results: Record<string, string> = {};
async function attempt(name: string, fn: () => unknown) {
  try { results[name] = "reached: " + String(await fn()); }
  catch (error) { results[name] = "blocked: " + (error as Error).name; }
}
await attempt("localStorage", () => localStorage.getItem("${KEY}"));
await attempt("indexedDB", () => new Promise((resolve, reject) => {
  const request = indexedDB.open("steal");
  request.onsuccess = () => resolve("opened");
  request.onerror = () => reject(request.error);
}));
await attempt("caches", () => caches.keys());
await attempt("parent", () => (parent as any).document.title);
await attempt("top", () => (self as any).top.document.title);
await attempt("fetch", () => fetch("/").then((r) => r.status));
await attempt("document", () => { document.body.innerHTML = "<h1>pwned</h1>"; document.title = "pwned"; return "a worker-local DOM"; });
await attempt("postMessage", () => { self.postMessage({ type: "done", runId: 999, cellId: "show-table", status: "error" }); return "posted into the sandbox"; });
for (const [name, result] of Object.entries(results)) console.log(name + ": " + result);`;

describe("isolation", () => {
  it("cell code cannot touch the page, its storage or the reader's saved edits", async () => {
    const { page, errors } = await newPage(site.browser);
    await page.goto(site.server.url + NOTEBOOK);
    await setCellCode(page, "show-table", "'an edit that must survive'");
    await page.waitForFunction((key) => localStorage.getItem(key)?.includes("must survive"), KEY);
    const title = await page.title();

    await setCellCode(page, "show-values", ATTEMPTS);
    await page.keyboard.press("Control+Enter");
    await waitForState(page, "show-values", "ok");
    const lines = (await outputText(page, "show-values")).split("\n");
    expect(lines).toEqual([
      "localStorage: blocked: ReferenceError", // a worker has none
      "indexedDB: blocked: SecurityError", // the sandbox's opaque origin has no storage
      "caches: blocked: ReferenceError", // not even exposed to the sandbox
      "parent: blocked: ReferenceError",
      "top: blocked: TypeError",
      "fetch: reached: 200", // the course's own files, fetched by the page for the kernel (course-fetch.ts)
      "document: reached: a worker-local DOM", // linkedom's, for Plot; not the page's
      "postMessage: reached: posted into the sandbox", // to the iframe, which ignores it
    ]);
    expect(await page.title()).toBe(title);
    expect(await page.locator("h1", { hasText: "pwned" }).count()).toBe(0);
    expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toContain("an edit that must survive");
    expect(await page.locator("#show-table").getAttribute("data-state")).toBe("idle"); // no forged "done"
    expect(errors).toEqual([]);
  });
});

describe("a cell that runs out of memory", () => {
  it("crashes only the kernel: the page lives on, says so, and runs the next cell in a fresh kernel", async () => {
    const { page } = await newPage(site.browser);
    // Playwright reports the sandbox's process dying as a page crash and then refuses to talk to the page; the
    // DevTools protocol shows that the page is, in fact, alive.
    const cdp = await page.context().newCDPSession(page);
    const evaluate = async (expression: string) =>
      (await cdp.send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true })).result.value;
    await page.goto(site.server.url + NOTEBOOK);
    // Give the cell room (as an author's `timeout=90` would): the point is the crash, not the time limit.
    await page.evaluate(() => (document.getElementById("show-values")!.dataset.timeout = "90"));
    await setCellCode(page, "show-values", "const hoard = [];\nwhile (true) hoard.push(new Array(1e7).fill(1.5));");
    await page.keyboard.press("Control+Enter");

    let state = "running";
    for (let waited = 0; state === "running" && waited < 80_000; waited += 500) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      state = await evaluate('document.getElementById("show-values").dataset.state');
    }
    expect(state).toBe("stopped");
    expect(await evaluate('document.querySelector("#show-values [data-cell-output]").innerText')).toBe(
      "The kernel crashed — most likely this cell ran out of memory — and was restarted; re-run the cells above.",
    );
    // The page still works: a cell below runs in the new kernel once the crashed cell is changed.
    const next = await evaluate(`(async () => {
      document.querySelector("#show-table .cell-run").click();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return document.querySelector("#show-table .cell-status").textContent;
    })()`);
    expect(next).toBe("Not run: cell 1 above was stopped. Change it, or run it again with its own Run button.");
  }, 120_000);
});
