import { describe, expect, it } from "vitest";
import { nadam } from "../../src/optim/index.ts";

// μ₁ and μ₂ for β₁ = 0.9, ψ = 0.004: 0.9·(1 − ½·0.96^0.004) ≈ 0.450073 and 0.9·(1 − ½·0.96^0.008) ≈ 0.450147.
const mu1 = 0.9 * (1 - 0.5 * 0.96 ** 0.004);
const mu2 = 0.9 * (1 - 0.5 * 0.96 ** 0.008);

describe("nadam", () => {
  it("takes a first step of lr·(1 + 0.1·μ₂/(1 − μ₁μ₂)) per coordinate: the paper's formula", () => {
    // g = (6, 8): m = 0.1·g, v = 0.001·g², √v̂ = |g|, so with d = |g| + ε:
    // x = x − lr·(1 − μ₁)/(1 − μ₁)·g/d − lr·μ₂/(1 − μ₁μ₂)·0.1·g/d ≈ x − 0.1·(1 + 0.0564529)·sign(g).
    const opt = nadam({ lr: 0.1 });
    const x = Float64Array.of(3, 4);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(6, 8), state);
    const step = 0.1 * (1 + (0.1 * mu2) / (1 - mu1 * mu2));
    expect(state.muProduct).toBe(mu1);
    expect(3 - x[0]!).toBeCloseTo(step, 9);
    expect(4 - x[1]!).toBeCloseTo(step, 9);
    expect(step).toBeCloseTo(0.105645, 6);
  });

  it("does not count μ₁ twice, as PyTorch 1.13's default path does", () => {
    // 1.13's single-tensor path uses 1 − μ₁·μ₁·μ₂ in the momentum term: a first step of 0.1·(1 + 0.0495305),
    // 6.9e-4 shorter than the paper's 0.1·(1 + 0.0564529).
    const pytorch113 = 0.1 * (1 + (0.1 * mu2) / (1 - mu1 * mu1 * mu2));
    const opt = nadam({ lr: 0.1 });
    const x = Float64Array.of(1);
    opt.step(x, Float64Array.of(1), opt.init(x));
    expect(Math.abs(1 - x[0]! - pytorch113)).toBeGreaterThan(6e-4);
  });

  it("keeps μ_t = β₁/2 with momentumDecay 0", () => {
    const opt = nadam({ momentumDecay: 0 });
    const x = Float64Array.of(1);
    const state = opt.init(x);
    expect(state.muProduct).toBe(1);
    for (let t = 0; t < 3; t++) opt.step(x, Float64Array.of(1), state);
    expect(state.muProduct).toBeCloseTo(0.45 ** 3, 15);
  });

  it("defaults to PyTorch's options", () => {
    expect(nadam().options).toEqual({ lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3 });
  });
});
