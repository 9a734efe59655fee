/**
 * What an objective is to a lesson, a plot and `minimize`: its value, its analytic gradient, its formula in TeX and,
 * for 2-D problems, a window to draw contours in.
 *
 * ```ts
 * const p = rosenbrock();
 * p.value([1, 1]);             // 0
 * p.gradient([-1.2, 1]);       // Float64Array [-215.6, -88]
 * p.gradient(x, grad);         // writes into grad, allocates nothing
 * ```
 *
 * Online and stochastic problems take the 1-based step t: `value(x, t)` is f_t(x) and `gradient(x, out, t)` is
 * ∇f_t(x). Without t they give the expected (full-batch, noise-free) objective, which is what a loss curve shows.
 */
import type { Vector } from "../optim/types.ts";
import { checkLength, type NumberList } from "../optim/validate.ts";

export interface Problem {
  /** A short name ("rosenbrock"), for messages and legends. */
  readonly name: string;
  /** The objective in TeX, as a lesson renders it. */
  readonly tex: string;
  /** The number of parameters. */
  readonly dimension: number;
  /** f(x), or f_t(x) at step t for online and stochastic problems. */
  value(x: NumberList, t?: number): number;
  /** ∇f(x) (∇f_t(x) at step t), written into `out` (a new Float64Array when omitted) and returned. */
  gradient<Out extends Vector = Float64Array>(x: NumberList, out?: Out, t?: number): Out;
  /** The minimum value and every point that attains it, when known. */
  readonly minimum?: { readonly value: number; readonly at: readonly (readonly number[])[] };
  /** A window [[x₁, x₂], [y₁, y₂]] that shows the interesting part, for contour plots of 2-D problems. */
  readonly domain?: readonly (readonly [number, number])[];
  /** A customary starting point (`minimize` starts here unless given x0). */
  readonly start?: readonly number[];
  /** Projection onto the feasible set, in place, for constrained problems (`minimize` applies it after each step). */
  readonly project?: (x: Vector) => void;
}

/** What a problem's author writes: the math, without the argument checks and the optional `out`. */
export interface ProblemDefinition extends Omit<Problem, "value" | "gradient"> {
  value(x: NumberList, t: number | undefined): number;
  gradient(x: NumberList, out: Vector, t: number | undefined): void;
}

/** A problem from its math: adds the length checks (O(1), no allocation) and the optional `out`. */
export function defineProblem(definition: ProblemDefinition): Problem {
  const { name, dimension } = definition;
  const valueOwner = `${name}.value`;
  const gradientOwner = `${name}.gradient`;
  return Object.freeze({
    ...definition,
    value(x: NumberList, t?: number) {
      checkLength(valueOwner, "x", x, dimension);
      return definition.value(x, t);
    },
    gradient<Out extends Vector = Float64Array>(x: NumberList, out?: Out, t?: number): Out {
      checkLength(gradientOwner, "x", x, dimension);
      const target = out ?? (new Float64Array(dimension) as Out);
      checkLength(gradientOwner, "out", target, dimension);
      definition.gradient(x, target, t);
      return target;
    },
  });
}

/** Projection onto the box [lower, upper] in every coordinate, in place: `boxProjection(-1, 1)`. */
export function boxProjection(lower: number, upper: number): (x: Vector) => void {
  return (x) => {
    for (let i = 0; i < x.length; i++) x[i] = Math.min(upper, Math.max(lower, x[i]!));
  };
}

/** A number as TeX: 10, 0.5, 2 \times 10^{-8} (never JavaScript's "2e-8"). */
export function texNumber(value: number): string {
  const [mantissa, exponent] = String(value).split("e");
  return exponent === undefined ? mantissa! : `${mantissa} \\times 10^{${Number(exponent)}}`;
}
