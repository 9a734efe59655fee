/**
 * Properties over random options and random gradient sequences (fast-check): what must hold for every input, not just
 * for the hand-picked ones.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as optim from "../../src/optim/index.ts";
import {
  adafactor,
  adam,
  adamw,
  lion,
  sgd,
  type Optimizer,
  type ParameterLayout,
  type Vector,
} from "../../src/optim/index.ts";

const lr = fc.double({ min: 0, max: 1, noNaN: true });
const beta = fc.double({ min: 0, max: 0.999, noNaN: true });
const betas = fc.tuple(beta, beta);
const eps = fc.double({ min: 1e-12, max: 1e-2, noNaN: true });
const decay = fc.double({ min: 0, max: 0.5, noNaN: true });

/** Random valid options for each optimizer, every option in play. */
const OPTIONS: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  sgd: fc
    .record({ lr, momentum: beta, dampening: fc.constantFrom(0, 0.3, 1), nesterov: fc.boolean(), weightDecay: decay })
    .map((o) => ({ ...o, nesterov: o.nesterov && o.momentum > 0 && o.dampening === 0 })),
  adagrad: fc.record({
    lr,
    lrDecay: decay,
    weightDecay: decay,
    initialAccumulatorValue: fc.double({ min: 0, max: 1, noNaN: true }),
    eps,
  }),
  rmsprop: fc.record({ lr, alpha: beta, eps, weightDecay: decay, momentum: beta, centered: fc.boolean() }),
  adadelta: fc.record({ lr, rho: beta, eps, weightDecay: decay }),
  adam: fc.record({ lr, betas, eps, weightDecay: decay, amsgrad: fc.boolean(), biasCorrection: fc.boolean() }),
  adamw: fc.record({ lr, betas, eps, weightDecay: decay, amsgrad: fc.boolean() }),
  adamax: fc.record({ lr, betas, eps, weightDecay: decay }),
  nadam: fc.record({ lr, betas, eps, weightDecay: decay, momentumDecay: fc.double({ min: 0, max: 1, noNaN: true }) }),
  radam: fc.record({ lr, betas, eps, weightDecay: decay }),
  lion: fc.record({ lr, betas, weightDecay: decay }),
  adafactor: fc.record({
    lr,
    beta2Decay: fc.double({ min: -1, max: 0, noNaN: true }),
    eps: fc.tuple(fc.option(eps, { nil: null }), fc.double({ min: 0, max: 1e-2, noNaN: true })),
    d: fc.double({ min: 1, max: 10, noNaN: true }),
    weightDecay: decay,
    maximize: fc.boolean(),
  }),
  muon: fc.record({
    lr,
    weightDecay: decay,
    momentum: beta,
    nesterov: fc.boolean(),
    eps,
    nsSteps: fc.integer({ min: 0, max: 8 }),
    adjustLr: fc.constantFrom("original", "match_rms_adamw"),
  }),
};

/**
 * How each optimizer is told x's layout: Muon needs a matrix (a row, or 2×2 for four entries); Adafactor factors an
 * even-length x as a 2-row matrix, so both of its second moments are in play; the others get no shape.
 */
function layoutFor(name: string, length: number): ParameterLayout | undefined {
  if (name === "muon") return { shape: length === 4 ? [2, 2] : [1, length] };
  if (name === "adafactor" && length % 2 === 0) return { shape: [2, length / 2] };
  return undefined;
}

const make = (name: string, options: object) =>
  (optim as unknown as Record<string, (o: object) => Optimizer<any>>)[name]!(options);

/** A start and 1–20 gradients, all finite, |·| ≤ 1e6 (fast-check favours 0, tiny and extreme values). */
const run = fc.integer({ min: 1, max: 4 }).chain((dimension) => {
  const vector = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
    minLength: dimension,
    maxLength: dimension,
  });
  return fc.record({ x0: vector, gradients: fc.array(vector, { minLength: 1, maxLength: 20 }) });
});

function replay(
  optimizer: Optimizer<any>,
  { x0, gradients }: { x0: number[]; gradients: number[][] },
  layout = layoutFor(optimizer.name, x0.length),
) {
  const x = Float64Array.from(x0);
  const state = optimizer.init(x, layout);
  const after: { x: Float64Array; state: Record<string, unknown> }[] = [];
  for (const g of gradients) {
    optimizer.step(x, Float64Array.from(g), state);
    after.push({ x: x.slice(), state: structuredClone(state) });
  }
  return after;
}

function vectorsOf(state: Record<string, unknown>): number[] {
  return Object.values(state).flatMap((value) => (typeof value === "number" ? [value] : Array.from(value as Vector)));
}

describe.each(Object.keys(OPTIONS))("%s", (name) => {
  it("never moves x when lr = 0", () => {
    fc.assert(
      fc.property(OPTIONS[name]!, run, (options, path) => {
        for (const { x } of replay(make(name, { ...options, lr: 0 }), path))
          expect(Array.from(x).every((xi, i) => xi === path.x0[i])).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("never produces NaN or infinity from finite inputs with ε > 0", () => {
    fc.assert(
      fc.property(OPTIONS[name]!, run, (options, path) => {
        for (const { x, state } of replay(make(name, options), path)) {
          expect(Array.from(x).every(Number.isFinite), `x = ${x}`).toBe(true);
          expect(vectorsOf(state).every(Number.isFinite), `state = ${JSON.stringify(vectorsOf(state))}`).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("accepts Float32Array parameters and keeps float32 state", () => {
    const opt = make(name, {});
    const x = Float32Array.of(1, 2);
    const state = opt.init(x, layoutFor(name, 2));
    opt.step(x, Float32Array.of(0.5, -0.5), state);
    for (const value of Object.values(state)) if (typeof value !== "number") expect(value).toBeInstanceOf(Float32Array);
    expect(state.t).toBe(1);
  });
});

describe("relations between optimizers", () => {
  it("adamw with weightDecay 0 is adam, bit for bit", () => {
    const options = fc.record({ lr: fc.double({ min: 0, max: 1, noNaN: true }), betas, eps, amsgrad: fc.boolean() });
    fc.assert(
      fc.property(options, run, (o, path) => {
        expect(replay(adamw({ ...o, weightDecay: 0 }), path)).toEqual(replay(adam(o), path));
      }),
      { numRuns: 200 },
    );
  });

  it("sgd with momentum 0 is plain gradient descent x − lr·g, bit for bit", () => {
    fc.assert(
      fc.property(lr, fc.constantFrom(0, 0.5, 1), run, (rate, dampening, path) => {
        const x = Float64Array.from(path.x0);
        const expected = Float64Array.from(path.x0);
        const opt = sgd({ lr: rate, dampening });
        const state = opt.init(x);
        for (const g of path.gradients) {
          opt.step(x, Float64Array.from(g), state);
          for (let i = 0; i < g.length; i++) expected[i] = expected[i]! - rate * g[i]!;
          expect(x).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("lion with betas [0, 0] and no decay is sign descent x − lr·sign(g), bit for bit", () => {
    fc.assert(
      fc.property(lr, run, (rate, path) => {
        const x = Float64Array.from(path.x0);
        const expected = Float64Array.from(path.x0);
        const opt = lion({ lr: rate, betas: [0, 0] });
        const state = opt.init(x);
        for (const g of path.gradients) {
          opt.step(x, Float64Array.from(g), state);
          for (let i = 0; i < g.length; i++) expected[i] = expected[i]! - rate * Math.sign(g[i]!);
          expect(x).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("adafactor told shape [n] is adafactor without a shape (a vector), bit for bit", () => {
    fc.assert(
      fc.property(OPTIONS.adafactor!, run, (options, path) => {
        const asVector = replay(adafactor(options), path, { shape: [path.x0.length] });
        expect(asVector).toEqual(replay(adafactor(options), path, {}));
      }),
      { numRuns: 100 },
    );
  });

  it("adam's first step has size lr in every coordinate with a nonzero gradient as ε → 0", () => {
    // m̂₁ = g and √v̂₁ = |g| up to rounding, so the step is lr·g/(|g| + ε) → lr·sign(g). |g| ≥ 1e-100 keeps
    // (1 − β₂)·g² a normal number.
    const gradient = fc.oneof(
      fc.constant(0),
      fc.double({ min: 1e-100, max: 1e100, noNaN: true }),
      fc.double({ min: -1e100, max: -1e-100, noNaN: true }),
    );
    const options = fc.record({ lr: fc.double({ min: 1e-6, max: 10, noNaN: true }), betas, amsgrad: fc.boolean() });
    fc.assert(
      fc.property(options, fc.array(gradient, { minLength: 1, maxLength: 6 }), (o, g) => {
        const opt = adam({ ...o, eps: Number.MIN_VALUE });
        const x = new Float64Array(g.length);
        opt.step(x, Float64Array.from(g), opt.init(x));
        g.forEach((gi, i) => {
          if (gi === 0) expect(x[i]).toBe(0);
          else expect(Math.abs(-x[i]! - o.lr * Math.sign(gi)) / o.lr).toBeLessThan(1e-14);
        });
      }),
      { numRuns: 500 },
    );
  });
});
