import { describe, expect, it } from "vitest";
import { adadelta } from "../../src/optim/index.ts";

describe("adadelta", () => {
  it("takes a first step of √ε/√(v + ε)·g, ε inside both roots", () => {
    // ρ = 0.9, ε = 1e-6, g = 6: v = 0.1·36 = 3.6, Δ = √1e-6/√(3.6 + 1e-6)·6 = 0.001·6/1.897367 ≈ 0.0031623,
    // u = 0.1·Δ² ≈ 1e-6, x = 3 − 1·Δ.
    const opt = adadelta();
    const x = Float64Array.of(3);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(6), state);
    const delta = (Math.sqrt(1e-6) / Math.sqrt(3.6 + 1e-6)) * 6;
    expect(state.v[0]).toBeCloseTo(3.6, 14);
    expect(state.u[0]).toBeCloseTo(0.1 * delta * delta, 18);
    expect(x[0]).toBeCloseTo(3 - delta, 14);
    expect(delta).toBeCloseTo(0.0031623, 7);
  });

  it("scales the update by lr, which the paper does not have", () => {
    const full = adadelta();
    const half = adadelta({ lr: 0.5 });
    const x = Float64Array.of(3);
    const y = Float64Array.of(3);
    full.step(x, Float64Array.of(6), full.init(x));
    half.step(y, Float64Array.of(6), half.init(y));
    expect(3 - y[0]!).toBeCloseTo((3 - x[0]!) / 2, 15);
  });

  it("defaults to PyTorch's options", () => {
    expect(adadelta().options).toEqual({ lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0 });
  });
});
