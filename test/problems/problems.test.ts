import { describe, expect, it } from "vitest";
import {
  beale,
  bowl,
  boxProjection,
  defineProblem,
  himmelblau,
  leastSquares,
  quadratic,
  reddi,
  rosenbrock,
  saddle,
  stochastic,
} from "../../src/problems/index.ts";

describe("the problems' facts", () => {
  it.each([
    ["quadratic", quadratic({ a: [1, 10, 100] })],
    ["bowl", bowl()],
    ["rosenbrock", rosenbrock()],
    ["rosenbrock a = 2", rosenbrock({ a: 2 })],
    ["beale", beale()],
    ["himmelblau", himmelblau()],
    ["least squares", leastSquares()],
  ])("%s: the gradient vanishes at each stated minimum, where the value is the stated one", (_, problem) => {
    for (const point of problem.minimum!.at) {
      expect(problem.value(point)).toBeCloseTo(problem.minimum!.value, 12);
      for (const g of problem.gradient(point)) expect(Math.abs(g)).toBeLessThan(1e-12);
    }
  });

  it.each([bowl(), saddle(), rosenbrock(), beale(), himmelblau(), leastSquares(), reddi()])(
    "$name: the plotting domain holds the start and the minima",
    (problem) => {
      const inside = (point: readonly number[]) =>
        point.every((v, i) => problem.domain![i]![0] <= v && v <= problem.domain![i]![1]);
      expect(inside(problem.start!)).toBe(true);
      for (const point of problem.minimum?.at ?? []) expect(inside(point)).toBe(true);
    },
  );

  it("writes each formula in TeX, with the options' numbers", () => {
    expect(quadratic({ a: [1, 10, 100] }).tex).toBe("\\tfrac12\\left(x_{1}^2 + 10\\,x_{2}^2 + 100\\,x_{3}^2\\right)");
    expect(quadratic({ a: [2, 1e-8] }).tex).toBe("\\tfrac12\\left(2\\,x^2 + 1 \\times 10^{-8}\\,y^2\\right)");
    expect(rosenbrock().tex).toBe("(1 - x)^2 + 100\\,(y - x^2)^2");
    expect(stochastic(bowl(), { noise: 0.5 }).tex).toBe("x^2 + y^2 + 0.5\\,\\xi_t^\\top x");
    expect(reddi({ C: 3 }).tex).toContain("3\\,x & t \\bmod 3 = 1");
  });

  it("gives reddi's losses: C·x at t = 1, 4, 7, …, −x otherwise, and their average without t", () => {
    const problem = reddi({ C: 3 });
    expect([1, 2, 3, 4, 5, 6, 7].map((t) => problem.gradient([0.5], undefined, t)[0])).toEqual([
      3, -1, -1, 3, -1, -1, 3,
    ]);
    expect(problem.value([0.5])).toBeCloseTo(((3 - 2) / 3) * 0.5, 15);
    expect(problem.minimum).toEqual({ value: -1 / 3, at: [[-1]] });
    const x = Float64Array.of(2);
    problem.project!(x);
    expect(x[0]).toBe(1);
  });
});

describe("leastSquares", () => {
  it("draws the same data for the same seed, whatever the batch size", () => {
    const full = leastSquares();
    expect(leastSquares({ batchSize: 4 }).inputs).toEqual(full.inputs);
    expect(leastSquares({ batchSize: 4 }).targets).toEqual(full.targets);
    expect(leastSquares({ seed: 2 }).inputs).not.toEqual(full.inputs);
    expect(full.inputs).toHaveLength(32);
    expect(full.inputs.every((u) => u >= 0 && u < 4)).toBe(true);
  });

  it("fits close to the line it was drawn from, y = 1 + 2u", () => {
    const [intercept, slope] = leastSquares({ samples: 2000 }).minimum!.at[0]!;
    expect(intercept).toBeCloseTo(1, 1);
    expect(slope).toBeCloseTo(2, 1);
  });

  it("visits every point once per epoch, and its mini-batch gradients average to the full gradient", () => {
    // 32 points in batches of 8: 4 batches per epoch. The gradient is linear in the points, so the mean of an epoch's
    // four batch gradients is the full-batch gradient.
    const full = leastSquares();
    const batches = leastSquares({ batchSize: 8 });
    const theta = [0.3, -0.7];
    for (const epoch of [0, 1, 5]) {
      const sum = [0, 0];
      for (let k = 1; k <= 4; k++) {
        const g = batches.gradient(theta, undefined, epoch * 4 + k);
        sum[0] += g[0]! / 4;
        sum[1] += g[1]! / 4;
      }
      const expected = full.gradient(theta);
      expect(sum[0]).toBeCloseTo(expected[0]!, 12);
      expect(sum[1]).toBeCloseTo(expected[1]!, 12);
    }
    expect(batches.gradient(theta, undefined, 1)).not.toEqual(batches.gradient(theta, undefined, 5)); // reshuffled
  });

  it("gives each step's batch at every call, and the full batch without t", () => {
    const batches = leastSquares({ batchSize: 1 });
    const at3 = batches.gradient([0, 0], undefined, 3);
    batches.gradient([0, 0], undefined, 40);
    expect(batches.gradient([0, 0], undefined, 3)).toEqual(at3);
    expect(batches.value([0, 0])).toBe(leastSquares().value([0, 0]));
  });

  it("takes a smaller last batch when the batch size does not divide the data", () => {
    // 10 points in batches of 4: batches of 4, 4, 2; step 3's loss averages 2 residuals.
    const problem = leastSquares({ samples: 10, batchSize: 4 });
    const theta = [0, 0];
    const perPoint = problem.targets.map((y) => (y * y) / 2);
    const mean = (indices: number[]) => indices.reduce((s, i) => s + perPoint[i]!, 0) / indices.length;
    const losses = [1, 2, 3].map((t) => problem.value(theta, t));
    // Each loss is the mean over some subset; together the three batches cover the 10 points once.
    expect((4 * losses[0]! + 4 * losses[1]! + 2 * losses[2]!) / 10).toBeCloseTo(mean([...Array(10).keys()]), 12);
  });

  it("rejects a batch larger than the data, and bad counts", () => {
    expect(() => leastSquares({ batchSize: 33 })).toThrow(
      new RangeError("leastSquares: batchSize must be at most samples; received batchSize 33, samples 32"),
    );
    expect(() => leastSquares({ samples: 1 })).toThrow(
      new RangeError("leastSquares: samples must be an integer ≥ 2; received 1"),
    );
    expect(() => leastSquares({ batchSize: 2.5 })).toThrow(
      new RangeError("leastSquares: batchSize must be an integer ≥ 1; received 2.5"),
    );
  });
});

describe("stochastic", () => {
  it("adds the same noise at the same step, different noise at other steps and seeds, none without t", () => {
    const problem = stochastic(bowl(), { noise: 1, seed: 3 });
    const at5 = problem.gradient([1, 1], undefined, 5);
    expect(problem.gradient([1, 1], undefined, 5)).toEqual(at5);
    expect(problem.gradient([1, 1], undefined, 6)).not.toEqual(at5);
    expect(stochastic(bowl(), { noise: 1, seed: 4 }).gradient([1, 1], undefined, 5)).not.toEqual(at5);
    expect(problem.gradient([1, 1])).toEqual(Float64Array.of(2, 2));
    expect(problem.value([1, 1])).toBe(2);
  });

  it("has noise of the requested standard deviation", () => {
    const problem = stochastic(bowl(), { noise: 2, seed: 1 });
    const noise = Array.from({ length: 20_000 }, (_, t) => problem.gradient([0, 0], undefined, t + 1)[0]!);
    const mean = noise.reduce((s, v) => s + v, 0) / noise.length;
    const variance = noise.reduce((s, v) => s + (v - mean) ** 2, 0) / noise.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.sqrt(variance)).toBeCloseTo(2, 1);
  });

  it("names what it received when not given a problem", () => {
    expect(() => stochastic(3 as never)).toThrow(
      new TypeError("stochastic: problem must be a problem such as rosenbrock(); received 3"),
    );
    expect(() => stochastic(bowl(), { noise: -1 })).toThrow(
      new RangeError("stochastic: noise must be a finite number ≥ 0; received -1"),
    );
  });
});

describe("option and argument checks", () => {
  it("uses the library's wording", () => {
    expect(() => quadratic({ a: [1, -1] })).toThrow(
      new RangeError("quadratic: a must be an array of one or more finite numbers > 0; received [1, -1]"),
    );
    expect(() => quadratic({ a: [] })).toThrow(RangeError);
    expect(() => quadratic({ a: "1, 10" as never })).toThrow(
      new TypeError('quadratic: a must be an array of one or more finite numbers > 0; received "1, 10"'),
    );
    expect(() => rosenbrock({ b: NaN })).toThrow(new RangeError("rosenbrock: b must be a finite number; received NaN"));
    expect(() => rosenbrock({ c: 1 } as never)).toThrow(
      /^rosenbrock: unknown option "c" \(received 1\); .*the options are a, b$/,
    );
    expect(() => reddi({ C: 2 })).toThrow(new RangeError("reddi: C must be a finite number > 2; received 2"));
  });

  it("checks the length of x and out at every call", () => {
    expect(() => rosenbrock().value([1, 2, 3])).toThrow(
      new RangeError("rosenbrock.value: x must have length 2; received length 3"),
    );
    expect(() => rosenbrock().gradient([1, 2], new Float64Array(3))).toThrow(
      new RangeError("rosenbrock.gradient: out must have length 2; received length 3"),
    );
    expect(() => beale().gradient(5 as never)).toThrow(
      new TypeError("beale.gradient: x must be an array or typed array of 2 numbers; received 5"),
    );
  });

  it("lets a lesson define its own problem", () => {
    const cube = defineProblem({
      name: "cube",
      tex: "x^3",
      dimension: 1,
      value: (x) => x[0]! ** 3,
      gradient(x, out) {
        out[0] = 3 * x[0]! ** 2;
      },
    });
    expect(cube.gradient([2])).toEqual(Float64Array.of(12));
    const clip = boxProjection(-1, 1);
    const x = Float64Array.of(-3, 0.5, 2);
    clip(x);
    expect(x).toEqual(Float64Array.of(-1, 0.5, 1));
  });
});
