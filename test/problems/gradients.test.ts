/**
 * Every problem's analytic gradient against central finite differences of its value, at seeded random points of its
 * domain — and, for step-dependent problems, at several steps t.
 */
import { describe, expect, it } from "vitest";
import {
  beale,
  bowl,
  himmelblau,
  leastSquares,
  quadratic,
  reddi,
  rng,
  rosenbrock,
  saddle,
  stochastic,
  type Problem,
} from "../../src/problems/index.ts";

const PROBLEMS: [string, Problem][] = [
  ["quadratic [1, 10, 100]", quadratic({ a: [1, 10, 100] })],
  ["quadratic (default)", quadratic()],
  ["bowl", bowl()],
  ["saddle", saddle()],
  ["rosenbrock", rosenbrock()],
  ["rosenbrock a = 2, b = 10", rosenbrock({ a: 2, b: 10 })],
  ["beale", beale()],
  ["himmelblau", himmelblau()],
  ["least squares", leastSquares()],
  ["least squares, batches of 5", leastSquares({ batchSize: 5 })],
  ["noisy rosenbrock", stochastic(rosenbrock(), { noise: 3, seed: 7 })],
  ["noisy least squares, batches of 4", stochastic(leastSquares({ batchSize: 4 }), { noise: 0.5 })],
  ["reddi", reddi({ C: 3 })],
];

/** Central differences, step h·max(1, |xᵢ|); error O(h²) plus rounding O(ε·|f|/h). */
function finiteDifference(problem: Problem, x: number[], t: number | undefined): number[] {
  return x.map((xi, i) => {
    const h = 1e-5 * Math.max(1, Math.abs(xi));
    const plus = x.with(i, xi + h);
    const minus = x.with(i, xi - h);
    return (problem.value(plus, t) - problem.value(minus, t)) / (2 * h);
  });
}

describe.each(PROBLEMS)("%s", (_, problem) => {
  const random = rng(2024);
  const window = problem.domain ?? Array.from({ length: problem.dimension }, () => [-2, 2] as const);
  const points = Array.from({ length: 20 }, () => window.map(([low, high]) => low + (high - low) * random.uniform()));

  it.each([undefined, 1, 2, 3, 17])("matches finite differences at t = %s", (t) => {
    for (const x of points) {
      const analytic = Array.from(problem.gradient(x, undefined, t));
      const numeric = finiteDifference(problem, x, t);
      const scale = Math.max(1, ...analytic.map(Math.abs));
      analytic.forEach((g, i) =>
        expect(Math.abs(g - numeric[i]!) / scale, `x = ${x}, coordinate ${i}`).toBeLessThan(1e-6),
      );
    }
  });

  it("writes into a given out vector and returns it, of either float type", () => {
    const x = points[0]!;
    const out = new Float32Array(problem.dimension);
    expect(problem.gradient(x, out)).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(problem.gradient(x), Math.fround));
  });
});
