import { describe, expect, it } from "vitest";
import { adafactor } from "../../src/optim/index.ts";

describe("adafactor", () => {
  it("steps a vector by ρ₁·RMS(x) along U = g/√(g²) = sign(g) at the first step", () => {
    // t = 1: β̂₂ = 1 − 1^τ = 0, so v = g² = (36, 64) and U = (1, 1), RMS(U) = 1 = d: no clipping.
    // ρ₁ = min(0.01, 1/√1) = 0.01, RMS(x) = √((9 + 16)/2) = 5/√2, so each coordinate moves by 0.05/√2.
    const opt = adafactor();
    const x = Float64Array.of(3, 4);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(6, 8), state);
    expect(state.v).toEqual(Float64Array.of(36, 64));
    expect(x[0]).toBeCloseTo(3 - 0.05 / Math.SQRT2, 15);
    expect(x[1]).toBeCloseTo(4 - 0.05 / Math.SQRT2, 15);
  });

  it("factors a matrix's second moment into row and column averages", () => {
    // g = [[1, 2], [3, 4]]: R = row means of g² = (5/2, 25/2), C = column means = (5, 10), mean R = 7.5,
    // V̂ = R Cᵀ / 7.5 = [[5/3, 10/3], [25/3, 50/3]], U² = g²/V̂ = (0.6, 1.2, 1.08, 0.96): RMS(U) = √0.96 < 1, no
    // clipping. RMS(x) = 1, so x = 1 − 0.01·U.
    const opt = adafactor();
    const x = Float64Array.of(1, 1, 1, 1);
    const state = opt.init(x, { shape: [2, 2] });
    opt.step(x, Float64Array.of(1, 2, 3, 4), state);
    // PyTorch's means are ‖row‖₂²/cols: √5² = 5.000000000000001, so R₁ and C₁ are 1 ulp off, as in PyTorch.
    const squared = (sum: number) => Math.sqrt(sum) ** 2;
    expect(Array.from(state.R!)).toEqual([squared(5) / 2, squared(25) / 2]);
    expect(Array.from(state.C!)).toEqual([squared(10) / 2, squared(20) / 2]);
    expect(state.v).toBeUndefined();
    [0.6, 1.2, 1.08, 0.96].forEach((u2, i) => expect(x[i]).toBeCloseTo(1 - 0.01 * Math.sqrt(u2), 15));
  });

  it("keeps rows + cols numbers for a matrix, not rows · cols", () => {
    const state = adafactor().init(new Float64Array(100 * 50), { shape: [100, 50] });
    expect([state.R!.length, state.C!.length]).toEqual([100, 50]);
    expect(adafactor().init(new Float64Array(6)).v!.length).toBe(6);
  });

  it("clips the update's RMS to d, caps ρ_t at lr, and decays by 1 − lr·λ", () => {
    // Step 2 of a constant gradient (1, 0) from x = (1, 1) with lr 0.1: β̂₂ = 1 − 2^−0.8, v = (1, 0) stays, so
    // U = (1, 0/√ε₁²) = (1, 0), RMS(U) = 1/√2 < d = 1. ρ₂ = min(0.1, 1/√2) = 0.1.
    const opt = adafactor({ lr: 0.1, weightDecay: 0.5 });
    const x = Float64Array.of(1, 1);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(1, 0), state);
    // Step 1: α = RMS(x)·0.1 = 0.1 (before the decay), x = 0.95·x − 0.1·U.
    expect(Array.from(x)).toEqual([0.95 - 0.1, 0.95]);
    const d = adafactor({ lr: 0.1, d: 1 });
    const y = Float64Array.of(0, 0);
    d.step(y, Float64Array.of(1, 1e-300), d.init(y)); // U ≈ (1, 1), but RMS(x) = 0: α = ε₂·ρ = 1e-4
    expect(y[0]).toBeCloseTo(-1e-4, 18);
  });

  it("defaults to PyTorch's options, with ε₁ = the machine ε of x's type", () => {
    expect(adafactor().options).toEqual({
      lr: 1e-2,
      beta2Decay: -0.8,
      eps: [null, 1e-3],
      d: 1,
      weightDecay: 0,
      maximize: false,
    });
    // A zero gradient: V̂ = 0 is floored at ε₁², U = 0, no NaN; x's RMS 1 scales nothing since U = 0.
    const opt = adafactor();
    const x = Float32Array.of(1, -1);
    opt.step(x, Float32Array.of(0, 0), opt.init(x));
    expect(Array.from(x)).toEqual([1, -1]);
  });
});
