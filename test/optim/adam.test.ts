import { describe, expect, it } from "vitest";
import { adam } from "../../src/optim/index.ts";
import { SEED_003_TABLE } from "./seed-003.ts";

/** Seed 003's run: f(x, y) = x² + y² from (3, 4), lr 0.02, β = (0.9, 0.9999), ε = 1e-8, epochs 0…150. */
function seed003(biasCorrection: boolean) {
  const opt = adam({ lr: 0.02, betas: [0.9, 0.9999], eps: 1e-8, biasCorrection });
  const x = Float64Array.of(3, 4);
  const state = opt.init(x);
  const printed: number[][] = [];
  for (let epoch = 0; epoch <= 150; epoch++) {
    opt.step(x, Float64Array.of(2 * x[0]!, 2 * x[1]!), state);
    if (epoch % 30 === 0) printed.push([x[0]!, x[1]!]);
  }
  return printed;
}

describe("adam", () => {
  it("reproduces seed 003's printed table (no bias correction) to 8 decimals", () => {
    const printed = seed003(false);
    expect(printed.map((row) => row.map((v) => v.toFixed(8)))).toEqual(
      SEED_003_TABLE.map((row) => row.map((v) => v.toFixed(8))),
    );
  });

  it("takes a first step of lr in each coordinate with bias correction, and lr·(1−β₁)/√(1−β₂) without", () => {
    // t = 1, g = (6, 8): m = 0.1·g, v = 0.0001·g², m̂ = g, v̂ = g² → step = 0.02·g/(|g| + 1e-8) ≈ 0.02.
    const corrected = adam({ lr: 0.02, betas: [0.9, 0.9999] });
    const x = Float64Array.of(3, 4);
    corrected.step(x, Float64Array.of(6, 8), corrected.init(x));
    expect(x[0]).toBeCloseTo(3 - (0.02 * 6) / (6 + 1e-8), 15);
    expect(x[1]).toBeCloseTo(4 - (0.02 * 8) / (8 + 1e-8), 15);
    expect(3 - x[0]!).toBeCloseTo(0.02, 9);
    // Uncorrected: step = 0.02 · 0.1·6 / (√(0.0001·36) + 1e-8) = 0.012 / 0.06000001 ≈ 0.2.
    expect(seed003(false)[0]![0]).toBeCloseTo(3 - 0.012 / (0.06 + 1e-8), 13);
  });

  it("keeps its state inspectable: t, m and v after each step", () => {
    const opt = adam({ lr: 0.1, betas: [0.5, 0.75] });
    const x = Float64Array.of(1);
    const state = opt.init(x);
    expect(state).toEqual({ t: 0, m: Float64Array.of(0), v: Float64Array.of(0) });
    opt.step(x, Float64Array.of(2), state);
    // m = 0.5·0 + 0.5·2 = 1; v = 0.75·0 + 0.25·4 = 1.
    expect(state).toMatchObject({ t: 1, m: Float64Array.of(1), v: Float64Array.of(1) });
  });

  it("with amsgrad, divides by the running maximum vMax of v", () => {
    // β = (0.5, 0.5), lr = 0.1, x = 0. Step 1, g = 2: m = 1, v = 2, vMax = 2.
    // Step 2, g = 0: m = 0.5, v = 1, vMax = 2; m̂ = 0.5/0.75, √v̂ from vMax = √2/√0.75, so the step is
    // 0.1·(0.5/0.75)/(√2/√0.75 + 1e-8) ≈ 0.0272 (plain Adam's √v̂ = √1/√0.75 would give ≈ 0.0385).
    const opt = adam({ lr: 0.1, betas: [0.5, 0.5], amsgrad: true });
    const x = Float64Array.of(0);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(2), state);
    expect(state).toMatchObject({ m: Float64Array.of(1), v: Float64Array.of(2), vMax: Float64Array.of(2) });
    const before = x[0]!;
    opt.step(x, Float64Array.of(0), state);
    expect(state.vMax).toEqual(Float64Array.of(2));
    expect(before - x[0]!).toBeCloseTo((0.1 * (0.5 / 0.75)) / (Math.SQRT2 / Math.sqrt(0.75) + 1e-8), 15);
  });

  it("freezes a coordinate whose gradient overflows g² (1e200), as PyTorch does, without NaN", () => {
    // v = 0.001·(1e200)² = Infinity, so m/(√v + ε) = 0: x does not move; the other coordinate steps by lr.
    const opt = adam({ lr: 0.1 });
    const x = Float64Array.of(1, 1);
    const state = opt.init(x);
    opt.step(x, Float64Array.of(1e200, 1), state);
    expect(state.v[0]).toBe(Infinity);
    expect(x[0]).toBe(1);
    expect(x[1]).toBeCloseTo(1 - 0.1 / (1 + 1e-8), 15);
  });

  it("names the optimizer, the parameter, the allowed range and the value in every error", () => {
    expect(() => adam({ lr: -1 })).toThrow(
      new RangeError("adam: lr must be a finite number ≥ 0 or a function of the step t; received -1"),
    );
    expect(() => adam({ betas: [0.9, 1] })).toThrow(
      new RangeError("adam: betas[1] must be a number in [0, 1); received 1"),
    );
    expect(() => adam({ eps: 0 })).toThrow(new RangeError("adam: eps must be a finite number > 0; received 0"));
    expect(() => adam({ eps: NaN })).toThrow(new RangeError("adam: eps must be a finite number > 0; received NaN"));
    expect(() => adam({ amsgrad: "yes" as never })).toThrow(
      new TypeError('adam: amsgrad must be true or false; received "yes"'),
    );
    expect(() => adam({ beta1: 0.9 } as never)).toThrow(
      new TypeError(
        'adam: unknown option "beta1" (received 0.9); did you mean "betas"? the options are lr, betas, eps, weightDecay, amsgrad, biasCorrection',
      ),
    );
    const opt = adam();
    const x = new Float64Array(2);
    expect(() => opt.step(x, new Float64Array(3), opt.init(x))).toThrow(
      new RangeError("adam.step: grad must have the length of x (2); received length 3"),
    );
    expect(() => opt.step(x, new Float64Array(2), opt.init(new Float64Array(5)))).toThrow(
      /adam\.step: state\.m must be a vector of the length of x \(2\), as made by adam\.init\(x\); received Float64Array\(5\)/,
    );
  });
});
