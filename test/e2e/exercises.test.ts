/**
 * The course's exercises in Chromium, eleven of them: the starter code fails the checks the table says (all of them,
 * or all but one where the starter already gets one thing right), and the reference solution, put in the editor with
 * the solution button, passes them all. (The build already runs each solution through its checks; this shows a
 * reader gets the same verdicts in the browser's kernel.) Then two wrong answers, each with one known slip, get the
 * feedback written for that slip, not just a failed check.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cellCode, newPage, outputText, setCellCode, startSite, statusText } from "./support.ts";

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

// [lesson, exercise, checks the starter passes, checks]
describe.each([
  ["momentum", "momentum-exercise", 0, 5],
  ["adagrad", "adagrad-exercise", 0, 5],
  ["rmsprop", "rmsprop-exercise", 0, 4],
  ["bias-correction", "adam-exercise", 0, 6],
  ["bias-correction", "hidden-rate-exercise", 0, 3],
  ["amsgrad", "one-period-exercise", 0, 4],
  ["adamw", "two-lambdas-exercise", 0, 4],
  ["adamax-nadam-radam", "adamax-exercise", 0, 5],
  ["schedules", "noise-floor-exercise", 1, 2], // the starter's constant rate is a valid rate
  ["stability", "spike-memory-exercise", 0, 3],
  ["lion-adafactor-muon", "newton-schulz-exercise", 1, 4], // the bug leaves a zero gradient zero
] as const)("the exercise of lessons/%s (%s)", (slug, id, starterPasses, checks) => {
  it(`passes ${starterPasses} of its ${checks} checks with the starter code and all with the solution`, async () => {
    const { page, errors } = await newPage(site.browser);
    await page.goto(`${site.server.url}lessons/${slug}/`);

    expect(await runExercise(page, id)).toBe(`${starterPasses} of ${checks} checks passed.`);
    expect(await page.locator(`#${id} .check-fail`).count()).toBe(checks - starterPasses);
    expect(await page.locator(`#${id}`).getAttribute("data-passed")).toBeNull();

    const solution = await page
      .locator(`#${id} template.exercise-solution`)
      .evaluate((template: HTMLTemplateElement) => template.content.textContent!.trim());
    await page
      .locator(`#${id}`)
      .getByRole("button", { name: /^Show solution/ })
      .click();
    await expect.poll(async () => (await cellCode(page, id)).trim()).toBe(solution);
    expect(await runExercise(page, id)).toBe(`All ${checks} checks passed.`);
    expect(await page.locator(`#${id}`).getAttribute("data-passed")).toBe("true");
    expect(errors).toEqual([]);
  });
});

describe("a wrong answer with a known slip", () => {
  it.each([
    {
      slug: "adam",
      id: "adam-by-hand-exercise",
      // Two steps of Adam by hand, all right but m₁ = 2: the (1 − β₁) factor left out of the first average.
      code: [
        "const afterStep1 = { g: 2, m: 2, v: 0.004, mHat: 2, vHat: 4, theta: 0.9 };",
        "const m2 = 0.9 * 0.2 + 0.1 * 1.8;",
        "const v2 = 0.999 * 0.004 + 0.001 * 1.8 ** 2;",
        "const afterStep2 = { g: 1.8, m: m2, v: v2, mHat: m2 / 0.19, vHat: v2 / 0.001999, theta: 0 };",
        "afterStep2.theta = 0.9 - (0.1 * afterStep2.mHat) / (Math.sqrt(afterStep2.vHat) + 1e-8);",
      ].join("\n"),
      status: "5 of 6 checks passed.",
      feedback: "afterStep1.m is 2: m₁ = β₁·m₀ + (1 − β₁)·g₁ with m₀ = 0 — the (1 − β₁) factor is missing",
    },
    {
      slug: "bias-correction",
      id: "hidden-rate-exercise",
      // The uncorrected steps predicted right but for the peak's t, taken to be the first step's.
      code: ["const hiddenLargestAt = 1;", "const hiddenLargestStep = 6.569;", "const hiddenStepAt1000 = 1.258;"].join(
        "\n",
      ),
      status: "2 of 3 checks passed.",
      feedback:
        "hiddenLargestAt is 1, where the step is 3.1623·α: the first step, (1 − β₁)/√(1 − β₂)·α, is not the largest",
    },
  ])("lessons/$slug ($id) names the slip in the reader's terms", async ({ slug, id, code, status, feedback }) => {
    const { page, errors } = await newPage(site.browser);
    await page.goto(`${site.server.url}lessons/${slug}/`);
    await setCellCode(page, id, code);

    expect(await runExercise(page, id)).toBe(status);
    expect(await page.locator(`#${id} .check-fail`).count()).toBe(1);
    expect(await page.locator(`#${id} .check-fail .check-message`).innerText()).toContain(feedback);
    expect(await outputText(page, id)).toContain(feedback);
    expect(await page.locator(`#${id}`).getAttribute("data-passed")).toBeNull();
    expect(errors).toEqual([]);
  });
});
