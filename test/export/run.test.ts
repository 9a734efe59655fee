/** A lesson's cells run for its exports: the page's outputs and numbers, kept between builds when complete. */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseLesson } from "../../src/export/lesson.ts";
import { readCachedRun, runCacheFile, writeCachedRun } from "../../src/export/run-cache.ts";
import { runLesson } from "../../src/export/run.ts";
import { cell, demo } from "./support.ts";

const root = mkdtempSync(path.join(tmpdir(), "moments-run-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

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
    const run = await runLesson(lesson, "formats");
    expect(run.values).toEqual(["0.500"]);
    expect(run.outputs.get("a")).toEqual([
      { kind: "stream", level: "log", html: "hi" },
      { kind: "value", html: '<span class="i-number">0.5</span>' },
    ]);
    expect(run.complete).toBe(true);
  });

  it("runs an exercise's reference solution and its checks, as the page's build does", async () => {
    const exercise = 'let x = 0;\n// --- solution\nlet x = 2;\n// --- checks\ncheck("two", () => expect(x).toBe(2));';
    const run = await runLesson(parseLesson(demo(cell("x", exercise, "exercise"))), "exercise");
    expect(run.outputs.get("x")).toEqual([{ kind: "checks", results: [{ name: "two", passed: true }] }]);
  });

  it("keeps a complete run for the next build, under a key of the source and the library", async () => {
    mkdirSync(path.join(root, "src/optim"), { recursive: true });
    writeFileSync(path.join(root, "src/optim/adam.ts"), "// the library");
    const lesson = parseLesson(demo(['<Value of="n" />', "", cell("n", "const n = 3;")].join("\n"), "kept"));
    const run = await runLesson(lesson, "kept-source", root);
    const file = runCacheFile(root, "kept", "kept-source");
    expect(existsSync(file)).toBe(true);
    expect(readCachedRun(file)).toEqual({ outputs: run.outputs, values: ["3"] });
    expect(path.basename(runCacheFile(root, "kept", "another source"))).not.toBe(path.basename(file));
  });

  it("does not keep a run that failed", async () => {
    const lesson = parseLesson(demo(cell("boom", "throw new Error('boom')"), "failed"));
    const run = await runLesson(lesson, "failed-source", root);
    expect(run.complete).toBe(false);
    expect(run.outputs.get("boom")).toEqual([expect.objectContaining({ kind: "error", message: "boom" })]);
    expect(existsSync(runCacheFile(root, "failed", "failed-source"))).toBe(false);
  });

  it("replaces a lesson's older entry, and only that lesson's", () => {
    const folder = path.join(root, "cache");
    const entry = (slug: string, hash: string) => path.join(folder, `${slug}-${hash.repeat(24)}.json`);
    writeCachedRun(entry("adam", "a"), "adam", { outputs: new Map(), values: [] });
    writeCachedRun(entry("adam-in-one-page", "b"), "adam-in-one-page", { outputs: new Map(), values: [] });
    writeCachedRun(entry("adam", "c"), "adam", { outputs: new Map(), values: ["1"] });
    expect(readdirSync(folder).sort()).toEqual(
      [path.basename(entry("adam-in-one-page", "b")), path.basename(entry("adam", "c"))].sort(),
    );
  });
});
