/** Search (Pagefind, through Starlight's dialog): prose, equations and code are found; the notebook's chrome is not. */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, startSite } from "./support.ts";

let site: Awaited<ReturnType<typeof startSite>>;
let page: Page;

beforeAll(async () => {
  site = await startSite();
  ({ page } = await newPage(site.browser, { viewport: { width: 1280, height: 900 } }));
  await page.goto(site.server.url);
});
afterAll(() => site?.close());

/** Type a query in the search dialog and return the pages of the results. */
async function search(query: string): Promise<string[]> {
  if (!(await page.locator("dialog[open]").count())) {
    await page.getByRole("button", { name: "Search" }).click();
    await page.locator("dialog[open] input").waitFor();
  }
  await page.locator("dialog[open] input").fill(query);
  // Pagefind debounces typing, shows "Searching for …", then "N results for …" (or "No results for …"), then lists
  // the first results as placeholders and fills each one in as its data arrives.
  await page.waitForFunction((q) => {
    const message = document.querySelector(".pagefind-ui__message")?.textContent ?? "";
    if (!message.includes(q)) return false;
    if (/^No results? for/.test(message)) return true;
    if (!/^\d+ results? for/.test(message)) return false; // still searching
    const results = [...document.querySelectorAll("li.pagefind-ui__result")];
    return results.length > 0 && results.every((result) => result.querySelector(".pagefind-ui__result-title a"));
  }, query);
  const links = await page
    .locator(".pagefind-ui__result-link")
    .evaluateAll((anchors) => anchors.map((anchor) => new URL((anchor as HTMLAnchorElement).href).pathname));
  return [...new Set(links)]; // a page's sub-results (its headings) link to the same page
}

describe("search", () => {
  it("finds a lesson by a word of its prose", async () => {
    expect(await search("forgets")).toContain("/lessons/rmsprop/");
  });

  it("finds a lesson by the text of an equation (its TeX)", async () => {
    // RMSprop's update is the one written with \rho: v_t = \rho v_{t-1} + (1 - \rho) g_t^2.
    expect((await search("rho")).slice(0, 3)).toContain("/lessons/rmsprop/");
  });

  it("finds the cell that uses an identifier", async () => {
    expect(await search("adagradByHand")).toEqual(["/lessons/adagrad/"]);
  });

  it("indexes a cell's code but not the notebook's buttons or the outputs", async () => {
    // (A string, so that vitest does not rewrite the page's own dynamic import.)
    const indexed: string = await page.evaluate(`(async () => {
      const pagefind = await import(location.origin + "/pagefind/pagefind.js");
      const found = await pagefind.search("tutorial");
      const pages = await Promise.all(found.results.map((result) => result.data()));
      return pages.find((data) => data.url === "/lessons/adam-in-one-page/").content;
    })()`);
    expect(indexed).toContain("function run(biasCorrection: boolean)"); // a cell's code
    for (const chrome of ["Run cell", "Restart kernel", "Run all", "[ ]"]) expect(indexed).not.toContain(chrome);
    expect(indexed).not.toContain("current state: [2.80000003"); // the pre-rendered output
  });
});
