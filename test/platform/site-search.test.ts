/**
 * Search (Pagefind, through Starlight's dialog): prose, equations and code are found; the notebook's chrome is not.
 * On the fixture's search page, whose words appear on no other page.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage } from "../support/notebook-page.ts";
import { SEARCH, startFixture } from "./fixture.ts";

let site: Awaited<ReturnType<typeof startFixture>>;
let page: Page;

beforeAll(async () => {
  site = await startFixture();
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
    expect(await search("zymurgy")).toEqual([`/${SEARCH}`]);
  });

  it("finds a lesson by the text of an equation (its TeX)", async () => {
    // The page's only equation is written with \varpi, which no page's prose or code says.
    expect((await search("varpi")).slice(0, 3)).toContain(`/${SEARCH}`);
  });

  it("finds the cell that uses an identifier", async () => {
    expect(await search("quuxAccumulator")).toEqual([`/${SEARCH}`]);
  });

  it("indexes a cell's code but not the notebook's buttons or the outputs", async () => {
    // (A string, so that vitest does not rewrite the page's own dynamic import.)
    const indexed: string = await page.evaluate(`(async () => {
      const pagefind = await import(location.origin + "/pagefind/pagefind.js");
      const found = await pagefind.search("zymurgy");
      const pages = await Promise.all(found.results.map((result) => result.data()));
      return pages.find((data) => data.url === "/${SEARCH}").content;
    })()`);
    expect(indexed).toContain("function quuxAccumulator(values: number[])"); // a cell's code
    for (const chrome of ["Run cell", "Restart kernel", "Run all", "[ ]"]) expect(indexed).not.toContain(chrome);
    expect(indexed).not.toContain("0.875"); // the pre-rendered output (the sum; the code has only its terms)
  });
});
