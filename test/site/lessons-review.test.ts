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

describe("the seed claims the review found unaddressed", () => {
  it("Adam, step by step: automatic annealing — m̂ falls far more than √v̂, so the step shrinks at constant α", () => {
    const text = prose("lessons/adam");
    const [, mFold, vFold, step] =
      /m\^t\u200b falls (\d+(?:\.\d+)?)-fold but v\^t\u200b\u200b only (\d+(?:\.\d+)?)-fold, so the step in units of α falls from 1 to (\d+(?:\.\d+)?)/.exec(
        text,
      ) ?? [];
    expect(Number(mFold)).toBeGreaterThan(3 * Number(vFold));
    expect(Number(step)).toBeLessThan(0.5);
  });

  it("Adam, step by step: a small steady gradient moves Adam as far as a large one; a sparse one moves further than SGD", () => {
    const text = prose("lessons/adam");
    const [, small, large] =
      /moves Adam as far as a large one — (\d+(?:\.\d+)?) α against (\d+(?:\.\d+)?) α/.exec(text) ?? [];
    expect(Number(small)).toBeCloseTo(Number(large), -1);
    expect(number(text, /about (\d+(?:\.\d+)?) times its SGD distance/)).toBeGreaterThan(2);
  });

  it("Gradient descent: noise carries SGD over the double well's barrier, which the exact gradient never crosses", () => {
    const text = prose("lessons/gradient-descent");
    expect(number(text, /settles in the local minimum, at x= (\d+(?:\.\d+)?)/)).toBeCloseTo(0.96, 2);
    expect(number(text, /constant α, (\d+) of the 100 runs end on the global minimum’s side/)).toBeGreaterThan(50);
    const fixed = number(text, /they end on average (\d+(?:\.\d+)?) from a minimum/);
    const decayed = number(text, /they have settled, to within (\d+(?:\.\d+)?) of a minimum/);
    expect(decayed).toBeLessThan(fixed / 4);
    expect(number(text, /With α decayed, (\d+) runs end past the barrier/)).toBeGreaterThan(50);
  });

  it("Bias correction: skipping it does not make the double well's local minimum more likely", () => {
    const text = prose("lessons/bias-correction");
    const onLocalSide = number(text, /Of the 201 starts, (\d+) lie on the local minimum’s side/);
    const [, atSmall, atMiddle] =
      /as many runs end in the local minimum without correction as with it \((\d+) and (\d+)\)/.exec(text) ?? [];
    expect([Number(atSmall), Number(atMiddle)]).toEqual([onLocalSide, onLocalSide]);
    const [, without, withCorrection] =
      /fewer uncorrected runs end in the local minimum: (\d+) against (\d+)/.exec(text) ?? [];
    expect(Number(without)).toBeLessThan(Number(withCorrection));
  });

  it("RMSprop: its rates are per parameter — a thousandfold smaller gradient gets a thousandfold larger rate", () => {
    expect(
      number(prose("lessons/rmsprop"), /The second coordinate’s rate is (\d+(?:\.\d+)?) times the first’s/),
    ).toBeCloseTo(1000, -1);
  });

  it("Adam vs SGD vs AdaGrad: momentum helps at the saddle; ill-conditioning and saddles are different things", () => {
    const text = prose("lessons/adam-vs-sgd-adagrad");
    const [, sgdSteps, momentumSteps] = /momentum alone cuts SGD’s (\d+) steps to (\d+)/.exec(text) ?? [];
    expect(Number(momentumSteps)).toBeLessThan(Number(sgdSteps));
    expect(number(text, /The quadratic’s condition number is (\d+(?:\.\d+)?)/)).toBe(100);
    expect(number(text, /Rosenbrock’s at its minimum (\d+(?:\.\d+)?)/)).toBeGreaterThan(1000);
    expect(number(text, /the saddle’s condition number is (\d+(?:\.\d+)?)/)).toBe(1);
  });

  it("Adam as a preconditioner: 784 × 32 weights, and a Hessian-vector product from two gradients", () => {
    const text = prose("lessons/preconditioner");
    expect(number(text, /The layer has (\d+) weights/)).toBe(784 * 32);
    const [, exponent] = /to a relative error of \d+(?:\.\d+)? × 10⁻([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/.exec(text) ?? [];
    expect(Number([...exponent!].map((digit) => "⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(digit)).join(""))).toBeGreaterThanOrEqual(6);
  });
});
