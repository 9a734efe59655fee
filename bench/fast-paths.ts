/**
 * `npm run bench`: the fast paths against the readable loops, a plain memory copy and TF.js, in Node and in a
 * Chromium worker, in one run. Prints times, bandwidth and ratios measured side by side; asserts nothing (timings on
 * a shared 2-core machine are noisy, ratios within one run are what to read).
 *
 *   1. An Adam step at 1e6 and 1e7 parameters: memory copy; ours with every vector in wasm memory, on ordinary
 *      Float32Arrays and on Float64Arrays; the hand-written float32 and float64 loops a reader would write; TF.js's
 *      wasm and cpu backends. Effective GB/s (7 arrays × 4 bytes per parameter, × 8 in float64), ÷ the copy's GB/s,
 *      speed × TF.js wasm; then the goals' ratios: ordinary Float32Array ÷ hand-written float32, readable Float64Array
 *      ÷ hand-written float64, wasm-resident ÷ copy bandwidth.
 *   2. The digits MLP 64-32-10, 100 full-batch epochs of Adam: ours against TF.js wasm.
 *
 * Node's half runs in a child process (bench/fast-paths/node.ts); Chromium's in a dedicated worker of a page served
 * on 127.0.0.1 (Debian's /usr/bin/chromium through playwright-core, as the browser tests do), bundled here with
 * esbuild; TF.js's .wasm files come from node_modules, offline. See bench/fast-paths/measure.ts for what is timed.
 *
 *     npm run bench            # builds the wasm kernels first
 *     npx node bench/fast-paths.ts [--quick]
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { launchBrowser } from "../test/support/browser.ts";
import { serveStatic } from "../test/support/static-server.ts";
import type { MeasureOptions, Measurements } from "./fast-paths/measure.ts";
import { report } from "./fast-paths/report.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes("--quick");
const OPTIONS: MeasureOptions = quick
  ? { sizes: [1e5, 1e6], rounds: 3, trainingRuns: 2, epochs: 20 }
  : { sizes: [1e6, 1e7], rounds: 7, trainingRuns: 5, epochs: 100 };

const PAGE = `<!doctype html><meta charset="utf-8"><title>Moments bench</title><link rel="icon" href="data:,"><script>
window.bench = (options) => new Promise((resolve, reject) => {
  const worker = new Worker("worker.js");
  worker.onmessage = ({ data }) => {
    if (data.progress) console.log(data.progress);
    else if (data.error) reject(new Error(data.error));
    else resolve(data.result);
  };
  worker.onerror = (event) => reject(new Error(event.message));
  worker.postMessage({ options, wasmPaths: new URL("tfjs/", location.href).href });
});
</script>`;

const started = performance.now();
console.error("Node: measuring in a child process…");
const nodeOutput = execFileSync(process.execPath, [path.join(here, "fast-paths/node.ts"), JSON.stringify(OPTIONS)], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
  maxBuffer: 1 << 24,
});
const node = JSON.parse(nodeOutput.trim().split("\n").at(-1)!) as Measurements;

console.error("Chromium: bundling the worker…");
const chromium = await inChromium(OPTIONS);

console.log(`Moments fast paths: ${quick ? "QUICK run (small sizes, not the issue's)" : "one run, both platforms"};`);
console.log("medians over rounds; ratios are between contenders measured side by side in this run.\n");
for (const line of [...report(node), ...report(chromium)]) console.log(line);
console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s in all)`);

async function inChromium(options: MeasureOptions): Promise<Measurements> {
  const directory = mkdtempSync(path.join(tmpdir(), "moments-bench-"));
  try {
    await build({
      entryPoints: [path.join(here, "fast-paths/worker.ts")],
      outfile: path.join(directory, "worker.js"),
      bundle: true,
      format: "iife",
      platform: "browser",
      target: "es2022",
      logLevel: "error",
      define: { "process.env.NODE_ENV": '"production"' },
    });
    const wasmDirectory = path.join(here, "../node_modules/@tensorflow/tfjs-backend-wasm/dist");
    mkdirSync(path.join(directory, "tfjs"));
    for (const file of [
      "tfjs-backend-wasm.wasm",
      "tfjs-backend-wasm-simd.wasm",
      "tfjs-backend-wasm-threaded-simd.wasm",
    ])
      copyFileSync(path.join(wasmDirectory, file), path.join(directory, "tfjs", file));
    writeFileSync(path.join(directory, "index.html"), PAGE);
    const server = await serveStatic(directory);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      page.on("console", (message) => console.error(`  … ${message.text()}`));
      await page.goto(`${server.url}index.html`);
      return await page.evaluate((o) => (window as unknown as { bench(o: unknown): Promise<Measurements> }).bench(o), options); // prettier-ignore
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
