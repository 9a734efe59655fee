/**
 * The four exercises of the course in Chromium: the starter code fails every check, and the reference solution,
 * put in the editor with the solution button, passes them all. (The build already runs each solution through its
 * checks; this shows a reader gets the same verdicts in the browser's kernel.)
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, startSite, statusText } from "./support.ts";

let site: Awaited<ReturnType<typeof startSite>>;

beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site?.close());

/** Run the exercise and wait for its verdict; running it first runs the lesson's cells above it. */
async function runExercise(page: Page, id: string) {
  const before = (await page.locator(`#${id}`).getAttribute("data-runs")) ?? "0";
  await page.locator(`#${id} .cell-run`).click();
  await page.waitForFunction(
    ([cell, runs]) => {
      const section = document.getElementById(cell!);
      return (section?.dataset.runs ?? "0") !== runs && section?.dataset.state !== "running";
    },
    [id, before],
    { timeout: 60_000 },
  );
  return statusText(page, id);
}

describe.each([
  ["momentum", "momentum-exercise", 5],
  ["adagrad", "adagrad-exercise", 5],
  ["rmsprop", "rmsprop-exercise", 4],
  ["bias-correction", "adam-exercise", 6],
] as const)("the exercise of lessons/%s (%s)", (slug, id, checks) => {
  it(`fails all ${checks} checks with the starter code and passes them with the solution`, async () => {
    const { page, errors } = await newPage(site.browser);
    await page.goto(`${site.server.url}lessons/${slug}/`);

    expect(await runExercise(page, id)).toBe(`0 of ${checks} checks passed.`);
    expect(await page.locator(`#${id} .check-fail`).count()).toBe(checks);

    await page
      .locator(`#${id}`)
      .getByRole("button", { name: /^Show solution/ })
      .click();
    await expect.poll(() => page.locator(`#${id} .cm-content`).innerText()).not.toContain("// your code here");
    expect(await runExercise(page, id)).toBe(`All ${checks} checks passed.`);
    expect(errors).toEqual([]);
  });
});
