import { describe, expect, it } from "vitest";
import { adam } from "../../src/optim/index.ts";
import { inverseSqrtDecay } from "../../src/run/index.ts";

describe("inverseSqrtDecay", () => {
  it("gives α/√t: α at step 1, α/2 at step 4, α/10 at step 100", () => {
    const schedule = inverseSqrtDecay(1e-3);
    expect([1, 4, 100].map(schedule)).toEqual([1e-3, 5e-4, 1e-4]);
  });

  it("drives an optimizer's steps: Adam's first step has size α_1, its second about α_2 = α/√2", () => {
    // With a constant gradient, m̂ = g and v̂ = g², so each step is α_t·g/(|g| + ε) ≈ α_t in size.
    const x = Float64Array.of(0);
    const opt = adam({ lr: inverseSqrtDecay(0.1) });
    const state = opt.init(x);
    opt.step(x, Float64Array.of(1), state);
    expect(x[0]).toBeCloseTo(-0.1, 7);
    opt.step(x, Float64Array.of(1), state);
    expect(x[0]).toBeCloseTo(-0.1 - 0.1 / Math.SQRT2, 7);
  });

  it("names the parameter, the allowed range and the value received", () => {
    expect(() => inverseSqrtDecay(-1)).toThrow(
      new RangeError("inverseSqrtDecay: lr must be a finite number ≥ 0; received -1"),
    );
    expect(() => inverseSqrtDecay("0.1" as never)).toThrow(
      new TypeError('inverseSqrtDecay: lr must be a finite number ≥ 0; received "0.1"'),
    );
  });
});
