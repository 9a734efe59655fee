/**
 * A stochastic version of any problem: at step t the gradient carries Gaussian noise σξ_t, the same at every call
 * for the same t and seed, so runs are reproducible and two optimizers can be compared on the same noise.
 *
 * $$ f_t(x) = f(x) + \sigma\, \xi_t^\top x, \qquad \nabla f_t(x) = \nabla f(x) + \sigma\, \xi_t, \qquad
 *    \xi_t \sim \mathcal N(0, I) $$
 *
 * E[f_t] = f, so `value(x)` and `gradient(x)` without t give the noise-free problem (what a loss curve should show).
 * The noise is added on top of the problem's own step dependence (a mini-batch, an online loss).
 *
 * @example
 * const noisy = stochastic(rosenbrock(), { noise: 10, seed: 1 });
 * noisy.gradient([1, 1], undefined, 5); // ∇f(1, 1) = 0 plus the noise of step 5
 */
import type { Vector } from "../optim/types.ts";
import { integer, nonNegative, resolveOptions, show, type NumberList, type Specs } from "../optim/validate.ts";
import { defineProblem, texNumber, type Problem } from "./problem.ts";
import { mixSeed, rng } from "./random.ts";

export interface StochasticOptions {
  /** Standard deviation σ of the noise in each gradient coordinate. Default 1. */
  noise: number;
  /** Seed of the noise (an integer ≥ 0). Default 0. */
  seed: number;
}

const stochasticSpecs: Specs<StochasticOptions> = { noise: nonNegative(1), seed: integer(0, 0) };

export function stochastic(problem: Problem, options?: Partial<StochasticOptions>): Problem {
  if (problem === null || typeof problem !== "object" || typeof problem.gradient !== "function")
    throw new TypeError(`stochastic: problem must be a problem such as rosenbrock(); received ${show(problem)}`);
  const { noise, seed } = resolveOptions("stochastic", stochasticSpecs, options);
  const random = rng();
  /** Restart the noise stream of step t; the caller then draws ξ_t,1, ξ_t,2, … in order. */
  const startStep = (t: number) => random.reseed(mixSeed(seed, t));
  return defineProblem({
    ...problem,
    name: `noisy ${problem.name}`,
    tex: `${problem.tex} + ${texNumber(noise)}\\,\\xi_t^\\top x`,
    value(x: NumberList, t: number | undefined) {
      let value = problem.value(x, t);
      if (t === undefined) return value;
      startStep(t);
      for (let i = 0; i < x.length; i++) value += noise * random.normal() * x[i]!;
      return value;
    },
    gradient(x: NumberList, out: Vector, t: number | undefined) {
      problem.gradient(x, out, t);
      if (t === undefined) return;
      startStep(t);
      for (let i = 0; i < out.length; i++) out[i] = out[i]! + noise * random.normal();
    },
  });
}
