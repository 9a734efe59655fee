/**
 * A page's cells as one module keep the kernel's scope rules: what a sequence of cells does in the kernel, the
 * rewritten module does in Node. Rewrites happen only where a plain module would fail.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { planModule, type Piece } from "../../src/export/one-module.ts";

const cells = (...sources: string[]): Piece[] => sources.map((source) => ({ source, kind: "cell" }));
const plan = (pieces: Piece[], library: string[] = []) => planModule(pieces, library, "show");

const scratch = mkdtempSync(path.join(tmpdir(), "moments-one-module-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Run the planned module in Node (types stripped), with a library object; what `show` received, in order. */
function run(pieces: Piece[], library: Record<string, string> = {}): unknown[] {
  const planned = plan(pieces, Object.keys(library));
  const file = path.join(scratch, `module-${Math.random().toString(36).slice(2)}.ts`);
  const destructure = (keyword: string, names: string[]) =>
    names.length ? `${keyword} { ${names.join(", ")} } = library;` : "";
  writeFileSync(
    file,
    [
      "const shown: unknown[] = [];",
      "const show = (value: unknown) => { shown.push(value); };",
      `const library = { ${Object.entries(library)
        .map(([name, code]) => `${name}: ${code}`)
        .join(", ")} };`,
      destructure("const", planned.constant),
      destructure("let", planned.mutable),
      ...planned.code,
      "console.log(JSON.stringify(shown));",
      "export {};",
    ].join("\n"),
  );
  return JSON.parse(execFileSync(process.execPath, [file], { encoding: "utf8" }));
}

describe("planModule", () => {
  it("leaves cells without clashes as written (but shows a cell's last expression)", () => {
    expect(plan(cells("const a: number = 1;\nfunction f() { return a; }", "let b = f() + 1;\nb")).code).toEqual([
      "const a: number = 1;\nfunction f() { return a; }",
      "let b = f() + 1;\nshow(b)",
    ]);
  });

  it("does not wrap a last line that shows itself (display, console)", () => {
    expect(plan(cells("display(1);", "console.log(2)")).code).toEqual(["display(1);", "console.log(2)"]);
  });

  it("declares a name declared again with let, and makes the later declaration an assignment", () => {
    const { code } = plan(
      cells(
        "const x: number = 1;",
        "const x = 2, y = 3;",
        "const { a, b: [c] }: any = { a: x, b: [y] };",
        "const [a2, x2] = [1, 2];\nconst [p, x] = [5, 6];",
      ),
    );
    expect(code).toEqual([
      "let x: number = 1;",
      "let y; x = 2, y = 3;",
      "const { a, b: [c] }: any = { a: x, b: [y] };",
      "const [a2, x2] = [1, 2];\nlet p; [p, x] = [5, 6];",
    ]);
  });

  it("turns a const that any cell assigns into a let (the kernel's shared names are writable)", () => {
    const { code } = plan(
      cells("const theta = [1];\nconst fixed = 2;", "function step() { theta = theta.map((t) => t - 1); }"),
    );
    expect(code[0]).toBe("let theta = [1];\nconst fixed = 2;");
  });

  it("redeclares functions and classes as assignments of expressions", () => {
    const { code } = plan(
      cells("function f() { return 1; }\nclass A {}", "async function f() { return 2; }\nclass A { n = 1 }"),
    );
    expect(code[1]).toBe("f = async function f() { return 2; };\nA = class A { n = 1 };");
  });

  it("destructures the library names the cells use; those a cell declares or assigns with let", () => {
    const result = plan(cells("const r = adam(); Plot.plot({});", "const rounded = 1;", "sgd = null;"), [
      "adam",
      "sgd",
      "Plot",
      "rounded",
      "unused",
    ]);
    expect(result.constant).toEqual(["adam", "Plot"]);
    expect(result.mutable).toEqual(["sgd", "rounded"]);
    expect(result.code[1]).toBe("rounded = 1;");
  });

  it("makes every declaration of an exercise's solution an assignment, new names declared just before it", () => {
    const { code } = plan([
      { source: "function step(x: number) { return x; }", kind: "cell" },
      { source: 'check("c", () => expect(step(1)).toBe(0.8));', kind: "checks" },
      { source: "const rate = 0.2;\nfunction step(x: number) { return x - rate * x; }", kind: "solution" },
    ]);
    expect(code).toEqual([
      "function step(x: number) { return x; }",
      'check("c", () => expect(step(1)).toBe(0.8));',
      "let rate;\nrate = 0.2;\nstep = function step(x: number) { return x - rate * x; };",
    ]);
  });

  it("runs as the kernel would: redeclarations, assignments to earlier cells' names, library names replaced", () => {
    const shown = run(
      cells(
        "const x: number = 1;\nlet total = 0;\nfunction f() { return 'first'; }\nconst early = twice(2);",
        "const x = 10; // declared again\nfunction f() { return 'second'; }\ntotal += x;\n[x, f(), early]",
        "const twice = (n: number) => n * 3; // a cell's own `twice` replaces the library's from here on\nconst [a, [b]] = [twice(1), [x]];\n({ a, b, total })",
        "class Point { constructor(readonly_: number) {} }\nclass Point { y = 2 }\nnew Point().y",
        "let late;\nlet late = 'again';\nlate",
      ),
      { twice: "(n: number) => n * 2" },
    );
    expect(shown).toEqual([[10, "second", 4], { a: 3, b: 10, total: 10 }, 2, "again"]);
  });

  it("runs an exercise: the checks see the starter, the cells after it the solution", () => {
    const shown = run([
      { source: "function step(x: number) { return x; }\nconst starterRan = true;", kind: "cell" },
      { source: "show(['checks see', step(1)]);", kind: "checks" },
      { source: "const rate = 0.2;\nfunction step(x: number) { return x - rate * x; }", kind: "solution" },
      { source: "step(1)", kind: "cell" },
    ]);
    expect(shown).toEqual([["checks see", 1], 0.8]);
  });
});
