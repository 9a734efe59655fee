import { describe, expect, it } from "vitest";
import { adamax } from "../../src/optim/index.ts";

describe("adamax", () => {
  it("takes a first step of lr·g/(|g| + ε), and keeps u = max(β₂u, |g| + ε)", () => {
    // β = (0.9, 0.999), g = (6, −8): m = 0.1·g, u = |g| + 1e-8, step size = lr/(1 − 0.9) = 1,
    // x = (3 − 0.6/(6 + 1e-8), 4 + 0.8/(8 + 1e-8)) ≈ (2.9, 4.1).
    const opt = adamax({ lr: 0.1 });
    const x = Float64Array.of(3, 4);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(6, -8), state);
    expect(state.u).toEqual(Float64Array.of(6 + 1e-8, 8 + 1e-8));
    expect(x[0]).toBeCloseTo(2.9, 9);
    expect(x[1]).toBeCloseTo(4.1, 9);
    // Step 2, g = (1, 100): u₁ = max(0.999·(6 + 1e-8), 1 + 1e-8) decays; u₂ = 100 + 1e-8 jumps to the new |g|.
    opt.step(x, Float64Array.of(1, 100), state);
    expect(state.u[0]).toBe(0.999 * (6 + 1e-8));
    expect(state.u[1]).toBe(100 + 1e-8);
  });

  it("is never divided by zero: u ≥ ε even for zero gradients", () => {
    const opt = adamax();
    const x = Float64Array.of(1);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(0), state);
    expect(state.u[0]).toBe(1e-8);
    expect(x[0]).toBe(1);
  });

  it("defaults to PyTorch's options", () => {
    expect(adamax().options).toEqual({ lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 });
  });
});
