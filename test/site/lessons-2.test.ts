/**
 * Lessons 11–15 (part "Beyond Adam") and the four exercises, checked in the built site beyond what lessons.test.ts
 * checks for every lesson: Reddi et al.'s result recomputed with the library and compared with the page, the digits
 * results filled in and plausible (and the claims the prose makes about them true), the PyTorch numbers the lessons
 * quote equal to the fixtures, the data set credited, and each exercise present with its checks. One browser test
 * trains on the digits in Chromium: progress and curves stream while it runs, and Stop halts it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adam } from "../../src/optim/index.ts";
import { reddi } from "../../src/problems/index.ts";
import { minimize } from "../../src/run/index.ts";
import { newPage, setCellCode, startSite, waitForState } from "../e2e/support.ts";
import { DIST, ROOT } from "../support/paths.ts";

/** A built page as a DOM. */
const page = (slug: string) => parseHTML(readFileSync(path.join(DIST, slug, "index.html"), "utf8")).document;
const source = (file: string) => readFileSync(path.join(ROOT, "content/lessons", file), "utf8");

/** What a cell printed, as text. */
function outputText(document: Document, cellId: string): string {
  const output = document.querySelector(`#${cellId} [data-cell-output]`);
  expect(output, `cell ${cellId}`).toBeTruthy();
  return output!.textContent!;
}

/** The rows of the n-th table a cell printed, as records of the cells' text. */
function tableRows(document: Document, cellId: string, n = 0): Record<string, string>[] {
  const table = document.querySelectorAll(`#${cellId} [data-cell-output] table`)[n];
  expect(table, `table ${n} of cell ${cellId}`).toBeTruthy();
  const headers = [...table!.querySelectorAll("th")].map((th) => th.textContent!.trim());
  return [...table!.querySelectorAll("tbody tr")].map((tr) =>
    Object.fromEntries([...tr.querySelectorAll("td")].map((td, i) => [headers[i], td.textContent!.trim()])),
  );
}

/** The lesson's prose as a reader sees it: <main> without its cells. */
function proseText(document: Document): string {
  const main = document.querySelector("main")!.cloneNode(true) as Element;
  for (const cell of main.querySelectorAll("section[data-cell]")) cell.remove();
  return main.textContent!.replace(/\s+/g, " ");
}

/** The numeric entries of an object literal a cell quotes, e.g. `20: [-1.04, 1.15],` → { 20: [-1.04, 1.15] }. */
function quotedSteps(text: string, name: string): Record<number, number[]> {
  const body = text.slice(text.indexOf(`const ${name} = {`), text.indexOf("};", text.indexOf(`const ${name} = {`)));
  return Object.fromEntries(
    [...body.matchAll(/^\s*(\d+): \[([^\]]+)\],$/gm)].map((m) => [Number(m[1]), m[2]!.split(",").map(Number)]),
  );
}

interface FixtureCase {
  options: Record<string, unknown>;
  problem: string;
  every: number;
  x: number[][];
}
const adamFixtures = JSON.parse(readFileSync(path.join(ROOT, "test/optim/fixtures/adam.json"), "utf8")) as {
  cases: FixtureCase[];
};
const fixture = (options: Record<string, unknown>, problem: string) =>
  adamFixtures.cases.find((c) => c.problem === problem && JSON.stringify(c.options) === JSON.stringify(options))!;

describe("lesson 12: Reddi, Kale & Kumar's problem", () => {
  const document = page("lessons/amsgrad");
  // The page's settings: C = 3, β₁ = 0, β₂ = 1/(1 + C²), αₜ = 0.5/√t, projection onto [−1, 1], 3000 steps.
  const settings = { lr: (t: number) => 0.5 / Math.sqrt(t), betas: [0, 1 / 10] as [number, number] };
  const last = (amsgrad: boolean) =>
    minimize(reddi({ C: 3 }), adam({ ...settings, amsgrad }), { steps: 3000 }).x[3000]![0]!;

  it("ends Adam at +1, the worst point, and AMSGrad near −1, the optimum — as the library computes it", () => {
    expect(last(false)).toBe(1);
    expect(last(true)).toBeLessThan(-0.99);
    const shown = /adam: ([-\d.e]+), amsgrad: ([-\d.e]+)/.exec(outputText(document, "reddi-runs"));
    expect(shown, outputText(document, "reddi-runs")).toBeTruthy();
    expect(Number(shown![1])).toBe(last(false));
    expect(Number(shown![2])).toBe(last(true));
  });

  it("quotes PyTorch's AMSGrad on Rosenbrock exactly as the fixtures hold it", () => {
    const quoted = quotedSteps(source("12-amsgrad.mdx"), "torchAmsgrad");
    const torch = fixture({ lr: 0.01, amsgrad: true }, "rosenbrock");
    expect(Object.keys(quoted).map(Number)).toEqual([20, 100, 500, 1000, 2000]);
    for (const [step, x] of Object.entries(quoted))
      expect(x, `step ${step}`).toEqual(torch.x[Number(step) / torch.every - 1]);
  });
});

describe("lesson 11: training on the digits", () => {
  const document = page("lessons/training-on-digits");
  const optimizers = ["sgd+nesterov", "adagrad", "rmsprop", "adam"];
  const models = { regression: tableRows(document, "results", 0), mlp: tableRows(document, "results", 1) };
  const value = (rows: Record<string, string>[], optimizer: string, column: string) =>
    Number(rows.find((row) => row.optimizer === optimizer)![column]);

  it.each(Object.entries(models))("fills in the %s's results, and they are plausible", (_, rows) => {
    expect(rows.map((row) => row.optimizer)).toEqual(optimizers);
    for (const optimizer of optimizers) {
      expect(value(rows, optimizer, "test accuracy"), optimizer).toBeGreaterThan(0.9);
      expect(value(rows, optimizer, "test accuracy"), optimizer).toBeLessThanOrEqual(1);
      expect(value(rows, optimizer, "training loss"), optimizer).toBeLessThan(0.2); // from ln 10 ≈ 2.3 at the start
      expect(value(rows, optimizer, "ms per epoch"), optimizer).toBeGreaterThan(0);
      expect(value(rows, optimizer, "ms per epoch"), optimizer).toBeLessThan(1000);
    }
  });

  it("states each final test accuracy in its prose", () => {
    const prose = proseText(document);
    for (const rows of Object.values(models))
      for (const optimizer of optimizers) {
        const accuracy = value(rows, optimizer, "test accuracy");
        // The table shows 3 significant digits, the prose one decimal of a percentage: they round alike.
        expect(prose).toContain(`${(accuracy * 100).toFixed(1)}%`);
      }
  });

  it("makes only claims its numbers bear out: Adam lowest and AdaGrad highest training loss on both models, the MLP's test loss past its minimum", () => {
    for (const rows of Object.values(models)) {
      const losses = optimizers.map((optimizer) => value(rows, optimizer, "training loss"));
      expect(Math.min(...losses)).toBe(value(rows, "adam", "training loss"));
      expect(Math.max(...losses)).toBe(value(rows, "adagrad", "training loss"));
    }
    for (const optimizer of ["adam", "sgd+nesterov"])
      expect(value(models.mlp, optimizer, "lowest test loss at epoch"), optimizer).toBeLessThan(150);
  });
});

describe("lesson 14: implementation details", () => {
  const document = page("lessons/implementation-details");

  it("quotes PyTorch's Adam with ε = 10⁻³ exactly as the fixtures hold it", () => {
    const quoted = quotedSteps(source("14-implementation-details.mdx"), "torchAdam");
    const torch = fixture({ lr: 0.05, eps: 0.001 }, "bowl");
    expect(Object.keys(quoted).map(Number)).toEqual([1, 2, 30]);
    for (const [step, x] of Object.entries(quoted)) expect(x, `step ${step}`).toEqual(torch.x[Number(step) - 1]);
  });

  it("finds only the library's placement of ε within PyTorch's tolerance", () => {
    const text = outputText(document, "torch-check");
    const deviation = (name: string) => Number(new RegExp(`"${name}[^"]*": ([\\d.e+]+)`).exec(text)?.[1]);
    expect(deviation("library adam"), text).toBeLessThanOrEqual(1);
    expect(deviation("ε-hat form"), text).toBeGreaterThan(1000);
    expect(deviation("ε inside"), text).toBeGreaterThan(1000);
  });

  it("runs seed 002's code: as printed it yields no number, as intended it stops learning, repaired it learns", () => {
    const rows = Object.fromEntries(
      tableRows(document, "seed-002").map((row) => [row.version, Number(row["error after 100 epochs"])]),
    );
    expect(rows["as printed"]).toBeNaN();
    expect(rows["as intended"]).toBeGreaterThan(0.18); // where it started, 0.19
    expect(rows["separate variables"]).toBeLessThan(0.1);
    expect(rows["Algorithm 1"]).toBeLessThan(0.1);
  });
});

describe("the lessons on the digits", () => {
  it.each(["training-on-digits", "adamw", "implementation-details", "adamax-nadam-radam"])(
    "%s credits the data set: Alpaydin & Kaynak (1998), its DOI and its licence, CC BY 4.0",
    (slug) => {
      const document = page(`lessons/${slug}`);
      const references = proseText(document).slice(proseText(document).lastIndexOf("References"));
      expect(references).toMatch(/E\. Alpaydin and C\. Kaynak, Optical Recognition of Handwritten Digits/);
      expect(references).toContain("CC BY 4.0");
      expect(document.querySelector('main a[href="https://doi.org/10.24432/C50P49"]')).toBeTruthy();
    },
  );
});

describe("the exercises", () => {
  const EXERCISES = [
    ["momentum", "momentum-exercise", "momentumStep"],
    ["adagrad", "adagrad-exercise", "adagradStep"],
    ["rmsprop", "rmsprop-exercise", "rmspropStep"],
    ["bias-correction", "adam-exercise", "adamStep"],
  ] as const;

  it.each(EXERCISES)("%s has an exercise (%s) with starter code, hidden checks and hints", (slug, id, name) => {
    const document = page(`lessons/${slug}`);
    const exercise = document.querySelector(`section#${id}[data-kind="exercise"]`);
    expect(exercise, id).toBeTruthy();
    const code = exercise!.querySelector(".cell-code")!.textContent!;
    expect(code).toContain(`function ${name}(`);
    expect(code).toContain("// your code here"); // the starter, not the solution
    const checks = Number(/(\d+) checks will test it/.exec(outputText(document, id))?.[1]);
    expect(checks).toBeGreaterThanOrEqual(4);
    expect(exercise!.querySelectorAll(".exercise-hint").length).toBeGreaterThanOrEqual(2);
    // Behaviour, not wording: every exercise is compared with the library's optimizer on random gradients.
    expect(exercise!.innerHTML).toMatch(/it matches the library/);
    // "Exercise", or "Exercises" where a lesson has a second one (bias-correction).
    expect(document.querySelector("h2#exercise, h2#exercises"), "an Exercise section").toBeTruthy();
  });
});

describe("live training in Chromium", () => {
  let site: Awaited<ReturnType<typeof startSite>>;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site?.close());

  it("streams the progress and the curves while the MLP trains, and Stop halts it", async () => {
    const { page: browserPage, errors } = await newPage(site.browser);
    await browserPage.goto(`${site.server.url}lessons/training-on-digits/`);
    await setCellCode(browserPage, "train-mlp", "const mlpRuns = trainLive(network, best.mlp, 100000);");
    await browserPage.locator("#train-mlp .cell-run").click();
    await waitForState(browserPage, "train-mlp", "running", 60_000);
    const progress = browserPage.locator("#train-mlp progress");
    await progress.waitFor({ timeout: 60_000 });
    const epochsSoFar = async () => Number(await progress.getAttribute("value"));
    await expect.poll(epochsSoFar, { timeout: 60_000 }).toBeGreaterThan(20);
    const path = () => browserPage.locator("#train-mlp svg [aria-label=line] path").first().getAttribute("d");
    const before = await path();
    await expect.poll(path, { timeout: 20_000 }).not.toBe(before); // the curve grew
    await browserPage.locator("#train-mlp .cell-stop").click();
    await waitForState(browserPage, "train-mlp", "stopped");
    const stoppedAt = await epochsSoFar();
    expect(stoppedAt).toBeLessThan(100000);
    expect(await browserPage.locator("#train-mlp svg").count()).toBeGreaterThanOrEqual(2); // the charts stay
    expect(errors).toEqual([]);
  });
});
