import { describe, expect, it } from "vitest";
import { cellFenceKind, parseCellFence, splitExercise } from "../../src/markdown/cell-fence.ts";

describe("cell fences", () => {
  it("recognises ```ts cell and ```ts exercise (and typescript) only", () => {
    expect(cellFenceKind("ts", "cell")).toBe("cell");
    expect(cellFenceKind("typescript", "cell id=a")).toBe("cell");
    expect(cellFenceKind("ts", "exercise id=b")).toBe("exercise");
    expect(cellFenceKind("ts", "")).toBeUndefined();
    expect(cellFenceKind("ts", "cells")).toBeUndefined();
    expect(cellFenceKind("js", "cell")).toBeUndefined();
  });

  it("parses id and timeout", () => {
    expect(parseCellFence("cell")).toEqual({ kind: "cell" });
    expect(parseCellFence('cell id=adam-run timeout="120"')).toEqual({ kind: "cell", id: "adam-run", timeout: 120 });
    expect(parseCellFence("exercise id=sgd")).toEqual({ kind: "exercise", id: "sgd" });
  });

  it("says what was wrong with an option", () => {
    expect(() => parseCellFence("cell id=Adam_Run")).toThrow(
      'cell option id must be lowercase letters, digits and hyphens, starting with a letter; received "Adam_Run"',
    );
    expect(() => parseCellFence("cell timeout=-3")).toThrow(
      'cell option timeout must be a number of seconds in (0, 3600]; received "-3"',
    );
    expect(() => parseCellFence("cell timeout")).toThrow('received ""');
    expect(() => parseCellFence("exercise hidden")).toThrow(
      'unknown exercise option "hidden"; the options are id=…, timeout=…',
    );
  });
});

describe("splitExercise", () => {
  const source = [
    "function step(x: number) {",
    "  return x; // TODO",
    "}",
    "// --- solution",
    "function step(x: number) {",
    "  return x - 0.1 * 2 * x;",
    "}",
    "// --- checks",
    'check("one step", () => expect(step(1)).toBeCloseTo(0.8));',
    "// --- hint",
    "// The gradient of x² is 2x.",
    "// --- hint",
    "// Subtract lr times the gradient.",
  ].join("\n");

  it("splits starter, solution, checks and hints", () => {
    expect(splitExercise(source)).toEqual({
      starter: "function step(x: number) {\n  return x; // TODO\n}",
      solution: "function step(x: number) {\n  return x - 0.1 * 2 * x;\n}",
      checks: 'check("one step", () => expect(step(1)).toBeCloseTo(0.8));',
      hints: ["The gradient of x² is 2x.", "Subtract lr times the gradient."],
    });
  });

  it("requires a solution and checks, once each", () => {
    expect(() => splitExercise("x\n// --- checks\ncheck('a', () => {})")).toThrow('needs a "// --- solution" section');
    expect(() => splitExercise("x\n// --- solution\ny")).toThrow('needs a "// --- checks" section');
    expect(() => splitExercise("// --- solution\na\n// --- solution\nb\n// --- checks\nc")).toThrow(
      'line 3 starts a second "// --- solution" section',
    );
  });
});
