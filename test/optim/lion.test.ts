import { describe, expect, it } from "vitest";
import { lion } from "../../src/optim/index.ts";

describe("lion", () => {
  it("moves every coordinate by lr in the direction of sign(β₁m + (1 − β₁)g), then updates m with β₂", () => {
    // Step 1, m = 0: direction 0.1·g = (0.6, −0.8), x = (3 − 0.1, −4 + 0.1); m = 0.01·g = (0.06, −0.08).
    const opt = lion({ lr: 0.1 });
    const x = Float64Array.of(3, -4);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(6, -8), state);
    expect(x).toEqual(Float64Array.of(3 - 0.1, -4 + 0.1));
    expect(state.m).toEqual(Float64Array.of((1 - 0.99) * 6, (1 - 0.99) * -8));
    // Step 2, g = (−1, 0): direction (0.9·0.06 − 0.1, 0.9·(−0.08)) = (−0.046, −0.072): both move up by lr, although
    // the second coordinate's gradient is 0 (the momentum carries it). m = 0.99·m + 0.01·g.
    opt.step(x, Float64Array.of(-1, 0), state);
    expect(x).toEqual(Float64Array.of(3 - 0.1 + 0.1, -4 + 0.1 + 0.1));
    expect(state.m[0]).toBeCloseTo(0.06 * 0.99 - 0.01, 15);
    expect(state.m[1]).toBeCloseTo(-0.08 * 0.99, 15);
  });

  it("decays the weights by 1 − lr·λ before the sign step, and leaves x alone where the direction is 0", () => {
    const opt = lion({ lr: 0.1, weightDecay: 0.5 });
    const x = Float64Array.of(3, 2);
    opt.step(x, Float64Array.of(6, 0), opt.init(x));
    expect(x).toEqual(Float64Array.of(3 * 0.95 - 0.1, 2 * 0.95));
  });

  it("keeps one state vector, half of Adam's", () => {
    const state = lion().init(new Float64Array(10));
    expect(Object.keys(state).sort()).toEqual(["m", "t"]);
  });

  it("defaults to the reference code's options", () => {
    expect(lion().options).toEqual({ lr: 1e-4, betas: [0.9, 0.99], weightDecay: 0 });
  });
});
