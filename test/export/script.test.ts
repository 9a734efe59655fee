/**
 * The `.ts` export: prose as comments, cells in order in one module, exercises with their checks, the library at
 * the end — and Node runs it in an empty folder, offline.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { stripTypeScriptTypes } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LibraryBundle } from "../../src/export/bundle.ts";
import type { CellNames } from "../../src/export/shared.ts";
import { linkResolver } from "../../src/markdown/lesson.ts";
import { comment, lessonScript } from "../../src/export/script.ts";
import {
  cell,
  demo,
  hasLesson,
  lessonSource,
  PAGE_URL,
  parseLesson,
  wholeLibrary,
  type LessonSource,
} from "./support.ts";

let bundle: LibraryBundle;
let names: CellNames;
beforeAll(async () => {
  ({ bundle, names } = await wholeLibrary());
});

const scratch = mkdtempSync(path.join(tmpdir(), "moments-script-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const resolveLink = linkResolver({ pageUrl: PAGE_URL, pagePath: "/course/lessons/demo/", base: "/course/" });
const script = (source: LessonSource, values: (string | undefined)[] = []) =>
  lessonScript({ lesson: parseLesson(source, { resolveLink }), pageUrl: PAGE_URL, values, bundle, names });

/** Write the script alone in a fresh folder and run it with Node; its output and the files it left. */
function runScript(text: string, slug: string): { stdout: string; files: string[]; folder: string } {
  const folder = mkdtempSync(path.join(scratch, `${slug}-`));
  writeFileSync(path.join(folder, `${slug}.ts`), text);
  const stdout = execFileSync(process.execPath, [`${slug}.ts`], {
    cwd: folder,
    encoding: "utf8",
    timeout: 120_000,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { stdout, files: readdirSync(folder).sort(), folder };
}

/** The lines of the script before the library. */
const lessonPart = (text: string) => text.slice(0, text.indexOf("// ══ The cell library"));

describe("comment", () => {
  it("puts text in line comments, so nothing in it can end the comment or the line early", () => {
    expect(comment("a */ b\n\n  indented  \nc\u2028d\u2029e\r\nf")).toBe(
      "// a */ b\n//\n//   indented\n// c d e\n// f",
    );
  });
});

describe("lessonScript", () => {
  const source = demo(
    [
      'Steps move by $\\alpha$ (see [Adam](../adam/)); the first moved by <Value of="first" sig="2" />, the last by <Value of="last" />.',
      "",
      "$$",
      "m_t = \\beta_1 m_{t-1} \\label{m}",
      "$$",
      "",
      cell("setup", "const first = 0.2;\nconst last: number = 0.02;"),
      "",
      "By $\\eqref{m}$, comments cannot be closed: */ stays text.",
      "",
      cell("again", "const first = 1; // declared again, as re-running a cell would\nfirst + last"),
    ].join("\n"),
  );

  it("starts with how to run it, then the prose as comments with the build's numbers and TeX kept", () => {
    const text = lessonPart(script(source, ["0.20", undefined]));
    expect(text.split("\n")[0]).toBe(
      "// @ts-nocheck — the cells are the lesson's TypeScript; the library at the end is plain JavaScript.",
    );
    expect(text).toContain("// # Demo\n//\n// A lesson for the tests.");
    expect(text).toContain(`// A lesson exported from ${PAGE_URL}`);
    expect(text).toContain("// Run it with Node 22.18 or later, in any folder, offline:   node demo.ts");
    expect(text).toContain(
      "// Steps move by $\\alpha$ (see [Adam](https://moments.example.org/course/lessons/adam/)); the first moved by 0.20, the last by [value of `last`].",
    );
    expect(text).toContain("// $$\n// m_t = \\beta_1 m_{t-1} \\tag{1}\n// $$");
    expect(text).toContain("// By (1), comments cannot be closed: */ stays text.");
  });

  it("puts the cells in page order, each after a marker, in one module with the page's scope (a name declared again is a let)", () => {
    const text = lessonPart(script(source));
    expect(text).toContain('notebook.cell(1, "setup");\nlet first = 0.2;\nconst last: number = 0.02;');
    expect(text).toContain(
      'notebook.cell(2, "again");\nfirst = 1; // declared again, as re-running a cell would\nnotebook.show(first + last)',
    );
    expect(text.indexOf('notebook.cell(1, "setup")')).toBeLessThan(text.indexOf('notebook.cell(2, "again")'));
    expect(text.trimEnd().endsWith("notebook.end();")).toBe(true);
  });

  it("bundles Plot and linkedom only into lessons that draw", () => {
    const plain = script(source);
    expect(plain).toContain('momentsLibrary({ lesson: "demo", script: import.meta.url, plots: false })');
    expect(plain).not.toContain("function __momentsVendor()");
    const drawing = script(demo(cell("chart", "Plot.plot({ marks: [] })")));
    expect(drawing).toContain("plots: true");
    expect(drawing).toContain("const { Plot } = notebook.library;");
    expect(drawing).toContain("function __momentsVendor()");
    expect(drawing.length - plain.length).toBeGreaterThan(500_000);
  });

  it("carries JavaScript that TypeScript reads the same (Node strips types from the whole file)", () => {
    expect(stripTypeScriptTypes(bundle.runtime)).toBe(bundle.runtime);
    expect(stripTypeScriptTypes(bundle.vendor)).toBe(bundle.vendor);
  });

  it("runs in Node in an empty folder: values printed, a later declaration of a name kept as on the page", () => {
    const { stdout } = runScript(script(source), "demo");
    expect(stdout).toMatch(/── cell 2 · again ─+\n1\.02\n/);
    expect(stdout).not.toContain("cell 1 · setup"); // a cell that shows nothing gets no header
  });

  it("runs an exercise: the starter's checks are listed, and the cells below run on the reference solution", () => {
    const exercise = [
      "function step(x: number, lr: number) {",
      "  return x; // your code here",
      "}",
      "// --- solution",
      "function step(x: number, lr: number) {",
      "  return x - lr * 2 * x;",
      "}",
      "// --- checks",
      'check("one step on x² from 1 with α = 0.1 gives 0.8", () => expect(step(1, 0.1)).toBeCloseTo(0.8, 12));',
      'check("a step from 0 stays at 0", () => expect(step(0, 0.1)).toBe(0));',
      "// --- hint",
      "// The gradient of x² is 2x.",
    ].join("\n");
    const text = script(demo([cell("step", exercise, "exercise"), "", cell("after", "step(1, 0.25)")].join("\n")));
    expect(lessonPart(text)).toContain(["// ── Exercise 1 · step ─"].join("\n"));
    expect(lessonPart(text)).toContain(
      [
        "// Your code goes here (the page's starter code). Run the file: the checks below say which pass.",
        "// Hint: The gradient of x² is 2x.",
        'notebook.cell(1, "step");',
        "function step(x: number, lr: number) {",
        "  return x; // your code here",
        "}",
        'await notebook.checks("step", async () => {',
        'check("one step on x² from 1 with α = 0.1 gives 0.8", () => expect(step(1, 0.1)).toBeCloseTo(0.8, 12));',
        'check("a step from 0 stays at 0", () => expect(step(0, 0.1)).toBe(0));',
        "});",
        "// The reference solution. It replaces your code for the cells below, so they run either way; delete it to run them on yours.",
        "step = function step(x: number, lr: number) {",
        "  return x - lr * 2 * x;",
        "};",
      ].join("\n"),
    );
    const { stdout } = runScript(text, "exercise");
    expect(stdout).toContain(
      "Checks of exercise step: 1 of 2 checks passed.\n  ✗ one step on x² from 1 with α = 0.1 gives 0.8\n      expected 1 to be close to 0.8 (within 5e-13)\n  ✓ a step from 0 stays at 0",
    );
    expect(stdout).toMatch(/── cell 2 · after ─+\n0\.5\n/);
  });

  it("runs a lesson that draws, writes its charts beside it, and gives inputs their defaults", () => {
    const body = [
      cell("inputs", 'const lr = slider({ label: "learning rate α", min: 0.01, max: 1, value: 0.1, log: true });'),
      "",
      cell(
        "chart",
        'const chart = display(Plot.plot({ ariaLabel: "a first line", marks: [Plot.lineY([1, 2])] }));\nchart.update(Plot.plot({ ariaLabel: "the line, updated", marks: [Plot.lineY([1, 2, 3])] }));',
      ),
      "",
      cell("table", "[{ step: 1, lr }, { step: 2, lr: lr / 2 }]"),
    ].join("\n");
    const { stdout, files, folder } = runScript(script(demo(body, "drawing")), "drawing");
    expect(stdout).toContain("learning rate α = 0.1  (slider, at its default; on the page you can change it)");
    expect(stdout).toContain("[figure: a first line] → drawing-figure-1.svg");
    expect(stdout).toContain("step │   lr\n─────┼─────\n   1 │  0.1\n   2 │ 0.05");
    expect(files).toEqual(["drawing-figure-1.svg", "drawing.ts"]);
    expect(readFileSync(path.join(folder, "drawing-figure-1.svg"), "utf8")).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*aria-label="the line, updated"/,
    );
  });

  // A test of our course's own lesson: without it (a course of other lessons) it has nothing to run.
  it.skipIf(!hasLesson("01-adam-in-one-page.mdx"))(
    "runs a lesson of the course: Adam in one page reproduces its tutorial's table and draws its chart",
    () => {
      const { stdout, files } = runScript(script(lessonSource("01-adam-in-one-page.mdx")), "adam-in-one-page");
      expect(stdout).toContain("Epoch 150, current state: [ 0.00094425 -0.00038352]");
      expect(stdout).toContain(
        "[figure: Adam's paths on f(x, y) = x² + y² from (3, 4), with and without bias correction] → adam-in-one-page-figure-1.svg",
      );
      expect(files).toEqual(["adam-in-one-page-figure-1.svg", "adam-in-one-page.ts"]);
    },
  );
});
