/**
 * Quadratics: the ill-conditioned bowl ½ Σ aᵢxᵢ² (condition number max a / min a), the round bowl x² + y² of
 * seed 003, and the saddle x² − y².
 *
 * $$ f(x) = \tfrac12 \sum_i a_i x_i^2, \qquad \nabla f(x)_i = a_i x_i $$
 *
 * Gradient descent with step α converges on it when α < 2 / max a; the ratio max a / min a is how many times slower
 * the flattest direction goes than the steepest.
 *
 * @example
 * const p = quadratic({ a: [1, 10, 100] });
 * p.gradient([1, 1, 1]); // Float64Array [1, 10, 100]
 */
import type { NumberList } from "../optim/validate.ts";
import { finiteNumbers, resolveOptions, type Specs } from "../optim/validate.ts";
import { defineProblem, texNumber, type Problem, type ProblemDefinition } from "./problem.ts";

export interface QuadraticOptions {
  /** Curvatures aᵢ > 0, one per coordinate (the Hessian's diagonal). Default [1, 10]. */
  a: NumberList;
}

const quadraticSpecs: Specs<QuadraticOptions> = { a: finiteNumbers([1, 10], { positive: true }) };

export function quadratic(options?: Partial<QuadraticOptions>): Problem {
  const a = Array.from(resolveOptions("quadratic", quadraticSpecs, options).a);
  const names = variableNames(a.length);
  const terms = a.map((ai, i) => (ai === 1 ? `${names[i]}^2` : `${texNumber(ai)}\\,${names[i]}^2`));
  return diagonalQuadratic(a, {
    name: "quadratic",
    tex: `\\tfrac12\\left(${terms.join(" + ")}\\right)`,
    minimum: { value: 0, at: [a.map(() => 0)] },
  });
}

/** x² + y², from (3, 4): seed 003's example. */
export function bowl(): Problem {
  return diagonalQuadratic([2, 2], {
    name: "bowl",
    tex: "x^2 + y^2",
    minimum: { value: 0, at: [[0, 0]] },
    domain: [
      [-5, 5],
      [-5, 5],
    ],
    start: [3, 4],
  });
}

/** x² − y²: a saddle at the origin, unbounded below; from (1, 10⁻³) a method must escape along y. */
export function saddle(): Problem {
  return diagonalQuadratic([2, -2], {
    name: "saddle",
    tex: "x^2 - y^2",
    domain: [
      [-1.5, 1.5],
      [-1.5, 1.5],
    ],
    start: [1, 1e-3],
  });
}

type Described = Pick<ProblemDefinition, "name" | "tex"> & Partial<ProblemDefinition>;

function diagonalQuadratic(a: readonly number[], described: Described): Problem {
  const n = a.length;
  return defineProblem({
    dimension: n,
    start: a.map(() => 1),
    ...(n === 2
      ? {
          domain: [
            [-1.5, 1.5],
            [-1.5, 1.5],
          ] as const,
        }
      : {}),
    ...described,
    value(x) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += a[i]! * x[i]! * x[i]!;
      return 0.5 * sum;
    },
    gradient(x, out) {
      for (let i = 0; i < n; i++) out[i] = a[i]! * x[i]!;
    },
  });
}

function variableNames(n: number): string[] {
  return n === 2 ? ["x", "y"] : Array.from({ length: n }, (_, i) => `x_{${i + 1}}`);
}
