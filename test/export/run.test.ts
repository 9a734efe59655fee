/**
 * A lesson's cells run for its downloads when its page was not built in the same process (`astro dev`): the page's
 * outputs and numbers, from the same kernel and library. (In a build the downloads read the page's run.)
 */
import { describe, expect, it } from "vitest";
import { parseLesson } from "../../src/export/lesson.ts";
import { runLesson } from "../../src/export/run.ts";
import { pageRun, recordPageRun } from "../../src/notebook/build/page-runs.ts";
import { COURSE_LIBRARY } from "../../src/site/course.ts";
import path from "node:path";
import { ROOT } from "../support/paths.ts";
import { cell, demo } from "./support.ts";

const library = COURSE_LIBRARY.map((file) => path.join(ROOT, file));

describe("runLesson", () => {
  it("gives each cell's outputs and the prose's numbers, formatted as the page formats them", async () => {
    const lesson = parseLesson(
      demo(
        [
          'Half is <Value of="half" digits="3" />.',
          "",
          cell("a", "const half = 1 / 2;\nconsole.log('hi');\nhalf"),
        ].join("\n"),
      ),
    );
    const run = await runLesson(lesson, library);
    expect(run.values).toEqual(["0.500"]);
    expect(run.outputs.get("a")).toEqual([
      { kind: "stream", level: "log", html: "hi" },
      { kind: "value", html: '<span class="i-number">0.5</span>' },
    ]);
  });

  it("runs an exercise's reference solution and its checks, as the page's build does", async () => {
    const exercise = 'let x = 0;\n// --- solution\nlet x = 2;\n// --- checks\ncheck("two", () => expect(x).toBe(2));';
    const run = await runLesson(parseLesson(demo(cell("x", exercise, "exercise"))), library);
    expect(run.outputs.get("x")).toEqual([{ kind: "checks", results: [{ name: "two", passed: true }] }]);
  });

  it("runs the cells against the course library", async () => {
    const run = await runLesson(parseLesson(demo(cell("a", "adam({ lr: 0.1 }).options.lr"))), library);
    expect(run.outputs.get("a")).toEqual([{ kind: "value", html: '<span class="i-number">0.1</span>' }]);
  });

  it("reports a failing cell's error and leaves its values uncomputed", async () => {
    const lesson = parseLesson(demo(['<Value of="n" />', "", cell("boom", "throw new Error('boom')")].join("\n")));
    const run = await runLesson(lesson, library);
    expect(run.values).toEqual([undefined]);
    expect(run.outputs.get("boom")).toEqual([expect.objectContaining({ kind: "error", message: "boom" })]);
  });
});

describe("page runs", () => {
  it("hands a page's run to its downloads by file, across module instances", () => {
    const run = { outputs: new Map([["a", []]]), values: ["1"] };
    recordPageRun("/site/content/a.mdx", run);
    expect(pageRun("/site/content/../content/a.mdx")).toBe(run);
    expect(pageRun("/site/content/b.mdx")).toBeUndefined();
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("moments.page-runs")]).toBeInstanceOf(Map);
  });
});
