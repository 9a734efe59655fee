/**
 * Learning-rate schedules, to pass as an optimizer's `lr`: functions t ↦ α_t of the optimizer's 1-based step t
 * (the optimizer calls them at each step; see src/optim/define.ts). They are pure: α_t depends on t alone, so a cell
 * can plot a schedule by calling it, and two optimizers can share one.
 *
 * **PyTorch's epochs.** A PyTorch scheduler counts `last_epoch` from 0 at construction, and the usual loop is
 * `optimizer.step(); scheduler.step()`, so the k-th optimizer step uses the scheduler's value at epoch e = k − 1.
 * Here that is step t = k: **α_t is PyTorch's lr at epoch e = t − 1.** Each schedule's doc comment writes its formula
 * with e = t − 1 so that it reads like PyTorch's. (Stepping a PyTorch scheduler once per epoch instead of once per
 * batch is the same mapping with t counting epochs; in `trainModel`, t counts minibatches.)
 *
 * This file holds the check shared by every schedule and the simplest of them,
 *
 * $$ \alpha_t = \frac{\alpha}{\sqrt{t}} , $$
 *
 * the decay Kingma & Ba (2015, §6.1) use for logistic regression, which their convergence analysis (§4) assumes.
 * PyTorch has no class for it: `LambdaLR(opt, lambda e: 1 / math.sqrt(e + 1))`. The others: {@link linearLR},
 * {@link cosineAnnealingLR}, {@link stepLR}, {@link warmupCosine} and {@link sequentialLR}.
 *
 * @example
 * const opt = adam({ lr: inverseSqrtDecay(1e-3) });  // α_1 = 1e-3, α_4 = 5e-4, α_100 = 1e-4
 */
import { integer, nonNegative, type Where } from "../optim/validate.ts";

/** A learning-rate schedule: the 1-based step t ↦ α_t ≥ 0. */
export type Schedule = (t: number) => number;

const stepSpec = integer(1, 1);

/** Check the t a schedule is called with (an integer ≥ 1); `where` is made once per schedule, so nothing allocates. */
export function checkedStep(where: Where, t: unknown): number {
  return stepSpec.check(t, where);
}

/** The base learning rate α of a schedule: a finite number ≥ 0. */
export function baseRate(owner: string, lr: unknown): number {
  return nonNegative(0).check(lr, { owner, name: "lr" });
}

/** t ↦ α/√t, for an α ≥ 0. */
export function inverseSqrtDecay(lr: number): Schedule {
  const alpha = baseRate("inverseSqrtDecay", lr);
  const where = { owner: "inverseSqrtDecay", name: "t" };
  return (t) => alpha / Math.sqrt(checkedStep(where, t));
}
