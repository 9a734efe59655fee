/**
 * The `.ipynb` export: a valid nbformat 4.5 notebook for Deno's kernel — the library first, prose as markdown with
 * its math, cells verbatim with the build's outputs, exercises as starter, checks and a hidden solution.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { LibraryBundle } from "../../src/export/bundle.ts";
import type { CellNames } from "../../src/export/shared.ts";

import { lessonNotebook, lines, notebookOutputs, type NotebookCell } from "../../src/export/notebook.ts";
import type { Output } from "../../src/notebook/shared/outputs.ts";
import { drawingKit } from "../../src/notebook/kernel/drawing-kit.ts";
import { outputFor } from "../../src/notebook/shared/outputs.ts";
import { expectValidNotebook } from "./nbformat.ts";
import {
  cell,
  demo,
  lessonFiles,
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

const notebookOf = (source: LessonSource, values: (string | undefined)[] = [], outputs?: Map<string, Output[]>) =>
  lessonNotebook({ lesson: parseLesson(source), pageUrl: PAGE_URL, values, outputs, bundle, names });
const text = (cell: NotebookCell) => cell.source.join("");

describe("lessonNotebook", () => {
  const source = demo(
    [
      "# Steps",
      "",
      'The step is $\\alpha\\, \\hat m_t / \\sqrt{\\hat v_t}$, here <Value of="step" sig="2" />:',
      "",
      "$$",
      "\\theta_t = \\theta_{t-1} - \\alpha \\label{update}",
      "$$",
      "",
      cell("setup", "const step = 0.02;\nconsole.log(step);"),
      "",
      "As $\\eqref{update}$ says.",
      "",
      cell("chart", "Plot.plot({ marks: [] })"),
    ].join("\n"),
  );

  it("is a valid nbformat 4.5 notebook for Deno's kernel", () => {
    expectValidNotebook(notebookOf(source));
    for (const file of lessonFiles()) expectValidNotebook(notebookOf(lessonSource(file)));
  });

  it("says what it is first, then loads the library (collapsed), with Plot and linkedom bundled", () => {
    const [about, library] = notebookOf(source).cells;
    expect(about!.cell_type).toBe("markdown");
    expect(text(about!)).toMatch(
      /^# Demo\n\n\*A lesson for the tests\.\*\n\nA lesson exported from \[its page\]\(https:\/\/moments\.example\.org\/course\/lessons\/demo\/\)/,
    );
    expect(text(about!)).toContain("so the notebook runs offline in any folder");
    expect(library).toMatchObject({
      cell_type: "code",
      id: "moments-library",
      metadata: { jupyter: { source_hidden: true } },
    });
    expect(text(library!)).toContain(
      'const notebook = momentsLibrary({ lesson: "demo", plots: true });\nvoid Object.assign(globalThis, notebook.library);',
    );
    expect(text(library!)).toContain(bundle.runtime);
    expect(text(library!).endsWith(bundle.vendor)).toBe(true);
    expect(bundle.vendor).toMatch(/^function __momentsVendor\(\) \{/);
    expect(bundle.vendor.length).toBeGreaterThan(100_000);
  });

  it("imports nothing: an npm: import fails below any package.json (Deno then reads only that project's node_modules)", () => {
    for (const lesson of [source, demo(cell("a", "adam()"))]) {
      const library = text(notebookOf(lesson).cells[1]!);
      expect(library).not.toMatch(/^\s*import[\s*{]/m); // a static import
      expect(library).not.toMatch(/\bimport\s*\(/); // a dynamic one
      expect(library).not.toMatch(/["'`](?:npm|jsr):/); // a specifier Deno resolves from a registry
    }
  });

  it("carries no Plot for a lesson that does not draw", () => {
    const library = notebookOf(demo(cell("a", "adam()"))).cells[1]!;
    expect(text(library)).not.toContain("__momentsVendor() {");
    expect(text(library)).toContain("plots: false");
  });

  it("has a library cell that shows nothing (its last statement is void, not globalThis)", () => {
    const library = text(notebookOf(source).cells[1]!);
    // What runs before the bundled function declarations (which show nothing).
    const head = library.slice(0, library.indexOf(bundle.runtime));
    const statements = head.split("\n").filter((line) => line.trim() && !line.startsWith("//"));
    expect(statements).toEqual([
      'const notebook = momentsLibrary({ lesson: "demo", plots: true });',
      "void Object.assign(globalThis, notebook.library);",
    ]);
  });

  it("keeps the prose as markdown with its math for MathJax, the build's numbers in place of <Value>", () => {
    const markdown = notebookOf(source, ["0.020"])
      .cells.filter((cell) => cell.cell_type === "markdown")
      .slice(1)
      .map(text);
    expect(markdown).toEqual([
      "# Steps\n\nThe step is $\\alpha\\, \\hat m_t / \\sqrt{\\hat v_t}$, here 0.020:\n\n$$\n\\theta_t = \\theta_{t-1} - \\alpha \\tag{1}\n$$",
      "As (1) says.",
    ]);
  });

  it("marks a value the build did not compute with its expression", () => {
    expect(text(notebookOf(source).cells[2]!)).toContain("here [value of `step`]:");
  });

  it("has the cells verbatim, in order, with their ids and the build's outputs", () => {
    const { Plot } = drawingKit() as { Plot: { plot(options: object): unknown } };
    const chart = outputFor(Plot.plot({ ariaLabel: "empty", marks: [] }));
    const outputs = new Map<string, Output[]>([
      ["setup", [{ kind: "stream", level: "log", html: "0.02" }]],
      ["chart", [chart]],
    ]);
    const code = notebookOf(source, [], outputs)
      .cells.filter((cell) => cell.cell_type === "code")
      .slice(1);
    expect(code.map((cell) => [cell.id, text(cell)])).toEqual([
      ["setup", "const step = 0.02;\nconsole.log(step);"],
      ["chart", "Plot.plot({ marks: [] })"],
    ]);
    expect(code[0]!.outputs).toEqual([{ output_type: "stream", name: "stdout", text: ["0.02\n"] }]);
    expect(code[1]!.outputs![0]).toMatchObject({
      output_type: "display_data",
      data: { "text/plain": ["[figure: empty]"] },
    });
    expect(
      code[1]!.outputs![0]!.output_type === "display_data" && code[1]!.outputs![0]!.data["image/svg+xml"]![0],
    ).toMatch(/^<svg xmlns=/);
  });

  it("gives an exercise its hints, starter, a cell running its checks, and its solution collapsed", () => {
    const exercise =
      'let answer = 0;\n// --- solution\nlet answer = 42;\n// --- checks\ncheck("the answer", () => expect(answer).toBe(42));\n// --- hint\n// Six times seven.';
    const cells = notebookOf(demo(cell("answer", exercise, "exercise"))).cells.slice(2);
    expect(cells.map((cell) => [cell.cell_type, cell.id, text(cell), cell.metadata])).toEqual([
      ["markdown", "answer-about", expect.stringMatching(/^\*\*Exercise\.\*\* [^]*\n\*Hint:\* Six times seven\.$/), {}],
      ["code", "answer", "let answer = 0;", {}],
      [
        "code",
        "answer-checks",
        'await notebook.checks("answer", async () => {\ncheck("the answer", () => expect(answer).toBe(42));\n});',
        {},
      ],
      [
        "code",
        "answer-solution",
        expect.stringMatching(/^\/\/ The reference solution.*\nlet answer = 42;$/),
        { jupyter: { source_hidden: true } },
      ],
    ]);
    expect(cells.filter((cell) => cell.cell_type === "code").every((cell) => cell.outputs!.length === 0)).toBe(true);
  });

  it("gives cells unique ids even when a cell's id looks like a generated one", () => {
    const { cells } = notebookOf(
      demo([cell("moments-library", "1"), "", "Text.", "", cell("prose-3", "2")].join("\n")),
    );
    expect(new Set(cells.map((cell) => cell.id)).size).toBe(cells.length);
  });
});

describe("notebookOutputs", () => {
  it("turns each kind of output into Jupyter's", () => {
    expect(notebookOutputs({ kind: "stream", level: "warn", html: "careful &amp; slow" })).toEqual([
      { output_type: "stream", name: "stderr", text: ["careful & slow\n"] },
    ]);
    expect(notebookOutputs({ kind: "value", html: '<span class="i-number">1</span>' })).toEqual([
      { output_type: "display_data", data: { "text/plain": ["1"] }, metadata: {} },
    ]);
    expect(notebookOutputs(outputFor([{ a: 1 }]))).toEqual([
      {
        output_type: "display_data",
        data: { "text/plain": ["a\n", "─\n", "1"], "text/html": [expect.stringContaining("<table>")] },
        metadata: {},
      },
    ]);
    expect(notebookOutputs({ kind: "checks", results: [{ name: "one", passed: true }] })[0]).toMatchObject({
      data: { "text/plain": ["All 1 checks passed.\n", "  ✓ one"] },
    });
    expect(notebookOutputs({ kind: "note", text: "… 3 more console lines not shown." })[0]).toMatchObject({
      output_type: "stream",
      name: "stdout",
    });
    expect(notebookOutputs({ kind: "error", name: "RangeError", message: "bad", frames: [] })).toEqual([
      { output_type: "error", ename: "RangeError", evalue: "bad", traceback: ["RangeError: bad"] },
    ]);
    expect(notebookOutputs({ kind: "trace", values: { m: "0.1" } })).toEqual([]);
  });

  it("writes text as nbformat's lines", () => {
    expect(lines("a\nb\n")).toEqual(["a\n", "b\n"]);
    expect(lines("a\nb")).toEqual(["a\n", "b"]);
    expect(lines("")).toEqual([]);
  });
});
