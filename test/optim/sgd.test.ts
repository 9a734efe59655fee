import { describe, expect, it } from "vitest";
import { sgd } from "../../src/optim/index.ts";

describe("sgd", () => {
  it("takes x − lr·g without momentum, and keeps no buffer", () => {
    // x = (3, 4), g = (6, 8), lr = 0.1: x = (3 − 0.6, 4 − 0.8) = (2.4, 3.2).
    const opt = sgd({ lr: 0.1 });
    const x = Float64Array.of(3, 4);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(6, 8), state);
    expect(x[0]).toBeCloseTo(2.4, 15);
    expect(x[1]).toBeCloseTo(3.2, 15);
    expect(state).toEqual({ t: 1 });
  });

  it("starts the momentum buffer at g₁ (no dampening on the first step), as PyTorch does", () => {
    // μ = 0.9, τ = 0.5, lr = 0.1, x = 1.
    // Step 1, g = 2: b = g = 2 (not (1 − τ)·2), x = 1 − 0.1·2 = 0.8.
    // Step 2, g = 4: b = 0.9·2 + 0.5·4 = 3.8, x = 0.8 − 0.1·3.8 = 0.42.
    const opt = sgd({ lr: 0.1, momentum: 0.9, dampening: 0.5 });
    const x = Float64Array.of(1);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(2), state);
    expect(state.b).toEqual(Float64Array.of(2));
    expect(x[0]).toBeCloseTo(0.8, 15);
    opt.step(x, Float64Array.of(4), state);
    expect(state.b![0]).toBeCloseTo(3.8, 15);
    expect(x[0]).toBeCloseTo(0.42, 15);
  });

  it("steps along g + μ·b with nesterov", () => {
    // μ = 0.9, lr = 0.1, x = 1, g = 2: b = 2, d = 2 + 0.9·2 = 3.8, x = 1 − 0.38 = 0.62.
    const opt = sgd({ lr: 0.1, momentum: 0.9, nesterov: true });
    const x = Float64Array.of(1);
    opt.step(x, Float64Array.of(2), opt.init(x));
    expect(x[0]).toBeCloseTo(0.62, 15);
  });

  it("adds weightDecay·x to the gradient", () => {
    // λ = 0.5, x = 2, g = 1: g' = 1 + 0.5·2 = 2, x = 2 − 0.1·2 = 1.8.
    const opt = sgd({ lr: 0.1, weightDecay: 0.5 });
    const x = Float64Array.of(2);
    opt.step(x, Float64Array.of(1), opt.init(x));
    expect(x[0]).toBeCloseTo(1.8, 15);
  });

  it("follows a learning-rate schedule of the 1-based step", () => {
    // lr = 1/t, g = 1: x = 0 − 1 − 1/2 − 1/3.
    const opt = sgd({ lr: (t) => 1 / t });
    const x = Float64Array.of(0);
    const state = opt.init(x);
    for (let t = 1; t <= 3; t++) opt.step(x, Float64Array.of(1), state);
    expect(x[0]).toBeCloseTo(-(1 + 1 / 2 + 1 / 3), 15);
  });

  it("defaults to PyTorch 2's lr = 1e-3 and PyTorch's other defaults", () => {
    expect(sgd().options).toEqual({ lr: 1e-3, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 });
  });

  it("rejects nesterov without momentum or with dampening, naming both values", () => {
    expect(() => sgd({ nesterov: true })).toThrow(
      new RangeError(
        "sgd: nesterov must be false unless momentum > 0 and dampening = 0; received momentum 0, dampening 0",
      ),
    );
    expect(() => sgd({ nesterov: true, momentum: 0.9, dampening: 0.1 })).toThrow(
      /received momentum 0\.9, dampening 0\.1$/,
    );
  });
});
