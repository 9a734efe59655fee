/**
 * examples/least-squares, a course that installs Moments as a plugin (`"moments": "file:../.."`) with a library of its
 * own: its build ran every cell, its pages read without JavaScript, and in Chromium an edited cell runs against its
 * library, its slider re-runs its cell, and its exercise grades. Nothing of our optimizer course is in it.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { EXAMPLE_DIST } from "../support/paths.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";
import { newPage, outputText, runCell, setCellCode, statusText } from "../e2e/support.ts";

const page = (route: string) => readFileSync(path.join(EXAMPLE_DIST, route, "index.html"), "utf8");
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");

describe("the example course, as built", () => {
  it("has its outputs, values and equations computed at build", () => {
    const lesson = page("lessons/normal-equations");
    expect(text(lesson)).toMatch(/The fitted slope is 2\.\d{3}, close to the true 2; the intercept is 1\.\d{3}/);
    expect(lesson).toContain('class="katex-display"');
    expect(text(lesson)).toMatch(/\(1\)/); // \label{loss} numbered, \eqref{loss} linked
    expect(lesson.match(/<svg/g)?.length ?? 0).toBeGreaterThan(1); // the slider cell's chart, drawn at build
    expect(text(page("lessons/gradient-descent"))).toMatch(/After 200 steps the slope is 2\.\d{3}/);
  });

  it("bundles its own library for the browser's kernel, and nothing of the optimizer course", () => {
    const assets = readdirSync(path.join(EXAMPLE_DIST, "_astro"));
    const kernel = assets.find((file) => /^browser-worker-.*\.js$/.test(file));
    const drawing = assets.find((file) => /^plot-runtime-.*\.js$/.test(file));
    expect(kernel && drawing).toBeTruthy();
    const code = readFileSync(path.join(EXAMPLE_DIST, "_astro", kernel!), "utf8");
    expect(code).not.toMatch(/amsgrad|rosenbrock|loadDigits/i);
    // src/library.ts imports Observable Plot (for fitChart): the whole module loads with Plot, on first use.
    const lazy = readFileSync(path.join(EXAMPLE_DIST, "_astro", drawing!), "utf8");
    expect(lazy).toContain("fitLine: needs at least 2 points");
    expect(lazy).not.toMatch(/amsgrad|rosenbrock|loadDigits/i);
  });

  it("offers each lesson as a .ts that runs offline and prints what the page shows", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "example-download-"));
    try {
      copyFileSync(path.join(EXAMPLE_DIST, "lessons/normal-equations.ts"), path.join(folder, "lesson.ts"));
      const printed = execFileSync(process.execPath, ["lesson.ts"], { cwd: folder, encoding: "utf8" });
      expect(printed).toMatch(/── cell 1 · fit/);
      expect(printed).toMatch(/b: 2\.\d+/);
      expect(readdirSync(folder)).toContain("normal-equations-figure-1.svg");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    const download = readFileSync(path.join(EXAMPLE_DIST, "lessons/gradient-descent.ts"), "utf8");
    expect(download).toContain("@observablehq/plot 0.6.17 (ISC)");
    expect(download).not.toMatch(/DIGITS_PIXELS|amsgrad/);
    JSON.parse(readFileSync(path.join(EXAMPLE_DIST, "lessons/gradient-descent.ipynb"), "utf8"));
  });
});

describe("the example course in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveStatic(EXAMPLE_DIST);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("runs an edited cell against the course's library", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}lessons/normal-equations/`);
    await setCellCode(page, "fit", "fitLine(noisyLine(12, { a: 3, b: -1.5, noise: 0 })).b");
    await runCell(page, "fit");
    expect(await outputText(page, "fit")).toContain("-1.5");
    expect(errors).toEqual([]);
  });

  it("re-runs the slider's cell with its new value and redraws the chart", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}lessons/normal-equations/`);
    await runCell(page, "noise");
    expect(await outputText(page, "noise")).toContain("at noise 0.8");
    const slider = page.locator('#noise input[type="range"]');
    await slider.focus();
    await slider.fill("2");
    await expect.poll(() => outputText(page, "noise"), { timeout: 20_000 }).toContain("at noise 2");
    expect(await page.locator("#noise [data-cell-output] svg").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it("grades the exercise with feedback, shows the solution on request, and remembers the pass", async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(`${server.url}lessons/gradient-descent/`);
    const exercise = page.locator("#one-step");
    expect(await exercise.getAttribute("data-exercise")).toBe("");
    // The solution is not page text (nor in the search index): only the starter is.
    expect(await page.locator("main").innerText()).not.toContain("eta * g.a");

    // A wrong answer gets its check's message; nothing is marked passed.
    await setCellCode(page, "one-step", "function step(line, eta) {\n  return { a: line.a + eta, b: line.b };\n}");
    await exercise.locator(".cell-run").click();
    await expect.poll(() => statusText(page, "one-step"), { timeout: 60_000 }).toBe("1 of 2 checks passed.");
    expect(await outputText(page, "one-step")).toMatch(/a step from \(0, 0\) moves both a and b.*expected/s);
    expect(await exercise.getAttribute("data-passed")).toBeNull();

    await page.getByRole("button", { name: /^Show solution/ }).click();
    await expect.poll(() => page.locator("#one-step .cm-content").innerText()).toContain("eta * g.a");
    await exercise.locator(".cell-run").click();
    await expect.poll(() => statusText(page, "one-step"), { timeout: 60_000 }).toBe("All 2 checks passed.");
    expect(await exercise.getAttribute("data-passed")).toBe("true");

    // After a reload the sidebar says the lesson is complete (its one exercise passed); the other has none.
    await page.reload();
    const link = page.locator('.sidebar-content a[href$="/lessons/gradient-descent/"]');
    await expect.poll(() => link.getAttribute("data-progress")).toBe("complete");
    expect(await link.locator(".progress-badge").innerText()).toBe("1/1");
    expect(
      await page.locator('.sidebar-content a[href$="/lessons/normal-equations/"]').getAttribute("data-progress"),
    ).toBeNull();

    // Export, clear this browser's storage, import: the pass is back.
    await page.goto(`${server.url}progress/`);
    await expect.poll(() => page.locator("[data-progress-summary]").innerText()).toMatch(/passed 1 of 1 exercises/);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export progress" }).click(),
    ]);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, "utf8"));
    expect(exported).toMatchObject({ format: "moments-progress", version: 1 });
    expect(Object.keys(exported.passed)).toEqual(["/lessons/gradient-descent/#one-step"]);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expect.poll(() => page.locator("[data-progress-summary]").innerText()).toMatch(/passed 0 of 1 exercises/);
    await page.locator("[data-progress-import]").setInputFiles(file);
    await expect
      .poll(() => page.locator("[data-progress-status]").innerText())
      .toBe("Imported " + path.basename(file) + ": 1 new passes.");
    expect(await page.locator("[data-progress-summary]").innerText()).toMatch(/passed 1 of 1 exercises/);
    await page
      .locator("[data-progress-import]")
      .setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from("{}") });
    await expect
      .poll(() => page.locator("[data-progress-status]").innerText())
      .toMatch(/^Could not import bad\.json: .*format.*Nothing was changed\.$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("asks before showing the solution to a reader who has not tried yet", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}lessons/gradient-descent/`);
    await page.getByRole("button", { name: /^Show solution/ }).click();
    await expect
      .poll(() => page.locator("#one-step .cell-notice").innerText())
      .toContain("You have not run your code yet");
    await page.getByRole("button", { name: "Show the solution" }).click();
    await expect.poll(() => page.locator("#one-step .cm-content").innerText()).toContain("eta * g.a");
    expect(errors).toEqual([]);
  });

  it("keeps progress out of the cells' reach", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}lessons/gradient-descent/`);
    await page.evaluate(() =>
      localStorage.setItem(
        "moments:progress:v1",
        JSON.stringify({ format: "moments-progress", version: 1, passed: { "/x/#y": "2026-01-01T00:00:00Z" } }),
      ),
    );
    await setCellCode(
      page,
      "descend",
      "let seen; try { seen = String(localStorage.getItem('moments:progress:v1')); } catch (e) { seen = 'no storage: ' + e.name; } seen",
    );
    await runCell(page, "descend");
    const shown = await outputText(page, "descend");
    expect(shown).not.toContain("moments-progress");
    expect(shown).toMatch(/no storage|null|undefined/);
    expect(errors).toEqual([]);
  });
});
