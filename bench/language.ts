/**
 * What the editor's TypeScript costs (`npm run bench:language`; build the site first, `npm run build`):
 *
 *   1. Payload (gzipped) of the language worker and of its page-side chunk — against the TypeScript compiler alone,
 *      minified (`typescript/lib/typescript.js` through esbuild): what any in-browser checker built on TypeScript's JS
 *      API, the TypeScript Playground and `@typescript/vfs` included, downloads before its own code and types.
 *   2. In Chromium, on the lesson with the most cell code: focus → first diagnostics on screen; keystroke → updated
 *      diagnostics on screen (median; it includes the lint pause after the last keystroke) and the worker's share of
 *      it (the page's `moments:language-diagnostics` measure); the worker's JavaScript heap (CDP's
 *      Runtime.getHeapUsage on the worker's target).
 *   3. In Node, the same cells through our service and through `@typescript/vfs`'s
 *      `createVirtualTypeScriptEnvironment` (the peer) over the same files: first diagnostics, then an edit → new
 *      diagnostics (median), taking turns after an untimed warm-up (so neither gets V8's warm TypeScript alone).
 *
 * Prints figures and ratios; asserts nothing (timings on a shared 2-core machine are noisy).
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { createVirtualTypeScriptEnvironment, createSystem } from "@typescript/vfs";
import { build } from "esbuild";
import ts from "typescript";
import type { CDPSession } from "playwright-core";
import { cellTypes } from "../src/notebook/build/declarations.ts";
import { resolveLibrary } from "../src/notebook/build/library.ts";
import { createCellService } from "../src/notebook/language/service.ts";
import { COURSE_LIBRARY } from "../src/site/course.ts";
import { launchBrowser } from "../test/support/browser.ts";
import { DIST, ROOT } from "../test/support/paths.ts";
import { serveStatic } from "../test/support/static-server.ts";

const RUNS = 15;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

// 1. Payload.
const assets = path.join(DIST, "_astro");
const files = readdirSync(assets);
const gz = (file: string) => gzipSync(readFileSync(path.join(assets, file)), { level: 9 }).length;
const worker = files.find((file) => /^language-worker[-.].*\.js$/.test(file));
const chunk = files.find((file) => /^language\.[\w-]+\.js$/.test(file));
if (!worker || !chunk) throw new Error(`no language worker in ${assets}: build the site first (npm run build)`);
const compiler = await build({
  entryPoints: [createRequire(import.meta.url).resolve("typescript")],
  bundle: true,
  minify: true,
  write: false,
  platform: "browser",
  format: "iife",
  logLevel: "silent",
  external: ["fs", "path", "os", "crypto", "buffer", "perf_hooks", "inspector", "source-map-support"],
});
const compilerGz = gzipSync(compiler.outputFiles[0]!.contents, { level: 9 }).length;
const types = await cellTypes(await resolveLibrary(COURSE_LIBRARY, ROOT), ROOT);
const typesGz = gzipSync(JSON.stringify(types), { level: 9 }).length;

// The lesson with the most cell code.
const lessons = readdirSync(path.join(ROOT, "content/lessons")).filter((file) => file.endsWith(".mdx"));
const codeOf = (file: string) =>
  [...readFileSync(path.join(ROOT, "content/lessons", file), "utf8").matchAll(/^```ts[^\n]*\n([\s\S]*?)^```/gm)].map(
    // An exercise's fence holds its solution and checks after its starter: the page's editor has the starter.
    (match) => match[1]!.split(/^\/\/ --- solution/m)[0]!,
  );
const longest = lessons
  .map((file) => ({ file, cells: codeOf(file) }))
  .sort((a, b) => b.cells.join("").length - a.cells.join("").length)[0]!;
const slug = longest.file.replace(/^\d+-/, "").replace(/\.mdx$/, "");

// 2. Chromium.
const server = await serveStatic(DIST);
const browser = await launchBrowser();
const focus: number[] = [];
const keystroke: number[] = [];
const workerShare: number[] = [];
let heap = 0;
let cellId: string;
try {
  for (let run = 0; run < 5; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}lessons/${slug}/`, { waitUntil: "load" });
    // The last cell on the page: it knows every cell above it.
    const cells = page.locator("[data-cell]");
    cellId = (await cells.nth((await cells.count()) - 1).getAttribute("id"))!;
    const started = await page.evaluate(() => performance.now());
    await page.locator(`#${cellId} .cell-code pre`).click();
    await page.waitForFunction(() => performance.getEntriesByName("moments:language-ready").length > 0, undefined, {
      timeout: 60_000,
    });
    focus.push(
      (await page.evaluate(() => performance.getEntriesByName("moments:language-ready")[0]!.startTime)) - started,
    );
    if (run === 0) {
      // One keystroke at a time at the end of the cell, alternately making and mending an error ("q": cannot find
      // name), each measured from the key press to the diagnostics on screen.
      await page.keyboard.press("ControlOrMeta+End");
      await page.keyboard.press("Enter");
      for (let key = 0; key < RUNS; key++) {
        const before = await page.evaluate(() => performance.getEntriesByName("moments:language-diagnostics").length);
        const wrong = key % 2 === 0;
        const pressed = await page.evaluate(() => performance.now());
        await page.keyboard.press(wrong ? "q" : "Backspace");
        await page.waitForFunction(
          ([id, expected]) => document.querySelectorAll(`#${id} .cm-lintRange-error`).length > 0 === expected,
          [cellId, wrong] as const,
          { timeout: 30_000 },
        );
        keystroke.push((await page.evaluate(() => performance.now())) - pressed);
        const measures = await page.evaluate(
          (count) =>
            performance
              .getEntriesByName("moments:language-diagnostics")
              .slice(count)
              .map((m) => m.duration),
          before,
        );
        if (measures.length > 0) workerShare.push(measures.at(-1)!);
      }
      heap = await workerHeap(await context.newCDPSession(page));
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

// 3. Node: our service against @typescript/vfs on the same program.
const makeOurs = () => {
  const service = createCellService(types);
  service.setCells(longest.cells.map((code, index) => ({ id: `c${index}`, code })));
  const last = `c${longest.cells.length - 1}`;
  return {
    diagnostics: () => service.diagnostics(last).length,
    edit: (suffix: string) => service.update(last, longest.cells.at(-1)! + suffix),
  };
};
const makePeer = () => {
  // The same files: our cell modules (code + tail, as our service makes them) and the same declarations.
  const service = createCellService(types);
  service.setCells(longest.cells.map((code, index) => ({ id: `c${index}`, code })));
  const fsMap = new Map<string, string>();
  for (const [file, text] of Object.entries(types.files)) fsMap.set(file, text);
  for (const lib of types.libs) fsMap.set(`/${lib}`, types.files[`/lib/${lib}`]!); // where @typescript/vfs looks
  const cellFiles = longest.cells.map((_, index) => `/cells/${index + 1}.ts`);
  const texts = cellFiles.map((_, index) => service.fileText(`c${index}`));
  cellFiles.forEach((file, index) => fsMap.set(file, texts[index]!));
  const system = createSystem(fsMap);
  const environment = createVirtualTypeScriptEnvironment(system, [types.globals, ...cellFiles], ts, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noImplicitAny: false,
    skipLibCheck: true,
    lib: types.libs,
    paths: Object.fromEntries(Object.entries(types.paths).map(([name, file]) => [name, [file]])),
  });
  const last = cellFiles.at(-1)!;
  const code = longest.cells.at(-1)!;
  return {
    diagnostics: () =>
      environment.languageService.getSyntacticDiagnostics(last).length +
      environment.languageService.getSemanticDiagnostics(last).length,
    edit: (suffix: string) => environment.updateFile(last, texts.at(-1)!.replace(code, code + suffix)),
  };
};
// TypeScript's own code warms up (V8 compiles it) on a first, untimed pass; then the two take turns going first.
timeService(makeOurs);
const rounds = { ours: [] as { first: number; edit: number }[], peer: [] as { first: number; edit: number }[] };
for (let round = 0; round < 6; round++) {
  const order = round % 2 === 0 ? (["ours", "peer"] as const) : (["peer", "ours"] as const);
  for (const who of order) rounds[who].push(timeService(who === "ours" ? makeOurs : makePeer));
}
const summary = (list: { first: number; edit: number }[]) => ({
  first: median(list.map((r) => r.first)),
  edit: median(list.map((r) => r.edit)),
});
const nodeOurs = summary(rounds.ours);
const nodePeer = summary(rounds.peer);

console.log(
  `Moments' editor TypeScript — ${longest.file} (${longest.cells.length} cells, ${longest.cells.join("").length} characters of code)\n`,
);
console.log("Payload (gzip -9)");
console.log(`  language worker (${worker})       ${kb(gz(worker))}`);
console.log(`    of which the cells' types (declarations, lib.*.d.ts, Plot, rendered docs)  ${kb(typesGz)}`);
console.log(`  page-side chunk (${chunk})        ${kb(gz(chunk))}`);
console.log(
  `  peer: the TypeScript compiler alone, minified   ${kb(compilerGz)}  → worker ÷ compiler ${(gz(worker) / compilerGz).toFixed(2)}×`,
);
console.log("\nChromium (medians)");
console.log(
  `  focus → first diagnostics on screen (worker start, types, first check)  ${ms(median(focus))}  (runs: ${focus.map(ms).join(", ")})`,
);
console.log(
  `  keystroke → updated diagnostics on screen   ${ms(median(keystroke))}  (includes the ${"250"} ms pause after the last keystroke)`,
);
console.log(`    of which the worker (request → answer)    ${ms(median(workerShare))}`);
console.log(`  worker's JS heap after ${RUNS} edits         ${heap ? kb(heap) : "n/a"}`);
console.log("\nNode, the same program (medians of 6 rounds, taking turns, after a warm-up)");
console.log(
  `  first diagnostics: ours ${ms(nodeOurs.first)}, @typescript/vfs ${ms(nodePeer.first)}  → ours ÷ peer ${(nodeOurs.first / nodePeer.first).toFixed(2)}×`,
);
console.log(
  `  edit → diagnostics: ours ${ms(nodeOurs.edit)}, @typescript/vfs ${ms(nodePeer.edit)}  → ours ÷ peer ${(nodeOurs.edit / nodePeer.edit).toFixed(2)}×`,
);

function timeService(make: () => { diagnostics(): number; edit(suffix: string): void }) {
  const started = performance.now();
  const service = make();
  service.diagnostics();
  const first = performance.now() - started;
  const edits: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    service.edit(i % 2 === 0 ? "\nundefinedName" : "");
    service.diagnostics();
    edits.push(performance.now() - t);
  }
  return { first, edit: median(edits) };
}

async function workerHeap(session: CDPSession): Promise<number> {
  const { targetInfos } = (await session.send("Target.getTargets")) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const target = targetInfos.find((info) => info.type === "worker" && /language-worker/.test(info.url));
  if (!target) return 0;
  const { sessionId } = (await session.send("Target.attachToTarget", {
    targetId: target.targetId,
    flatten: false,
  })) as {
    sessionId: string;
  };
  return new Promise<number>((resolve) => {
    const listener = (event: { sessionId: string; message: string }) => {
      const message = JSON.parse(event.message) as { id?: number; result?: { usedSize: number } };
      if (message.id === 1 && event.sessionId === sessionId) resolve(message.result?.usedSize ?? 0);
    };
    session.on("Target.receivedMessageFromTarget", listener);
    void session.send("Target.sendMessageToTarget", {
      sessionId,
      message: JSON.stringify({ id: 1, method: "Runtime.getHeapUsage" }),
    });
    setTimeout(() => resolve(0), 5000);
  });
}
