import { describe, expect, it } from "vitest";
import { adam, adamw } from "../../src/optim/index.ts";

describe("adamw", () => {
  it("shrinks x by 1 − lr·λ, then takes Adam's step", () => {
    // lr = 0.1, λ = 0.5: shrink = 0.95; Adam's first step is lr·g/(|g| + ε) ≈ 0.1 per coordinate.
    // x = (0.95·3 − 0.1, 0.95·4 − 0.1) ≈ (2.75, 3.7).
    const opt = adamw({ lr: 0.1, weightDecay: 0.5 });
    const x = Float64Array.of(3, 4);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(6, 8), state);
    expect(x[0]).toBeCloseTo(2.75, 9);
    expect(x[1]).toBeCloseTo(3.7, 9);
  });

  it("keeps the decay out of m and v, unlike adam's L2 weightDecay", () => {
    // g = 0: adamw only shrinks (x = 0.9·2 = 1.8, m = v = 0); adam's decay enters the gradient (m = 0.1·0.5·2).
    const decoupled = adamw({ lr: 0.1, weightDecay: 1 });
    const x = Float64Array.of(2);
    const state = decoupled.init(x);
    decoupled.step(x, Float64Array.of(0), state);
    expect(x[0]).toBeCloseTo(1.8, 15);
    expect(state.m[0]).toBe(0);
    const l2 = adam({ lr: 0.1, weightDecay: 0.5 });
    const y = Float64Array.of(2);
    const l2State = l2.init(y);
    l2.step(y, Float64Array.of(0), l2State);
    expect(l2State.m[0]).toBeCloseTo(0.1, 15);
  });

  it("defaults to PyTorch's options (weightDecay 1e-2), without biasCorrection", () => {
    expect(adamw().options).toEqual({ lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false });
    expect(() => adamw({ biasCorrection: false } as never)).toThrow(/adamw: unknown option "biasCorrection"/);
  });
});
