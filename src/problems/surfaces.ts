/**
 * Classic 2-D test surfaces for contour plots: Rosenbrock's curved valley, Beale's flat plateau with sharp ridges,
 * Himmelblau's four minima. Each gradient is written out by hand, next to its function.
 */
import { finite, resolveOptions, type Specs } from "../optim/validate.ts";
import { defineProblem, texNumber, type Problem } from "./problem.ts";

export interface RosenbrockOptions {
  /** The valley's end: the minimum is at (a, a²). Default 1. */
  a: number;
  /** The valley's steepness. Default 100. */
  b: number;
}

const rosenbrockSpecs: Specs<RosenbrockOptions> = { a: finite(1), b: finite(100) };

/**
 * Rosenbrock's banana, from (−1.2, 1):
 *
 * $$ f(x, y) = (a - x)^2 + b\,(y - x^2)^2 $$
 *
 * The gradient is written as ∂f/∂y = 2b(y − x²), ∂f/∂x = −2(a − x) − 2x·∂f/∂y: with a = 1, b = 100 this is the
 * order in which PyTorch's autograd computes it, so the two agree bit for bit.
 */
export function rosenbrock(options?: Partial<RosenbrockOptions>): Problem {
  const { a, b } = resolveOptions("rosenbrock", rosenbrockSpecs, options);
  return defineProblem({
    name: "rosenbrock",
    tex: `(${texNumber(a)} - x)^2 + ${texNumber(b)}\\,(y - x^2)^2`,
    dimension: 2,
    minimum: { value: 0, at: [[a, a * a]] },
    domain: [
      [-2, 2],
      [-1, 3],
    ],
    start: [-1.2, 1],
    value: (x) => (a - x[0]!) ** 2 + b * (x[1]! - x[0]! * x[0]!) ** 2,
    gradient(x, out) {
      const gy = 2 * b * (x[1]! - x[0]! * x[0]!);
      out[0] = -2 * (a - x[0]!) - 2 * x[0]! * gy;
      out[1] = gy;
    },
  });
}

/**
 * Beale's function, minimum 0 at (3, 0.5), from (1, 1.5):
 *
 * $$ f(x, y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2 $$
 */
export function beale(): Problem {
  return defineProblem({
    name: "beale",
    tex: "(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
    dimension: 2,
    minimum: { value: 0, at: [[3, 0.5]] },
    domain: [
      [-4.5, 4.5],
      [-4.5, 4.5],
    ],
    start: [1, 1.5],
    value(x) {
      let sum = 0;
      for (let k = 1, yk = x[1]!; k <= 3; k++, yk *= x[1]!) sum += bealeResidual(k, x[0]!, yk) ** 2;
      return sum;
    },
    gradient(x, out) {
      const u = x[0]!;
      const y = x[1]!;
      out[0] = out[1] = 0;
      // r_k = c_k − x + x·y^k, so ∂r_k/∂x = y^k − 1 and ∂r_k/∂y = k·x·y^(k−1).
      for (let k = 1, ykMinus1 = 1; k <= 3; k++, ykMinus1 *= y) {
        const r = bealeResidual(k, u, ykMinus1 * y);
        out[0] += 2 * r * (ykMinus1 * y - 1);
        out[1] += 2 * r * k * u * ykMinus1;
      }
    },
  });
}

const BEALE_CONSTANTS = [0, 1.5, 2.25, 2.625];

/** Beale's k-th residual c_k − x + x·y^k, given y^k. */
function bealeResidual(k: number, x: number, yk: number): number {
  return BEALE_CONSTANTS[k]! - x + x * yk;
}

/**
 * Himmelblau's function: four minima of value 0, one at (3, 2); from (0, 0):
 *
 * $$ f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2 $$
 */
export function himmelblau(): Problem {
  return defineProblem({
    name: "himmelblau",
    tex: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    dimension: 2,
    minimum: {
      value: 0,
      at: [
        [3, 2],
        [-2.805118086952745, 3.131312518250573],
        [-3.779310253377747, -3.2831859912861696],
        [3.5844283403304917, -1.8481265269644036],
      ],
    },
    domain: [
      [-5, 5],
      [-5, 5],
    ],
    start: [0, 0],
    value: (x) => (x[0]! * x[0]! + x[1]! - 11) ** 2 + (x[0]! + x[1]! * x[1]! - 7) ** 2,
    gradient(x, out) {
      const first = x[0]! * x[0]! + x[1]! - 11;
      const second = x[0]! + x[1]! * x[1]! - 7;
      out[0] = 4 * x[0]! * first + 2 * second;
      out[1] = 2 * first + 4 * x[1]! * second;
    },
  });
}
