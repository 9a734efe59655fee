/**
 * The online problem on which Adam fails to converge (Reddi, Kale & Kumar, 2018, Section 3), on the interval
 * [−1, 1]:
 *
 * $$ f_t(x) = \begin{cases} C x & t \bmod 3 = 1 \\ -x & \text{otherwise} \end{cases}, \qquad x \in [-1, 1],\ C > 2 $$
 *
 * Over each period of three steps the losses add up to (C − 2)x, so the best point is x = −1. Adam with β₁ = 0 and
 * β₂ = 1/(1 + C²) sees the rare large gradient C once, lets v forget it, and is pushed by the frequent −1 gradients
 * to x = +1, the worst point; AMSGrad's running maximum of v remembers C and goes to −1.
 *
 * `value(x)` and `gradient(x)` without t give the average loss per step, ((C − 2)/3)·x; `minimize` applies the
 * projection onto [−1, 1] after each step.
 *
 * @example
 * const p = reddi({ C: 3 });
 * p.gradient([0], undefined, 1); // Float64Array [3]
 * p.gradient([0], undefined, 2); // Float64Array [-1]
 */
import { above, resolveOptions, type Specs } from "../optim/validate.ts";
import { boxProjection, defineProblem, texNumber, type Problem } from "./problem.ts";

export interface ReddiOptions {
  /** The rare large gradient C, > 2. Default 3. */
  C: number;
}

const reddiSpecs: Specs<ReddiOptions> = { C: above(2, 3) };

export function reddi(options?: Partial<ReddiOptions>): Problem {
  const { C } = resolveOptions("reddi", reddiSpecs, options);
  const slopeAt = (t: number | undefined) => (t === undefined ? (C - 2) / 3 : t % 3 === 1 ? C : -1);
  return defineProblem({
    name: "reddi",
    tex: `\\begin{cases} ${texNumber(C)}\\,x & t \\bmod 3 = 1 \\\\ -x & \\text{otherwise} \\end{cases},\\ x \\in [-1, 1]`,
    dimension: 1,
    minimum: { value: -(C - 2) / 3, at: [[-1]] },
    domain: [[-1, 1]],
    start: [0],
    project: boxProjection(-1, 1),
    value: (x, t) => slopeAt(t) * x[0]!,
    gradient(_x, out, t) {
      out[0] = slopeAt(t);
    },
  });
}
