import { describe, expect, it } from "vitest";
import { rmsprop } from "../../src/optim/index.ts";

describe("rmsprop", () => {
  it("takes a first step of lr/√(1 − α) per coordinate", () => {
    // α = 0.99, g = (6, 8): v = 0.01·g², σ = 0.1·|g| + 1e-8, step = 0.01·g/σ ≈ 0.1 per coordinate.
    const opt = rmsprop({ lr: 0.01 });
    const x = Float64Array.of(3, 4);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(6, 8), state);
    expect(state.v[0]).toBeCloseTo(0.36, 15);
    expect(x[0]).toBeCloseTo(2.9, 7);
    expect(x[1]).toBeCloseTo(3.9, 7);
    expect(Object.keys(state)).toEqual(["t", "v"]);
  });

  it("subtracts the squared mean gradient when centered", () => {
    // α = 0.99, g = 1: v = 0.01, ḡ = 0.01, σ = √(0.01 − 0.0001) = √0.0099 ≈ 0.0995, step = 0.01/0.0995 ≈ 0.1005.
    const opt = rmsprop({ lr: 0.01, centered: true });
    const x = Float64Array.of(0);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(1), state);
    expect(state.gAvg![0]).toBeCloseTo(0.01, 15);
    expect(x[0]).toBeCloseTo(-0.01 / (Math.sqrt(0.0099) + 1e-8), 12);
  });

  it("accumulates the normalised step in a momentum buffer", () => {
    // α = 0.99, μ = 0.5, g = 1 twice. Step 1: v = 0.01, σ = 0.1 + ε, b = 1/σ ≈ 10, x = −0.01·b ≈ −0.1.
    // Step 2: v = 0.99·0.01 + 0.01 = 0.0199, σ = √0.0199 + ε ≈ 0.14107, b = 0.5·b + 1/σ ≈ 12.089, x ≈ −0.1 − 0.12089.
    const opt = rmsprop({ lr: 0.01, momentum: 0.5 });
    const x = Float64Array.of(0);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(1), state);
    const b1 = 1 / (0.1 + 1e-8);
    expect(x[0]).toBeCloseTo(-0.01 * b1, 14);
    opt.step(x, Float64Array.of(1), state);
    const b2 = 0.5 * b1 + 1 / (Math.sqrt(0.0199) + 1e-8);
    expect(state.b![0]).toBeCloseTo(b2, 12);
    expect(x[0]).toBeCloseTo(-0.01 * b1 - 0.01 * b2, 14);
  });

  it("takes a negative rounded variance as 0 where PyTorch returns NaN", () => {
    // A constant g = 7 with α = 0.9: at step 331, v − ḡ² rounds to −1.4e-14. PyTorch 1.13 (checked) takes its square
    // root and x becomes NaN; here σ = √0 + ε and the step stays finite (huge, as the exact variance α³³¹(1 − α³³¹)·49
    // ≈ 3e-14 would also make it: centering divides a constant gradient by almost nothing).
    const opt = rmsprop({ lr: 0.01, alpha: 0.9, centered: true });
    const x = Float64Array.of(0);
    const state = opt.init(x);
    for (let t = 1; t <= 331; t++) opt.step(x, Float64Array.of(7), state);
    expect(state.v[0]! - state.gAvg![0]! ** 2).toBeLessThan(0);
    expect(Number.isFinite(x[0])).toBe(true);
  });

  it("defaults to PyTorch's options", () => {
    expect(rmsprop().options).toEqual({
      lr: 1e-2,
      alpha: 0.99,
      eps: 1e-8,
      weightDecay: 0,
      momentum: 0,
      centered: false,
    });
  });
});
