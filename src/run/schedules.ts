/**
 * Learning-rate schedules, to pass as an optimizer's `lr`: the optimizer calls them with its 1-based step t.
 *
 * $$ \alpha_t = \frac{\alpha}{\sqrt{t}} $$
 *
 * is the decay Kingma & Ba (2015, §6.1) use for logistic regression, which their convergence analysis (§4) assumes.
 * In `trainModel`, t counts minibatches, not epochs.
 *
 * @example
 * const opt = adam({ lr: inverseSqrtDecay(1e-3) });  // α_1 = 1e-3, α_4 = 5e-4, α_100 = 1e-4
 */
import { nonNegative } from "../optim/validate.ts";

/** t ↦ α/√t, for an α ≥ 0. */
export function inverseSqrtDecay(lr: number): (t: number) => number {
  const alpha = nonNegative(0).check(lr, { owner: "inverseSqrtDecay", name: "lr" });
  return (t) => alpha / Math.sqrt(t);
}
