import { describe, expect, it } from "vitest";
import { adam, adamw } from "../../src/optim/index.ts";
import {
  cosineAnnealingLR,
  inverseSqrtDecay,
  linearLR,
  sequentialLR,
  stepLR,
  warmupCosine,
} from "../../src/run/index.ts";

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

describe("linearLR", () => {
  it("ramps the factor from startFactor to endFactor over totalIters steps, then stays (PyTorch's epoch e = t − 1)", () => {
    // α = 1, s = 0.2, n = 4: factors 0.2 + 0.8·e/4 for e = 0 … 4 → 0.2, 0.4, 0.6, 0.8, 1; then 1.
    const schedule = linearLR(1, { startFactor: 0.2, totalIters: 4 });
    expect([1, 2, 3, 4, 5, 6, 100].map(schedule)).toEqual([0.2, 0.4, 0.6000000000000001, 0.8, 1, 1, 1]);
  });

  it("has PyTorch's defaults: 1/3 → 1 over 5 steps", () => {
    const schedule = linearLR(0.3);
    expect(schedule(1)).toBeCloseTo(0.1, 15);
    expect(schedule(6)).toBe(0.3);
  });

  it("decays when endFactor < startFactor", () => {
    const schedule = linearLR(1, { startFactor: 1, endFactor: 0.5, totalIters: 2 });
    expect([1, 2, 3, 4].map(schedule)).toEqual([1, 0.75, 0.5, 0.5]);
  });
});

describe("cosineAnnealingLR", () => {
  it("starts at α, is half-way at e = T/2 and reaches η_min at e = T (step T + 1)", () => {
    // α = 1, η = 0.2, T = 4: 0.2 + 0.4·(1 + cos(πe/4)): e = 0 → 1, e = 2 → 0.6, e = 4 → 0.2.
    const schedule = cosineAnnealingLR(1, { tMax: 4, etaMin: 0.2 });
    expect(schedule(1)).toBe(1);
    expect(schedule(3)).toBeCloseTo(0.6, 15);
    expect(schedule(5)).toBeCloseTo(0.2, 15);
  });

  it("climbs back past T, as PyTorch's does: α again at e = 2T", () => {
    const schedule = cosineAnnealingLR(1, { tMax: 4 });
    expect(schedule(9)).toBe(1);
    expect(schedule(6)).toBeCloseTo(schedule(4), 15); // e = 5 mirrors e = 3
  });
});

describe("stepLR", () => {
  it("multiplies by γ every stepSize steps: steps 1–3 use α, 4–6 γα, 7–9 γ²α", () => {
    const schedule = stepLR(0.8, { stepSize: 3, gamma: 0.5 });
    expect([1, 3, 4, 6, 7, 10].map(schedule)).toEqual([0.8, 0.8, 0.4, 0.4, 0.2, 0.1]);
  });

  it("has PyTorch's default γ = 0.1", () => {
    expect(stepLR(1, { stepSize: 2 })(3)).toBe(0.1);
  });
});

describe("warmupCosine", () => {
  it("warms up as α·t/w, holds α at w and w + 1, then falls along a cosine to η_min at T + 1", () => {
    // α = 1, w = 4, T = 8: 0.25, 0.5, 0.75, 1 (t ≤ 4); then ½(1 + cos(π(t − 5)/4)): t = 5 → 1, t = 7 → 0.5, t = 9 → 0.
    const schedule = warmupCosine(1, { warmup: 4, total: 8 });
    expect([1, 2, 3, 4, 5].map(schedule)).toEqual([0.25, 0.5, 0.75, 1, 1]);
    expect(schedule(7)).toBeCloseTo(0.5, 15);
    expect(schedule(9)).toBeCloseTo(0, 15);
  });

  it("is the cosine alone with warmup 0", () => {
    const plain = cosineAnnealingLR(0.1, { tMax: 10 });
    const schedule = warmupCosine(0.1, { warmup: 0, total: 10 });
    for (let t = 1; t <= 11; t++) expect(schedule(t)).toBe(plain(t));
  });
});

describe("sequentialLR", () => {
  it("hands over at each milestone, restarting the next schedule at its own step 1", () => {
    // Steps 1–2: linearLR 0.5 → 1 over 2 steps gives 0.5, 0.75; from step 3, stepLR(1, 2, 0.5) from its t = 1: 1, 1, 0.5.
    const schedule = sequentialLR(
      [linearLR(1, { startFactor: 0.5, totalIters: 2 }), stepLR(1, { stepSize: 2, gamma: 0.5 })],
      { milestones: [2] },
    );
    expect([1, 2, 3, 4, 5].map(schedule)).toEqual([0.5, 0.75, 1, 1, 0.5]);
  });
});

describe("the schedules drive an optimizer", () => {
  it("AdamW's decay is multiplied by the scheduled α_t: with a zero gradient, x shrinks by 1 − α_t·λ at step t", () => {
    const schedule = warmupCosine(0.1, { warmup: 2, total: 4 }); // α_1 = 0.05, α_2 = 0.1
    const x = Float64Array.of(1);
    const opt = adamw({ lr: schedule, weightDecay: 0.5 });
    const state = opt.init(x);
    opt.step(x, Float64Array.of(0), state);
    expect(x[0]).toBe(1 - 0.05 * 0.5);
    opt.step(x, Float64Array.of(0), state);
    expect(x[0]).toBe((1 - 0.05 * 0.5) * (1 - 0.1 * 0.5));
  });
});

describe("schedule errors name the schedule, the parameter, the allowed range and the value", () => {
  it.each([
    [() => linearLR(-1), RangeError, "linearLR: lr must be a finite number ≥ 0; received -1"],
    [() => linearLR(1, { startFactor: 0 }), RangeError, "linearLR: startFactor must be a number in (0, 1]; received 0"],
    [() => linearLR(1, { endFactor: 2 }), RangeError, "linearLR: endFactor must be a number in [0, 1]; received 2"],
    [() => linearLR(1, { totalIters: 0 }), RangeError, "linearLR: totalIters must be an integer ≥ 1; received 0"],
    [
      () => linearLR(1, { warmup: 5 } as never),
      TypeError,
      'linearLR: unknown option "warmup" (received 5); the options are startFactor, endFactor, totalIters',
    ],
    [
      () => cosineAnnealingLR(1, {} as never),
      TypeError,
      "cosineAnnealingLR: tMax must be an integer ≥ 1; received undefined",
    ],
    [
      () => cosineAnnealingLR(1, { tMax: 2.5 }),
      RangeError,
      "cosineAnnealingLR: tMax must be an integer ≥ 1; received 2.5",
    ],
    [
      () => cosineAnnealingLR(1, { tMax: 10, etaMin: -1 }),
      RangeError,
      "cosineAnnealingLR: etaMin must be a finite number ≥ 0; received -1",
    ],
    [() => stepLR(1, undefined as never), TypeError, "stepLR: stepSize must be an integer ≥ 1; received undefined"],
    [
      () => stepLR(1, { stepSize: 3, gamma: -0.1 }),
      RangeError,
      "stepLR: gamma must be a finite number ≥ 0; received -0.1",
    ],
    [
      () => warmupCosine(1, { warmup: 10 } as never),
      TypeError,
      "warmupCosine: total must be an integer ≥ 1; received undefined",
    ],
    [
      () => warmupCosine(1, { warmup: 10, total: 10 }),
      RangeError,
      "warmupCosine: total must be greater than warmup; received warmup 10, total 10",
    ],
    [
      () => sequentialLR([linearLR(1)], { milestones: [3] }),
      RangeError,
      "sequentialLR: milestones must be 0 increasing integers ≥ 1 (one fewer than the schedules); received [3]",
    ],
    [
      () => sequentialLR([linearLR(1), linearLR(1), linearLR(1)], { milestones: [5, 2] }),
      RangeError,
      "sequentialLR: milestones must be 2 increasing integers ≥ 1 (one fewer than the schedules); received [5, 2]",
    ],
    [
      () => sequentialLR([0.1 as never], { milestones: [] }),
      TypeError,
      "sequentialLR: schedules must be an array of one or more schedules t => α_t; received [0.1]",
    ],
    [() => stepLR(1, { stepSize: 2 })(0), RangeError, "stepLR: t must be an integer ≥ 1; received 0"],
    [() => inverseSqrtDecay(1)(1.5), RangeError, "inverseSqrtDecay: t must be an integer ≥ 1; received 1.5"],
  ])("%#", (make, kind, message) => {
    expect(make).toThrow(new kind(message));
  });
});
