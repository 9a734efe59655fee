import { describe, expect, it } from "vitest";
import { CellSyntaxError, compileCell, SCOPE_PARAM } from "../../src/notebook/compile/transpile.ts";

const AsyncFunction = (async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<unknown>;

/** Run compiled cells against a plain scope object standing in for the kernel realm's global object. */
function runIn(scope: Record<string, unknown>, source: string) {
  const compiled = compileCell(source);
  const helper = {
    declare(names: string[], functions: Record<string, unknown>) {
      for (const name of names) if (!(name in scope)) scope[name] = undefined;
      Object.assign(scope, functions);
    },
  };
  // `with` stands in for "the global object is the scope"; the kernel test checks the real thing in a worker.
  const fn = new AsyncFunction(
    "__scope__",
    SCOPE_PARAM,
    `with (__scope__) { return (async () => { ${compiled.body}\n})(); }`,
  );
  return fn(scope, helper);
}

describe("compileCell", () => {
  it("strips TypeScript types and keeps every line on its line", () => {
    const source = "interface P { x: number }\nconst p: P = { x: 1 };\nlet n = p.x as number;\nn";
    const { body } = compileCell(source);
    expect(body.split("\n")).toHaveLength(source.split("\n").length);
    expect(body).not.toMatch(/interface|: P|as number/);
  });

  it("shares top-level declarations: const, let, var, destructuring, functions and classes", async () => {
    const scope: Record<string, unknown> = {};
    await runIn(
      scope,
      "const a = 1, { b, c: [d = 4] } = { b: 2, c: [] };\nlet e;\nvar f = 6;\nfunction g() { return a + 1 }\nclass H {}",
    );
    expect(scope).toMatchObject({ a: 1, b: 2, d: 4, e: undefined, f: 6 });
    expect((scope.g as () => number)()).toBe(2);
    expect(typeof scope.H).toBe("function");
    expect(compileCell("const a = 1, { b, c: [d] } = x; function g() {} class H {}").declared.sort()).toEqual([
      "H",
      "a",
      "b",
      "d",
      "g",
    ]);
  });

  it("lets a later cell redeclare a name (re-running a cell must not fail with 'already declared')", async () => {
    const scope: Record<string, unknown> = {};
    await runIn(scope, "const lr = 0.1;");
    await runIn(scope, "const lr = 0.2;");
    expect(scope.lr).toBe(0.2);
  });

  it("hoists function declarations within the cell", async () => {
    expect(await runIn({}, "const y = twice(3);\nfunction twice(n: number) { return 2 * n }\ny")).toBe(6);
  });

  it("returns the value of a final expression, and nothing after a final declaration", async () => {
    expect(compileCell("1 + 1").returnsValue).toBe(true);
    expect(compileCell("const x = 1").returnsValue).toBe(false);
    expect(await runIn({}, "const x = 20;\nx + 1 // a comment")).toBe(21);
    expect(await runIn({}, "const t = 2;\n({ t, double: 2 * t });")).toEqual({ t: 2, double: 4 });
  });

  it("supports top-level await", async () => {
    expect(await runIn({}, "const v = await Promise.resolve(41);\nv + 1")).toBe(42);
  });

  it("guards against a previous line without a semicolon", async () => {
    expect(await runIn({}, "const a = [1, 2]\nconst [x, y] = a\nx + y")).toBe(3);
  });

  it("reports TypeScript syntax errors at the cell's line and 1-based column", () => {
    const error = catchError(() => compileCell("const a = 1;\nconst b = (;"));
    expect(error).toBeInstanceOf(CellSyntaxError);
    expect(error).toMatchObject({ line: 2, column: 12 });
    expect((error as CellSyntaxError).reason).toBe("Unexpected token");
  });

  it("reports JavaScript-level syntax errors (found after type stripping) at the cell's line", () => {
    const error = catchError(() => compileCell("let ok = 1;\n\nlet ok2 = await;"));
    expect(error).toBeInstanceOf(CellSyntaxError);
    expect((error as CellSyntaxError).line).toBe(3);
  });

  it("rejects imports and exports with a message that says why", () => {
    expect(() => compileCell('\nimport { adam } from "moments"')).toThrow(
      "Cells do not import: the course library (every name it exports) and Plot are already in scope (line 2, column 1)",
    );
    expect(() => compileCell("export const a = 1")).toThrow(/Cells do not export/);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
