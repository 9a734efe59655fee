/**
 * The claims the content review (issue 15) added to the lessons, checked in the built site: each number the new
 * prose states is the one its cell computed, and the conclusions drawn from them hold.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { DIST } from "../support/paths.ts";

/** A lesson's prose as a reader sees it: <main> without its cells, KaTeX's MathML removed. */
function prose(slug: string): string {
  const document = parseHTML(readFileSync(path.join(DIST, slug, "index.html"), "utf8")).document;
  const main = document.querySelector("main")!.cloneNode(true) as Element;
  for (const node of main.querySelectorAll("section[data-cell], .katex-mathml")) node.remove();
  return main.textContent!.replace(/\s+/g, " ");
}
const number = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1]?.replace("−", "-"));

describe("the content review's claims", () => {
  it("Adam, step by step: after a quiet stretch a step exceeds Kingma & Ba's 3.16 α, below the 7.27 α supremum", () => {
    const text = prose("lessons/adam");
    const step = number(text, /The step reaches ([\d.]+) α/);
    expect(step).toBeGreaterThan(6);
    expect(step).toBeLessThan(7.27);
    expect(text).toMatch(/= 3\.16 α/);
  });

  it("Decay rates: β₁ = 0.99 fails at β₂ = 0.999 and 0.9999, which meet β₁²/√β₂ < 1", () => {
    const text = prose("lessons/decay-rates");
    expect(number(text, /\(0\.99,0\.999\) gives ([\d.]+)/)).toBeGreaterThan(0.5);
    expect(number(text, /\(0\.99,0\.9999\) ([\d.]+), nearly as bad/)).toBeGreaterThan(0.5);
  });

  it("Momentum: Nesterov's stability limit 1.36 is below the heavy ball's 3.8", () => {
    const text = prose("lessons/momentum");
    expect(text).toMatch(/stable up to [^.]*= 3\.8, Nesterov only up to 1\.36\./);
  });

  it("Adam vs SGD vs AdaGrad: rotating the quadratic narrows Adam's range and leaves momentum the widest", () => {
    const text = prose("lessons/adam-vs-sgd-adagrad");
    const [, from, to] = /Adam’s range falls from ([\d.]+) to ([\d.]+) decades/.exec(text) ?? [];
    expect(Number(to)).toBeLessThan(Number(from));
    const momentum = number(text, /keeps its ([\d.]+) and is now the widest/);
    expect(momentum).toBeGreaterThan(Number(to));
    expect(number(text, /down only from ([\d.]+) at the start/)).toBeCloseTo(24.2, 1);
  });

  it("Implementation details: EPSILON = 10^-8 is −14 and the loss climbs", () => {
    const text = prose("lessons/implementation-details");
    expect(text).toMatch(/10 \^ -8 is −14/);
    expect(number(text, /the loss climbs to ([\d.]+)/)).toBeGreaterThan(number(text, /From f= ([\d.]+)/));
  });

  it("Memory-bound: Adam keeps two state vectors", () => {
    expect(prose("lessons/memory-bound")).toMatch(/Adam keeps 2 vectors the size of the parameters/);
  });

  it("AMSGrad: with β₂ = 0.999 Adam solves Reddi et al.'s problem", () => {
    expect(number(prose("lessons/amsgrad"), /Adam then ends at x= (−?[\d.]+)/)).toBeLessThan(-0.9);
  });
});
