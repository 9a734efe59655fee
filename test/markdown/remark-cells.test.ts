import { compile } from "@mdx-js/mdx";
import remarkMath from "remark-math";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import remarkCells from "../../src/markdown/remark-cells.ts";
import remarkLesson, { type RemarkLessonOptions } from "../../src/markdown/remark-lesson.ts";

/** remark-lesson builds the model remark-cells runs (the plugin puts it first). */
const lesson: [typeof remarkLesson, RemarkLessonOptions] = [
  remarkLesson,
  { root: "/project", routeOf: () => "/lessons/x/" },
];

const component = "/components/Cell.astro";

async function compileLesson(mdx: string) {
  const file = new VFile({ path: "/project/content/lessons/01-test.mdx", value: mdx });
  const result = await compile(file, {
    remarkPlugins: [remarkMath, lesson, [remarkCells, { component, root: "/project" }]],
  });
  return String(result);
}

const fence = (meta: string, code: string) => "```ts " + meta + "\n" + code + "\n```";

const exercise = (body: string) => "```ts exercise id=ex\n" + body + "\n```";

describe("remarkCells", () => {
  it("turns ```ts cell fences into Cell components with build-time output, and imports the component", async () => {
    const js = await compileLesson(
      [
        "# Title",
        "",
        fence("cell", "const lr: number = 0.5;"),
        "",
        "text",
        "",
        fence("cell id=show", "console.log(lr * 2)"),
      ].join("\n"),
    );
    expect(js).toContain(`import Cell from "${component}"`);
    expect(js).toMatch(/_jsx\(Cell, \{\s*id: "cell-1",\s*number: "1"/);
    expect(js).toMatch(/id: "show",\s*number: "2"/);
    // The second cell saw the first cell's declaration: its pre-rendered output is 1.
    expect(js).toContain('output: "<pre class=\\"out out-stream out-log\\"><span class=\\"i-number\\">1</span></pre>"');
    // Highlighted code uses the editor's token classes.
    expect(js).toContain("tok-keyword");
  });

  it("puts the notebook bar before the first cell when given one", async () => {
    const file = new VFile({
      path: "/project/x.mdx",
      value: "Intro\n\n" + fence("cell", "1") + "\n\n" + fence("cell", "2"),
    });
    const js = String(
      await compile(file, {
        remarkPlugins: [lesson, [remarkCells, { component, bar: "/components/Bar.astro", root: "/project" }]],
      }),
    );
    expect(js).toContain('import NotebookBar from "/components/Bar.astro"');
    expect(js.match(/_jsx\(NotebookBar, \{\}\)/g)).toHaveLength(1);
    expect(js.indexOf("_jsx(NotebookBar")).toBeLessThan(js.indexOf("_jsx(Cell"));
  });

  it("puts the bar before the block that holds the first cell, not inside it", async () => {
    const file = new VFile({ path: "/project/x.mdx", value: "<div>\n\n" + fence("cell", "1") + "\n\n</div>" });
    const js = String(
      await compile(file, {
        remarkPlugins: [lesson, [remarkCells, { component, bar: "/components/Bar.astro", root: "/project" }]],
      }),
    );
    expect(js).toMatch(/_jsx\(NotebookBar, \{\}\), "\\n", _jsx\("div", \{\s*children: _jsx\(Cell/);
  });

  it("builds an exercise from its starter code, checking the reference solution at build time", async () => {
    const js = await compileLesson(
      exercise(
        'const answer = 0; // TODO\n// --- solution\nconst answer = 42;\n// --- checks\ncheck("is 42", () => expect(answer).toBe(42));\n// --- hint\n// Think.',
      ),
    );
    expect(js).toMatch(/kind: "exercise"/);
    expect(js).toContain('checks: "check(\\"is 42\\", () => expect(answer).toBe(42));"');
    expect(js).toContain('hints: "[\\"Think.\\"]"');
    expect(js).toContain("Write your code, then press Run: 1 checks will test it.");
  });

  it("fails the build when an exercise's starter already passes its checks, or does not compile", async () => {
    await expect(
      compileLesson(
        exercise('let a = 42;\n// --- solution\nlet a = 42;\n// --- checks\ncheck("is 42", () => expect(a).toBe(42));'),
      ),
    ).rejects.toThrow(
      "content/lessons/01-test.mdx:1: cell 1 (ex): the exercise's starter code passes all its checks; a starter must fail them, or the learner has nothing to do",
    );
    await expect(
      compileLesson(
        exercise('let a = ;\n// --- solution\nlet a = 42;\n// --- checks\ncheck("is 42", () => expect(a).toBe(42));'),
      ),
    ).rejects.toThrow(/cell 1 \(ex\): the exercise's starter code does not compile: SyntaxError: /);
  });

  it("runs the starter before the solution, and the cells below see the solution", async () => {
    const js = await compileLesson(
      [
        exercise('let a = 0;\n// --- solution\nlet a = 42;\n// --- checks\ncheck("is 42", () => expect(a).toBe(42));'),
        "",
        "```ts cell id=after\na + 1\n```",
      ].join("\n"),
    );
    expect(js).toContain("43");
  });

  it("fails the build when an exercise's reference solution fails its checks", async () => {
    await expect(
      compileLesson(
        exercise(
          'let a = 0;\n// --- solution\nconst a = 41;\n// --- checks\ncheck("is 42", () => expect(a).toBe(42));',
        ),
      ),
    ).rejects.toThrow(
      'content/lessons/01-test.mdx:1: cell 1 (ex): the reference solution fails its checks:\n    check "is 42": expected 41 to be 42',
    );
  });

  it("leaves ordinary code fences alone", async () => {
    const js = await compileLesson(fence("", "const x = 1") + "\n\n```js cell\nnot a ts cell\n```");
    expect(js).not.toContain("Cell");
  });

  it("fails with the file, the line in the file, the cell number and the line in the cell", async () => {
    const mdx = [
      "---",
      "title: t",
      "---",
      "",
      "Intro",
      "",
      fence("cell", "const a = 1;"),
      "",
      fence("cell", "const b = 2;\n\nb.c.d;"),
    ].join("\n");
    await expect(compileLesson(mdx)).rejects.toThrow(
      "content/lessons/01-test.mdx:14: cell 2 failed at line 3:5: TypeError: Cannot read properties of undefined (reading 'd')",
    );
  });

  it("fails on syntax errors with their line and column", async () => {
    await expect(compileLesson(fence("cell id=broken", "let x = (;"))).rejects.toThrow(
      "content/lessons/01-test.mdx:2: cell 1 (broken) failed at line 1:10: SyntaxError: Unexpected token",
    );
  });

  it("rejects unknown cell options and duplicate ids", async () => {
    await expect(compileLesson(fence("cell speed=fast", "1"))).rejects.toThrow(
      'content/lessons/01-test.mdx:1: unknown cell option "speed"; the options are id=…, timeout=…',
    );
    await expect(compileLesson(fence("cell id=a", "1") + "\n\n" + fence("cell id=a", "2"))).rejects.toThrow(
      'content/lessons/01-test.mdx:5: cell id "a" is used twice on this page',
    );
  });

  it("rejects a cell id that is also a heading's anchor", async () => {
    await expect(compileLesson("## Bias correction\n\n" + fence("cell id=bias-correction", "1"))).rejects.toThrow(
      'content/lessons/01-test.mdx:3: cell id "bias-correction" is also the anchor of the heading “Bias correction”; choose another id',
    );
  });

  it("fails a cell that runs longer than its build time limit", async () => {
    const started = Date.now();
    await expect(
      compile(new VFile({ path: "/project/x.mdx", value: fence("cell timeout=1", "while (true) {}") }), {
        remarkPlugins: [lesson, [remarkCells, { component, root: "/project", minBuildTimeout: 0.5 }]],
      }),
    ).rejects.toThrow(/x\.mdx:1: cell 1 was still running after \d+ s/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
