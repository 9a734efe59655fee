/**
 * Accessibility: axe-core (WCAG 2.0–2.2, A and AA) on every page of the built site in both themes, cells and plots
 * included — and once more after the reader has opened editors and run cells.
 */
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtPages } from "../../scripts/budgets.ts";
import { DIST } from "../support/paths.ts";
import { LIBRARY, newPage, runCell, setCellCode, startSite } from "./support.ts";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let site: Awaited<ReturnType<typeof startSite>>;
beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site?.close());

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map(
      (v) =>
        `${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3})` : ""}`,
    );
  }, TAGS);
  return found;
}

describe("axe, WCAG 2.2 AA", () => {
  const pages = builtPages(DIST);
  for (const theme of ["light", "dark"] as const) {
    it.each(pages)(`%s has no violations (${theme} theme)`, async (path) => {
      // bypassCSP: axe is injected as an inline script, which the page's own policy (rightly) refuses.
      const { page, context } = await newPage(site.browser, {
        viewport: { width: 1280, height: 900 },
        colorScheme: theme,
        bypassCSP: true,
      });
      await context.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
      await page.goto(site.server.url + path);
      expect(await violations(page)).toEqual([]);
      await context.close();
    });
  }

  it("has no violations once the reader edits and runs cells (editors, inputs, live outputs, exercises)", async () => {
    const { page } = await newPage(site.browser, { viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await page.goto(site.server.url + LIBRARY);
    await runCell(page, "time-limit-demo"); // runs every cell above it too
    await setCellCode(page, "exercise-demo", "function gradientStep(x: number, lr: number) { return x; }");
    await page.keyboard.press("Control+Enter");
    await page.locator("#exercise-demo[data-state=error]").waitFor();
    await page.locator("#exercise-demo .exercise-solution summary").click();
    expect(await violations(page)).toEqual([]);
  });
});
