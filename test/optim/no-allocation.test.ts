/**
 * The `step` path allocates nothing: no `new`, no array or object literal, no closure, no spread, no copying method.
 * A reading of the source (a heap measurement would be flaky): `step` in define.ts, which every optimizer shares, and
 * each optimizer's `update(x, grad, state, lr[, kernels]) { … }`, the fast path's check (fast-path.ts), and the copied
 * path's staging (staging.ts: what a copied step runs for each chunk; its views are made once, by helpers outside).
 *
 * Muon is the one optimizer that needs memory beyond its state: Newton–Schulz works on two r×n iterates and two r×r
 * Gram products (r, n = min and max of rows, cols). `muon.init` allocates them beside the state and every step
 * reuses them; only a state that did not come from `init` (a structured clone) gets its scratch at its first step,
 * from a helper outside `update` (muon.ts, `scratchFor`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const directory = new URL("../../src/optim/", import.meta.url);
const HEADS = [
  "step(x, grad, state) {",
  "update(x, grad, state, lr) {",
  "update(x, grad, state, lr, kernels) {",
  "): OptimizerKernels | null {",
  "export function stageIn(vector: Vector, slot: number, start: number): Vector {",
  "export function stageOut(vector: Vector, slot: number, start: number): void {",
  "function pieceOf(vector: Vector, start: number): Vector {",
  "function slotOf(slot: number, length: number): Float32Array {",
];
const bodies = readdirSync(directory)
  .filter((file) => file.endsWith(".ts"))
  .flatMap((file) => {
    const text = withoutComments(readFileSync(new URL(file, directory), "utf8"));
    return HEADS.filter((head) => text.includes(head)).map(
      (head) => [`${file}: ${head}`, bodyAfter(text, head)] as const,
    );
  });

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
}

/** The text between the braces that open at the end of `head`. */
function bodyAfter(text: string, head: string): string {
  const start = text.indexOf(head) + head.length;
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "{") depth++;
    if (text[i] === "}" && --depth === 0) return text.slice(start, i);
  }
  throw new Error("unbalanced braces");
}

const ALLOCATING: [string, RegExp][] = [
  ["new", /\bnew\b/],
  ["an array literal", /(^|[=(,:?]|return)\s*\[/m],
  ["an object literal", /(^|[=(,:?]|return)\s*\{\s*[\w"']+\s*[:,}]/m],
  ["a closure", /=>|\bfunction\b/],
  ["a spread", /\.\.\./],
  ["a copying method", /\.(map|filter|slice|concat|from|of)\(/],
  ["a template string", /`/],
];

describe("the step path allocates nothing", () => {
  it("finds the shared step, the fast-path check, the staging and the eleven update loops (adam and adamw share one)", () => {
    expect(bodies.map(([where]) => where.split(":")[0]).sort()).toEqual([
      "adadelta.ts",
      "adafactor.ts",
      "adagrad.ts",
      "adam.ts",
      "adamax.ts",
      "define.ts",
      "fast-path.ts",
      "lion.ts",
      "muon.ts",
      "nadam.ts",
      "radam.ts",
      "rmsprop.ts",
      "sgd.ts",
      "staging.ts",
      "staging.ts",
      "staging.ts",
      "staging.ts",
    ]);
  });

  it("recognises an allocation when it sees one", () => {
    const allocating = ["const g = new Float64Array(2);", "check(x, [1]);", "return { t: 1 };", "xs.map((v) => v)"];
    for (const line of allocating)
      expect(
        ALLOCATING.some(([, pattern]) => pattern.test(line)),
        line,
      ).toBe(true);
    expect(ALLOCATING.some(([, pattern]) => pattern.test("const { m, v } = state; x[i] = x[i]! - lr * g[i]!;"))).toBe(
      false,
    );
  });

  it.each(bodies)("%s", (_, body) => {
    for (const [what, pattern] of ALLOCATING) expect(body, `must not use ${what}`).not.toMatch(pattern);
  });
});
