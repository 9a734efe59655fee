import { describe, expect, it } from "vitest";
import { radam, radamRectification } from "../../src/optim/index.ts";

describe("radam", () => {
  it("takes un-adapted steps lr·m̂ while ρ_t ≤ 5, then rectified Adam steps", () => {
    // β₂ = 0.999: ρ₁…ρ₅ = 1, 2.0, 3.0, 4.0, 4.996 ≤ 5, ρ₆ = 5.994. With g = 1 at every step m̂ = 1, so steps 1–5
    // move x by lr each. At step 6, √(1 − β₂⁶)/√v₆ = 1 (v₆ = 1 − β₂⁶) and the step is lr·r₆ with
    // r₆ = √((ρ₆ − 4)(ρ₆ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρ₆)) ≈ 0.02582 (ρ∞ = 1999).
    const opt = radam({ lr: 0.1 });
    const x = Float64Array.of(0);
    const state = opt.init(x);
    for (let t = 1; t <= 5; t++) opt.step(x, Float64Array.of(1), state);
    expect(x[0]).toBeCloseTo(-0.5, 14);
    opt.step(x, Float64Array.of(1), state);
    expect(-0.5 - x[0]!).toBeCloseTo(0.1 * 0.0258211128, 9);
  });

  it("gives the rectification r_t, null until ρ_t > 5, tending to 1", () => {
    expect([1, 2, 3, 4, 5].map((t) => radamRectification(t, 0.999))).toEqual([null, null, null, null, null]);
    expect(radamRectification(6, 0.999)).toBeCloseTo(0.0258211128, 9);
    expect(radamRectification(100_000, 0.999)).toBeCloseTo(1, 9);
    expect(radamRectification(1000, 0)).toBeNull(); // β₂ = 0: ρ∞ = 1, never tractable
  });

  it("defaults to PyTorch's options", () => {
    expect(radam().options).toEqual({ lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 });
  });
});
