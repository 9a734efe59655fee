/**
 * The editor knows TypeScript, in Chromium on the built course: diagnostics as you type (an unknown option, with
 * what was meant), a later cell knows an earlier cell's declarations, hovering a library name shows its doc
 * comment with its math rendered, completion offers the library's names, and none of it is fetched before a reader
 * focuses an editor.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, setCellCode, startSite } from "./support.ts";

let site: Awaited<ReturnType<typeof startSite>>;

beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site?.close());

const LANGUAGE = /\/_astro\/(language-worker|language)[-.]/;

/** Hover the first occurrence of `text` in a cell's editor and return the tooltip. */
async function hoverText(page: Page, cellId: string, text: string) {
  const token = page.locator(`#${cellId} .cm-content`).getByText(text, { exact: true }).first();
  await token.hover();
  const tooltip = page.locator(".cm-tooltip-hover .cm-type-hover");
  await tooltip.waitFor({ timeout: 30_000 });
  return tooltip;
}

describe("the editor's TypeScript", () => {
  it("loads nothing of the language service until an editor is focused", async () => {
    const { page, errors } = await newPage(site.browser);
    await page.goto(`${site.server.url}lessons/adam/`);
    await page.locator("#adam-setup .cell-run").click();
    await page.locator("#adam-setup[data-state=ok]").waitFor({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    expect(site.server.requests.filter((request) => LANGUAGE.test(request))).toEqual([]);

    await page.locator("#adam-setup .cell-code pre").click();
    await page.locator("#adam-setup .cm-content").waitFor();
    await expect.poll(() => site.server.requests.some((request) => /language-worker[-.]/.test(request))).toBe(true);
    expect(errors).toEqual([]);
  });

  it("flags an unknown option as you type, naming it and what was meant", async () => {
    const { page, errors } = await newPage(site.browser);
    await page.goto(`${site.server.url}lessons/adam/`);
    await setCellCode(page, "adam-setup", "const opt = adam({ lrr: 0.1 });\n");
    const diagnostic = page.locator("#adam-setup .cm-lintRange-error");
    await diagnostic.waitFor({ timeout: 30_000 });
    expect(await diagnostic.innerText()).toBe("lrr");
    await diagnostic.hover();
    const message = page.locator(".cm-tooltip-lint .cm-diagnostic-error");
    await message.waitFor();
    expect(await message.innerText()).toMatch(
      /'lrr' does not exist in type 'Partial<AdamOptions>'\. Did you mean 'lr'\?/,
    );

    // Fixed, the squiggle goes; a run never waited for it.
    await setCellCode(page, "adam-setup", "const opt = adam({ lr: 0.1 });\nopt.options.lr");
    await expect.poll(() => page.locator("#adam-setup .cm-lintRange-error").count(), { timeout: 30_000 }).toBe(0);
    await page.locator("#adam-setup .cell-run").click();
    await page.locator("#adam-setup[data-state=ok]").waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
  });

  it("gives a later cell the types of an earlier cell's declarations", async () => {
    const { page, errors } = await newPage(site.browser);
    await page.goto(`${site.server.url}lessons/adam/`);
    await page.locator("#estimate-gradient .cell-code pre").click();
    await page.locator("#estimate-gradient .cm-content").waitFor();
    // `problem` is adam-setup's `const problem = quadratic(…)`.
    const tooltip = await hoverText(page, "estimate-gradient", "problem");
    expect(await tooltip.locator(".cm-type-signature").innerText()).toMatch(/^const problem: /);
    expect(await tooltip.locator(".cm-type-signature").innerText()).not.toMatch(/any$/);
    // Renaming it in the earlier cell flags its use below, in an editor the reader has not touched since.
    await setCellCode(
      page,
      "adam-setup",
      "const problemm = quadratic({ a: [1, 2, 4, 8] });\nlet theta = [0.864, 0.98, 0.681, 0.464];",
    );
    await page.mouse.move(0, 0);
    await expect
      .poll(() => page.locator("#estimate-gradient .cm-lintRange-error").allInnerTexts(), { timeout: 30_000 })
      .toEqual(["problem"]);
    // A misspelt earlier name is an error that says which was meant.
    await setCellCode(page, "estimate-gradient", "problemm.gradient(thetaa)");
    const diagnostic = page.locator("#estimate-gradient .cm-lintRange-error");
    await diagnostic.waitFor({ timeout: 30_000 });
    await diagnostic.hover();
    await expect
      .poll(() => page.locator(".cm-tooltip-lint").innerText())
      .toMatch(/Cannot find name 'thetaa'\. Did you mean 'theta'\?/);
    expect(errors).toEqual([]);
  });

  it("shows a library name's signature and doc comment, its math rendered with KaTeX", async () => {
    const { page, errors } = await newPage(site.browser);
    await page.goto(`${site.server.url}lessons/adam/`);
    await setCellCode(page, "adam-setup", "const opt = adam({ lr: 0.1 });");
    const tooltip = await hoverText(page, "adam-setup", "adam");
    expect(await tooltip.locator(".cm-type-signature").innerText()).toContain("adam(options?: Partial<AdamOptions>)");
    const doc = tooltip.locator(".cm-type-doc");
    expect(await doc.innerText()).toContain("Adam (Kingma & Ba, 2015, Algorithm 1)");
    expect(await doc.locator(".katex-display").count()).toBeGreaterThan(0);
    expect(await doc.locator("annotation[encoding='application/x-tex']").first().textContent()).toContain(
      "\\hat m_t &= m_t / (1-\\beta_1^t)",
    );
    expect(errors).toEqual([]);
  });

  it("completes the library's names, and an optimizer's options with their defaults", async () => {
    const { page, errors } = await newPage(site.browser);
    await page.goto(`${site.server.url}lessons/adam/`);
    await setCellCode(page, "adam-setup", "");
    await page.keyboard.type("ada");
    const list = page.locator(".cm-tooltip-autocomplete");
    await list.waitFor({ timeout: 30_000 });
    const labels = await list.locator(".cm-completionLabel").allInnerTexts();
    expect(labels).toEqual(expect.arrayContaining(["adam", "adagrad", "adadelta", "adamw", "adamax"]));
    await page.keyboard.press("Escape");

    await setCellCode(page, "adam-setup", "const opt = adam({ ");
    await page.keyboard.press("Control+Space");
    await list.waitFor({ timeout: 30_000 });
    const option = list.locator("li", { hasText: "betas" });
    expect(await option.locator(".cm-completionDetail").innerText()).toContain("Default [0.9, 0.999]");
    await page.keyboard.press("Escape");

    await setCellCode(page, "adam-setup", "const state = adam().init(Float64Array.of(1));\nstate.");
    await list.waitFor({ timeout: 30_000 });
    expect(await list.locator(".cm-completionLabel").allInnerTexts()).toEqual(expect.arrayContaining(["m", "v", "t"]));
    expect(errors).toEqual([]);
  });

  it("shows a cell's own doc comment as text, never as markup", async () => {
    const { page, errors } = await newPage(site.browser);
    await page.goto(`${site.server.url}lessons/adam/`);
    await setCellCode(
      page,
      "adam-setup",
      '/** <img src=x onerror="window.__hovered = 1"> $x$ <b id=forged>bold</b> */\nconst forged = 1;\nforged',
    );
    const tooltip = await hoverText(page, "adam-setup", "forged");
    expect(await tooltip.innerText()).toContain('<img src=x onerror="window.__hovered = 1">');
    expect(await page.locator(".cm-tooltip-hover img, #forged").count()).toBe(0);
    expect(await page.evaluate(() => (window as { __hovered?: number }).__hovered)).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
