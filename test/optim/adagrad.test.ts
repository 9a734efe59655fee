import { describe, expect, it } from "vitest";
import { adagrad } from "../../src/optim/index.ts";

describe("adagrad", () => {
  it("divides the first step by |g|: a step of lr in each coordinate", () => {
    // g = (6, 8): sum = (36, 64), x = (3 − 0.1·6/(6 + 1e-10), 4 − 0.1·8/(8 + 1e-10)) ≈ (2.9, 3.9).
    const opt = adagrad({ lr: 0.1 });
    const x = Float64Array.of(3, 4);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(6, 8), state);
    expect(state).toEqual({ t: 1, sum: Float64Array.of(36, 64) });
    expect(x[0]).toBe(3 - (0.1 * 6) / (6 + 1e-10));
    expect(x[1]).toBe(4 - (0.1 * 8) / (8 + 1e-10));
  });

  it("decays the step size as lr / (1 + (t − 1)·lrDecay)", () => {
    // lr = 1, η = 1, g = 1 twice: step 1 = 1·1/√1 = 1; step 2 = (1/(1 + 1))·1/√2 = 0.35355….
    const opt = adagrad({ lr: 1, lrDecay: 1 });
    const x = Float64Array.of(0);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(1), state);
    expect(x[0]).toBeCloseTo(-1, 9);
    opt.step(x, Float64Array.of(1), state);
    expect(x[0]).toBeCloseTo(-1 - 0.5 / Math.SQRT2, 9);
  });

  it("starts the accumulator at initialAccumulatorValue", () => {
    // s₀ = 3, g = 1: s = 4, x = 0 − 0.5·1/√4 = −0.25.
    const opt = adagrad({ lr: 0.5, initialAccumulatorValue: 3 });
    const x = Float64Array.of(0);
    const state = opt.init(x);
    expect(state.sum).toEqual(Float64Array.of(3));
    opt.step(x, Float64Array.of(1), state);
    expect(x[0]).toBeCloseTo(-0.25, 9);
  });

  it("defaults to PyTorch's options", () => {
    expect(adagrad().options).toEqual({ lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10 });
  });
});
