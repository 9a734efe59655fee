/**
 * A linear ramp of the learning rate, as PyTorch's `LinearLR`: the factor goes from `startFactor` to `endFactor` over
 * `totalIters` steps, then stays. With startFactor < 1 = endFactor it is a linear **warm-up**.
 *
 * $$
 * \alpha_t = \alpha \left( s + (s_{\text{end}} - s)\, \frac{\min(e, n)}{n} \right), \qquad e = t - 1
 * $$
 *
 * with s = `startFactor`, s_end = `endFactor`, n = `totalIters`: α_1 = sα, and α_t = s_end·α from step t = n + 1 on.
 * Defaults are PyTorch's: startFactor 1/3, endFactor 1, totalIters 5. PyTorch multiplies the previous lr by a ratio
 * at each `scheduler.step()`; this closed form (PyTorch's `_get_closed_form_lr`) gives the same values up to rounding.
 *
 * @example
 * linearLR(1e-3, { startFactor: 0.1, totalIters: 9 }); // 1e-4, 2e-4, …, 9e-4 at t = 1 … 9, then 1e-3
 */
import { fraction, integer, positiveFraction, resolveOptions, type Specs } from "../optim/validate.ts";
import { baseRate, checkedStep, type Schedule } from "./schedules.ts";

export interface LinearLROptions {
  /** Factor of α at the first step, in (0, 1]. Default 1/3. */
  startFactor: number;
  /** Factor of α from step totalIters + 1 on, in [0, 1]. Default 1. */
  endFactor: number;
  /** Steps the ramp takes, an integer ≥ 1. Default 5. */
  totalIters: number;
}

const specs: Specs<LinearLROptions> = {
  startFactor: positiveFraction(1 / 3),
  endFactor: fraction(1),
  totalIters: integer(1, 5),
};

export function linearLR(lr: number, options?: Partial<LinearLROptions>): Schedule {
  const alpha = baseRate("linearLR", lr);
  const { startFactor, endFactor, totalIters } = resolveOptions("linearLR", specs, options);
  const where = { owner: "linearLR", name: "t" };
  return (t) => {
    const e = checkedStep(where, t) - 1;
    return alpha * (startFactor + ((endFactor - startFactor) * Math.min(e, totalIters)) / totalIters);
  };
}
