/**
 * The notebook's speed in Chromium, measured on the built site (run `npm run build` first; `npm run bench:notebook`).
 *
 *   1. Cold: from navigation to the first output of a cell whose Run is clicked as soon as the page has loaded —
 *      against the page's own load time (the peer), measured in the same runs; and the same click after the pointer
 *      rested on Run for 200 ms (the kernel warms on that intent), with what the intent fetched.
 *   2. Warm: edit → new plot, for a cell that runs three optimizers on Rosenbrock and draws their paths — against an
 *      empty cell's round trip through the kernel (the peer). Twice: an edit of a learning rate (the surface is the
 *      same, so its contour lines are reused), and an edit of the surface itself (every contour drawn afresh).
 *      And a slider moved → its new plot painted ("Decay rates"' β₁), against one frame (16.7 ms).
 *   3. JS before interaction (gzipped) on a lesson page — against a Starlight page without cells (the peer) — and
 *      the JS fetched by the first run.
 *
 * Prints medians; asserts nothing (timings are noisy on a shared machine).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { launchBrowser } from "../test/support/browser.ts";
import { DIST } from "../test/support/paths.ts";
import { pageWeight } from "../test/support/page-weight.ts";
import { serveStatic } from "../test/support/static-server.ts";

const COLD_RUNS = 9;
const WARM_RUNS = 25;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;

/** The kind of cell a lesson runs on every slider move: three optimizers on Rosenbrock, their paths on its contours. */
const COMPARISON = (lr: number, b = 100) => `const problem = rosenbrock(${b === 100 ? "" : `{ b: ${b} }`});
const runs = {
  adam: minimize(problem, adam({ lr: ${lr} }), { steps: 300 }),
  sgd: minimize(problem, sgd({ lr: 0.001, momentum: 0.9 }), { steps: 300 }),
  adagrad: minimize(problem, adagrad({ lr: 0.5 }), { steps: 300 }),
};
Plot.plot(pathsChart(problem, runs))`;

/** Each lesson's slider cell and the slider moved: lesson, cell id, the input's data-widget key. */
const SLIDERS = [
  ["decay-rates", "beta-sliders", "slider:β₁"],
  ["how-to-use-this-notebook", "learning-rate", "slider:learning rate α"],
  ["schedules", "schedule-shapes", "slider:warm-up steps w"],
  ["stability", "loss-spike", "slider:spike size S"],
  ["preconditioner", "paths-at-angle", "slider:rotation φ (degrees)"],
] as const;

const server = await serveStatic(DIST);
const browser = await launchBrowser();
try {
  // 1. Cold start.
  const cold: number[] = [];
  const load: number[] = [];
  const clickToOutput: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}reference/cell-library/`, { waitUntil: "load" });
    await page.locator("#show-values .cell-run").click();
    await page.locator("#show-values[data-state=ok]").waitFor();
    const timing = await page.evaluate(() => {
      const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const interaction = performance.getEntriesByName("moments:interaction")[0]!.startTime;
      const output = performance.getEntriesByName("moments:first-output")[0]!.startTime;
      return { load: navigation.loadEventEnd, interaction, output };
    });
    cold.push(timing.output);
    load.push(timing.load);
    clickToOutput.push(timing.output - timing.interaction);
    await context.close();
  }

  // 1b. Cold, with intent: the pointer rests on Run for 200 ms (a reader's hover before the click) — the kernel warms
  // in that time (components/cell-loader.ts). What it fetched before the click, and what an untouched page fetches.
  const intentToOutput: number[] = [];
  let intentBytes = 0;
  let untouchedRequests = -1;
  for (let i = 0; i < COLD_RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto(`${server.url}reference/cell-library/`, { waitUntil: "networkidle" });
    const loaded = fetched.length;
    if (i === 0) untouchedRequests = fetched.filter((p) => /worker|notebook|kernel|plot-runtime/.test(p)).length;
    await page.locator("#show-values .cell-run").hover();
    await page.waitForTimeout(200);
    if (i === 0)
      intentBytes = fetched
        .slice(loaded)
        .filter((p) => /\.(js|html)$/.test(p))
        .reduce((sum, p) => sum + gzipSync(readFileSync(path.join(DIST, p.replace(/^\//, "")))).length, 0);
    await page.locator("#show-values .cell-run").click();
    await page.locator("#show-values[data-state=ok]").waitFor();
    intentToOutput.push(
      await page.evaluate(
        () =>
          performance.getEntriesByName("moments:first-output")[0]!.startTime -
          performance.getEntriesByName("moments:interaction")[0]!.startTime,
      ),
    );
    await context.close();
  }

  // 2. Warm edit → plot.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}reference/cell-library/`);
  await page.locator("#show-plot .cell-code pre").click();
  await page.locator("#show-plot .cm-content").waitFor();
  const timeRun = async (code: string) => {
    await page.locator("#show-plot .cm-content").click();
    await page.keyboard.press("Control+a");
    await page.keyboard.insertText(code);
    return page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const cell = document.getElementById("show-plot")!;
          const runs = cell.dataset.runs;
          const started = performance.now();
          const observer = new MutationObserver(() => {
            if (cell.dataset.runs !== runs && cell.dataset.state !== "running") {
              observer.disconnect();
              requestAnimationFrame(() => resolve(performance.now() - started)); // until the new output is painted
            }
          });
          observer.observe(cell, { attributes: true, subtree: true, childList: true });
          cell
            .querySelector<HTMLElement>(".cm-content")!
            .dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", ctrlKey: true, bubbles: true }));
        }),
    );
  };
  await timeRun(COMPARISON(0.05)); // warm up: the kernel starts, the cells above run
  const warm: number[] = [];
  const surface: number[] = [];
  const empty: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    warm.push(await timeRun(COMPARISON(0.05 + i * 0.001)));
    surface.push(await timeRun(COMPARISON(0.05, 101 + i)));
    empty.push(await timeRun(`${i}`));
  }
  const svg = await page.locator("#show-plot svg").count();
  await context.close();

  // 2b. A slider moved → its new plot painted, on each lesson's slider cell ("Decay rates"' β₁: 400 Adam steps on
  // Rosenbrock and a 10-level contour chart). Each move is set and timed inside the page (no driver latency), until
  // the cell's new output is painted; the first move is left out (it compiles the chart's code paths).
  const sliderMoves: { lesson: string; median: number }[] = [];
  for (const [lesson, cellId, widget] of SLIDERS) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}lessons/${lesson}/`);
    await page.locator(`#${cellId} .cell-run`).click();
    await page.locator(`#${cellId}[data-state=ok]`).waitFor({ timeout: 60_000 });
    const times: number[] = [];
    for (let i = 0; i < WARM_RUNS + 1; i++) {
      const elapsed = await page.evaluate(
        ([id, key, fraction]) =>
          new Promise<number>((resolve) => {
            const cell = document.getElementById(id)!;
            const input = cell.querySelector<HTMLInputElement>(`[data-widget="${key}"] input`)!;
            const runs = cell.dataset.runs;
            const observer = new MutationObserver(() => {
              if (cell.dataset.runs !== runs && cell.dataset.state !== "running") {
                observer.disconnect();
                requestAnimationFrame(() => resolve(performance.now() - started));
              }
            });
            observer.observe(cell, { attributes: true, subtree: true, childList: true });
            const started = performance.now();
            const [min, max, step] = [Number(input.min), Number(input.max), Number(input.step) || 0];
            let value = min + fraction * (max - min);
            if (step > 0) value = min + Math.round((value - min) / step) * step;
            input.value = String(value);
            input.dispatchEvent(new Event("input", { bubbles: true }));
          }),
        [cellId, widget, 0.3 + (i % 2) * 0.4 + (i % 7) / 100] as const,
      );
      if (i > 0) times.push(elapsed);
    }
    sliderMoves.push({ lesson, median: median(times) });
    await context.close();
  }

  // 3. JS weight.
  const lesson = pageWeight(DIST, "lessons/adam-in-one-page/index.html");
  const baseline = pageWeight(DIST, "404.html");
  const firstRun = await (async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto(`${server.url}lessons/adam-in-one-page/`, { waitUntil: "networkidle" });
    const before = new Set(fetched);
    await page.locator("#first-step .cell-run").click();
    await page.locator("#first-step[data-state=ok]").waitFor();
    await page.locator("#first-step .cell-code pre").click(); // and open the editor
    await page.locator("#first-step .cm-content").waitFor();
    await page.waitForLoadState("networkidle");
    await context.close();
    const gz = (file: string) => gzipSync(readFileSync(path.join(DIST, file))).length;
    const after = fetched.filter((p) => !before.has(p) && p.endsWith(".js"));
    return after.map((p) => ({ file: p, gzip: gz(p.replace(/^\//, "")) }));
  })();

  console.log("Notebook in Chromium (median of runs; this machine, same run for each peer)");
  console.log(
    `  cold: click on Run (page loaded) → output  ${ms(median(clickToOutput))}   (peer: the page's own load ${ms(median(load))}; ratio ${(median(clickToOutput) / median(load)).toFixed(2)})`,
  );
  console.log(
    `        navigation → first output         ${ms(median(cold))}   (includes the test driver's click latency)`,
  );
  console.log(
    `        with intent (pointer on Run 200 ms, then click) → output  ${ms(median(intentToOutput))}   (ratio to the cold click ${(median(intentToOutput) / median(clickToOutput)).toFixed(2)}); fetched on intent ${(intentBytes / 1000).toFixed(1)} KB gzip; an untouched page fetched ${untouchedRequests} notebook files`,
  );
  console.log(
    `  warm: edit → new 3-optimizer plot  ${ms(median(warm))}   (peer: empty cell round trip ${ms(median(empty))}; ratio ${(median(warm) / median(empty)).toFixed(2)})   [${svg} svg]`,
  );
  console.log(
    `        edit of the surface → new plot  ${ms(median(surface))}   (ratio to the empty cell ${(median(surface) / median(empty)).toFixed(2)}; every contour drawn afresh)`,
  );
  for (const move of sliderMoves)
    console.log(
      `  slider moved → new plot painted, ${move.lesson}  ${ms(move.median)}   (${(move.median / 16.7).toFixed(2)} frames of 16.7 ms)`,
    );
  console.log(
    `  JS before interaction (gzip): lesson ${(lesson.jsGzip + lesson.inlineJsGzip) / 1000} KB vs Starlight page without cells ${(baseline.jsGzip + baseline.inlineJsGzip) / 1000} KB: +${((lesson.jsGzip + lesson.inlineJsGzip - baseline.jsGzip - baseline.inlineJsGzip) / 1000).toFixed(2)} KB`,
  );
  const total = firstRun.reduce((sum, entry) => sum + entry.gzip, 0);
  console.log(`  JS fetched by the first run and edit (gzip): ${(total / 1000).toFixed(1)} KB`);
  for (const entry of firstRun) console.log(`    ${entry.file}  ${(entry.gzip / 1000).toFixed(1)} KB`);
} finally {
  await browser.close();
  await server.close();
}
