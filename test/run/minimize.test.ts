import { describe, expect, it } from "vitest";
import { adam, adamax, sgd } from "../../src/optim/index.ts";
import { bowl, defineProblem, quadratic, reddi, rosenbrock, stochastic } from "../../src/problems/index.ts";
import { minimize } from "../../src/run/index.ts";
import { SEED_003_STEPS, SEED_003_TABLE } from "../optim/seed-003.ts";

describe("minimize", () => {
  it("returns steps + 1 points and losses, index t holding the values after step t", () => {
    // sgd lr 0.25 on x² + y² from (3, 4): x_{t} = x_{t−1} − 0.25·2x_{t−1} = x_{t−1}/2.
    const trajectory = minimize(bowl(), sgd({ lr: 0.25 }), { x0: [3, 4], steps: 3 });
    expect(trajectory).toEqual({
      problem: "bowl",
      optimizer: "sgd",
      x: [
        [3, 4],
        [1.5, 2],
        [0.75, 1],
        [0.375, 0.5],
      ],
      loss: [25, 6.25, 1.5625, 0.390625],
    });
  });

  it("starts at the problem's customary start and takes 100 steps by default", () => {
    const trajectory = minimize(rosenbrock(), adam({ lr: 0.01 }));
    expect(trajectory.x[0]).toEqual([-1.2, 1]);
    expect(trajectory.x).toHaveLength(101);
    expect(trajectory.loss.at(-1)).toBeLessThan(trajectory.loss[0]!);
  });

  it("reproduces seed 003's table through bowl() and adam without bias correction", () => {
    const opt = adam({ lr: 0.02, betas: [0.9, 0.9999], eps: 1e-8, biasCorrection: false });
    const { x } = minimize(bowl(), opt, { steps: 151 });
    expect(SEED_003_STEPS.map((t) => x[t]!.map((v) => v.toFixed(8)))).toEqual(
      SEED_003_TABLE.map((row) => row.map((v) => v.toFixed(8))),
    );
  });

  it("runs in float32 from a Float32Array start", () => {
    const { x } = minimize(quadratic(), adam({ lr: 0.1 }), { x0: Float32Array.of(1, 1), steps: 5 });
    for (const point of x) for (const v of point) expect(Math.fround(v)).toBe(v);
  });

  it("passes the step t to the problem, so a stochastic run is reproducible", () => {
    const noisy = stochastic(bowl(), { noise: 1, seed: 5 });
    const first = minimize(noisy, sgd({ lr: 0.1 }), { steps: 20 });
    const second = minimize(noisy, sgd({ lr: 0.1 }), { steps: 20 });
    expect(second.x).toEqual(first.x);
    expect(first.x).not.toEqual(minimize(bowl(), sgd({ lr: 0.1 }), { steps: 20 }).x);
    expect(first.loss[20]).toBe(bowl().value(first.x[20]!)); // the loss is the noise-free one
  });

  it("projects after each step: the problem's own projection, a given one, or none", () => {
    const own = minimize(reddi(), sgd({ lr: 1 }), { steps: 30 });
    expect(own.x.every(([v]) => v! >= -1 && v! <= 1)).toBe(true);
    const none = minimize(reddi(), sgd({ lr: 1 }), { steps: 30, project: false });
    expect(Math.min(...none.x.map(([v]) => v!))).toBeLessThan(-1);
    const halfLine = minimize(bowl(), sgd({ lr: 0.1 }), {
      x0: [-1, 1],
      steps: 3,
      project: (x) => void (x[0] = Math.max(0, x[0]!)),
    });
    expect(halfLine.x.slice(1).every(([v]) => v === 0)).toBe(true);
  });

  it("records the state's fields per step, and the bias-corrected m̂ and v̂ on request", () => {
    // β = (0.5, 0.75), g = 2x on x² from x = 1: step 1 has g = 2, m = 1, v = 1, m̂ = 1/0.5 = 2, v̂ = 1/0.25 = 4.
    const problem = quadratic({ a: [2] });
    const trajectory = minimize(problem, adam({ lr: 0.1, betas: [0.5, 0.75] }), {
      x0: [1],
      steps: 2,
      record: ["m", "mHat", "vHat"],
    });
    expect(trajectory.states).toHaveLength(3);
    expect(trajectory.states![0]).toEqual({ t: 0, m: [0], mHat: [0], vHat: [0] });
    expect(trajectory.states![1]).toEqual({ t: 1, m: [1], mHat: [2], vHat: [4] });
    const all = minimize(problem, adam({ amsgrad: true }), { x0: [1], steps: 1, record: true });
    expect(Object.keys(all.states![1]!)).toEqual(["t", "m", "v", "vMax"]);
    expect(minimize(problem, adam(), { x0: [1], steps: 1 }).states).toBeUndefined();
  });

  it("names what may be recorded when asked for something else", () => {
    expect(() => minimize(bowl(), adam(), { record: ["m", "velocity"] })).toThrow(
      new TypeError(
        'minimize: record must be a list of names from m, v, mHat, vHat (adam\'s state); received ["m", "velocity"]',
      ),
    );
    expect(() => minimize(bowl(), adamax(), { record: ["vHat"] })).toThrow(/names from m, u, mHat \(adamax's state\)/);
  });

  it("checks its options with the library's wording", () => {
    expect(() => minimize(bowl(), adam(), { steps: -1 })).toThrow(
      new RangeError("minimize: steps must be an integer ≥ 0; received -1"),
    );
    expect(() => minimize(bowl(), adam(), { x0: [1, 2, 3] })).toThrow(
      new RangeError("minimize: x0 must be an array of 2 finite numbers; received [1, 2, 3]"),
    );
    expect(() => minimize(bowl(), adam(), { x0: [1, NaN] })).toThrow(RangeError);
    expect(() => minimize(bowl(), adam(), { project: true as never })).toThrow(
      new TypeError(
        "minimize: project must be a function (x) => void that projects x in place, or false; received true",
      ),
    );
    expect(() => minimize(bowl(), adam(), { record: "m" as never })).toThrow(
      new TypeError('minimize: record must be true, false or a list of state names such as ["m", "v"]; received "m"'),
    );
    expect(() => minimize(bowl(), adam(), { stepz: 3 } as never)).toThrow(
      /^minimize: unknown option "stepz" \(received 3\); did you mean "steps"\?/,
    );
    expect(() => minimize({} as never, adam())).toThrow(
      new TypeError("minimize: problem must be a problem such as rosenbrock(); received {}"),
    );
    expect(() => minimize(bowl(), 0.1 as never)).toThrow(
      new TypeError("minimize: optimizer must be an optimizer such as adam(); received 0.1"),
    );
    const startless = defineProblem({
      name: "line",
      tex: "x",
      dimension: 1,
      value: (x) => x[0]!,
      gradient: (_, out) => void (out[0] = 1),
    });
    expect(() => minimize(startless, adam())).toThrow(
      new TypeError(
        "minimize: x0 must be an array of 1 finite numbers (line has no customary start); received undefined",
      ),
    );
  });
});

describe("Reddi, Kale & Kumar's counterexample (C = 3, β₁ = 0, β₂ = 1/(1 + C²), lr = 0.5/√t, x₀ = 0)", () => {
  const C = 3;
  const run = (amsgrad: boolean) =>
    minimize(reddi({ C }), adam({ lr: (t) => 0.5 / Math.sqrt(t), betas: [0, 1 / (1 + C * C)], amsgrad }), {
      x0: [0],
      steps: 3000,
    });
  const meanOfLast = (values: number[][], count: number) => values.slice(-count).reduce((s, [v]) => s + v!, 0) / count;

  it("sends Adam to +1, the worst point", () => {
    const { x } = run(false);
    expect(x.at(-1)).toEqual([1]);
    expect(meanOfLast(x, 300)).toBeGreaterThan(0.99);
  });

  it("sends AMSGrad near −1, the best point", () => {
    const { x, loss } = run(true);
    expect(x.at(-1)![0]).toBeLessThan(-0.99);
    expect(meanOfLast(x, 300)).toBeLessThan(-0.99);
    expect(loss.at(-1)).toBeCloseTo(reddi({ C }).minimum!.value, 2);
  });
});
