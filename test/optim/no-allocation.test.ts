/**
 * The `step` path allocates nothing: no `new`, no array or object literal, no closure, no spread, no copying method.
 * A reading of the source (a heap measurement would be flaky): each optimizer's `step(x, grad, state) { … }` body.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const directory = new URL("../../src/optim/", import.meta.url);
const sources = readdirSync(directory)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => [file, readFileSync(new URL(file, directory), "utf8")] as const)
  .filter(([, text]) => text.includes("step(x, grad, state) {"));

/** The text between the braces of `step(x, grad, state) { … }`. */
function stepBody(text: string): string {
  const start = text.indexOf("step(x, grad, state) {") + "step(x, grad, state) {".length;
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

describe("step allocates nothing", () => {
  it("finds the nine optimizers' steps (adam and adamw share one)", () => {
    expect(sources.map(([file]) => file).sort()).toEqual(
      ["adadelta.ts", "adagrad.ts", "adam.ts", "adamax.ts", "nadam.ts", "radam.ts", "rmsprop.ts", "sgd.ts"],
    );
  });

  it.each(sources)("%s", (_, text) => {
    const body = stepBody(text);
    for (const [what, pattern] of ALLOCATING) expect(body, `step must not use ${what}`).not.toMatch(pattern);
  });
});
