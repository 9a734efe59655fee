import { describe, expect, it } from "vitest";
import { runCellsAtBuild } from "../../src/notebook/build/build-kernel.ts";
import { htmlToText } from "../../src/notebook/shared/inspect.ts";
import { renderOutputs, type Output } from "../../src/notebook/shared/outputs.ts";

/** Run cells through the real kernel in a worker thread (the build's kernel). */
async function run(...sources: string[]) {
  return runCellsAtBuild(sources.map((source, i) => ({ id: `c${i + 1}`, source, timeoutMs: 20_000 })));
}

const texts = (outputs: Output[]) => htmlToText(renderOutputs(outputs));

describe("kernel", () => {
  it("shares one scope between the cells of a page", async () => {
    const results = await run("const a: number = 2;", "function square(x: number) { return x * x }", "square(a) + 1");
    expect(results.map((r) => r.status)).toEqual(["ok", "ok", "ok"]);
    expect(texts(results[2]!.outputs)).toBe("5");
  });

  it("keeps console lines in order, then the cell's value", async () => {
    const [result] = await run('console.log("one", 1);\nconsole.warn("two");\nconsole.log({ three: [3] });\n"value"');
    expect(result!.outputs.map((o) => o.kind === "stream" && o.level)).toEqual(["log", "warn", "log", false]);
    expect(texts(result!.outputs)).toBe('one 1two{ three: [3] }"value"');
  });

  it("renders Observable Plot charts as inline SVG", async () => {
    const [result] = await run("Plot.lineY([1, 3, 2]).plot({ width: 200, height: 100 })");
    expect(result!.outputs).toHaveLength(1);
    expect(result!.outputs[0]).toMatchObject({ kind: "figure" });
    expect((result!.outputs[0] as { html: string }).html).toMatch(/^<svg[^>]*viewBox="0 0 200 100"/);
  });

  it("shows several display() calls in order", async () => {
    const [result] = await run("display(1);\ndisplay(new Float64Array([0.5, 2]));\ndisplay(new Map([['a', 1]]))");
    expect(texts(result!.outputs)).toBe('1Float64Array(2) [0.5, 2]Map(1) {"a" => 1}');
  });

  it("gives runtime errors the cell-relative line and drops the kernel's own frames", async () => {
    const [ok, failed] = await run("function inner() {\n  return missing + 1;\n}", "const x = 1;\n\ninner();");
    expect(ok!.status).toBe("ok");
    expect(failed!.status).toBe("error");
    const error = failed!.outputs.at(-1)!;
    expect(error).toMatchObject({ kind: "error", name: "ReferenceError", message: "missing is not defined", line: 3 });
    expect((error as { frames: string[] }).frames).toEqual(["at inner (cell c1, line 2)", "at (line 3)"]);
  });

  it("maps columns back past the code the kernel adds (declarations on line 1, the value's `return`)", async () => {
    const [first] = await run("const a = 1; null.x");
    expect(first!.outputs.at(-1)).toMatchObject({ kind: "error", line: 1, column: 19 });
    const [last] = await run("const b = 2;\n\nb.c.d;");
    expect(last!.outputs.at(-1)).toMatchObject({ kind: "error", line: 3, column: 5 });
  });

  it("reports syntax errors without running anything", async () => {
    const [result] = await run('console.log("never");\nconst = 3;');
    expect(result!.outputs).toEqual([
      { kind: "error", name: "SyntaxError", message: "Unexpected token", line: 2, column: 7, frames: [] },
    ]);
  });

  it("stops at the first failing cell", async () => {
    const results = await run("throw new Error('boom')", "1");
    expect(results).toHaveLength(1);
    expect(texts(results[0]!.outputs)).toBe("Error: boom (line 1, column 7)");
  });

  it("gives up on a cell that runs too long", async () => {
    const results = await runCellsAtBuild([{ id: "loop", source: "while (true) {}", timeoutMs: 300 }]);
    expect(results[0]!.status).toBe("timeout");
  });

  it("caps console output and says how much was left out", async () => {
    const [result] = await run("for (let i = 0; i < 5000; i++) console.log(i)");
    const lines = result!.outputs.filter((o) => o.kind === "stream");
    expect(lines).toHaveLength(1000);
    expect(result!.outputs.at(-1)).toEqual({
      kind: "note",
      text: "… 4000 more console lines not shown (the first 1000 are).",
    });
  });
});

describe("kernel: inputs and exercise checks", () => {
  it("shows a cell's inputs first, at their default values", async () => {
    const [result] = await run(
      'const lr = slider({ label: "α", min: 0.001, max: 1, value: 0.1, log: true });\nconsole.log(lr)',
    );
    expect(result!.outputs[0]).toEqual({
      kind: "widget",
      spec: { type: "slider", key: "slider:α", label: "α", min: 0.001, max: 1, step: undefined, value: 0.1, log: true },
    });
    expect(texts(result!.outputs)).toContain("0.1");
  });

  it("runs an exercise's checks after its code and fails the run if one fails", async () => {
    const results = await runCellsAtBuild([
      {
        id: "ex",
        source: "function double(x: number) { return x * 3 }",
        checks:
          'check("doubles 2", () => expect(double(2)).toBe(4));\ncheck("keeps 0", () => expect(double(0)).toBe(0));',
        timeoutMs: 20_000,
      },
    ]);
    expect(results[0]!.status).toBe("error");
    expect(results[0]!.outputs).toEqual([
      {
        kind: "checks",
        results: [
          { name: "doubles 2", passed: false, message: "expected 6 to be 4" },
          { name: "keeps 0", passed: true },
        ],
      },
    ]);
  });

  it("refuses check() outside an exercise", async () => {
    const [result] = await run('check("x", () => {})');
    expect(texts(result!.outputs)).toMatch(/check\(\) only works in an exercise's checks/);
  });
});

describe("kernel: live outputs", () => {
  it("display() returns a handle whose update() replaces what it showed; the handle itself is not shown", async () => {
    const [result] = await run(
      'const view = display("epoch 0");\nfor (let e = 1; e <= 3; e++) view.update(`epoch ${e}`);\nview',
    );
    expect(result!.outputs).toEqual([
      { kind: "value", html: '<span class="i-string">&quot;epoch 3&quot;</span>', slot: 1 },
    ]);
  });

  it("progress() shows a bar that update() advances", async () => {
    const [result] = await run('const bar = progress({ label: "training", total: 10 });\nbar.update(4);');
    expect(result!.outputs).toEqual([{ kind: "progress", label: "training", value: 4, total: 10, slot: 1 }]);
    expect(renderOutputs(result!.outputs)).toContain('<progress max="10" value="4"></progress>');
  });
});

describe("kernel: traced lines (equations beside code)", () => {
  it("reports the value each //: label line produced at the last step, after the run", async () => {
    const source = [
      "let m = 0;",
      "for (let t = 1; t <= 3; t++) {",
      "  const g = 2 * t;             //: g",
      "  m = 0.9 * m + 0.1 * g;       //: m",
      "  const mHat = m / (1 - 0.9 ** t); //: mHat",
      "}",
    ].join("\n");
    const results = await runCellsAtBuild([{ id: "adam", source, timeoutMs: 20_000, trace: true }]);
    // t = 3: g = 6; m = 0.9·(0.9·0.2 + 0.4) + 0.6 = 1.122; m̂ = 1.122 / (1 − 0.729) = 4.1402…
    expect(results[0]!.outputs).toEqual([{ kind: "trace", values: { g: "6", m: "1.122", mHat: "4.14" } }]);
  });

  it("traces nothing unless asked", async () => {
    const [result] = await run("let a = 1; //: a\na = 2; //: a");
    expect(result!.outputs.filter((output) => output.kind === "trace")).toEqual([]);
  });
});
