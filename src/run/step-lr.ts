/**
 * Step decay, as PyTorch's `StepLR`: the learning rate is multiplied by γ every `stepSize` steps.
 *
 * $$
 * \alpha_t = \alpha\, \gamma^{\lfloor e / s \rfloor}, \qquad e = t - 1
 * $$
 *
 * with s = `stepSize`: steps 1 … s use α, steps s + 1 … 2s use γα, and so on. Defaults: gamma 0.1 (PyTorch's);
 * stepSize has none. PyTorch multiplies the lr by γ at each multiple of s; this closed form gives the same values up
 * to rounding. (`MultiStepLR`'s uneven milestones are {@link sequentialLR} of constant rates.)
 *
 * @example
 * stepLR(0.1, { stepSize: 30 }); // 0.1 for t = 1 … 30, 0.01 for t = 31 … 60, 0.001 after
 */
import { integer, nonNegative, resolveOptions, type Specs } from "../optim/validate.ts";
import { baseRate, checkedStep, type Schedule } from "./schedules.ts";

export interface StepLROptions {
  /** Steps between decays, an integer ≥ 1. Required (PyTorch's step_size). */
  stepSize: number;
  /** Factor γ of each decay, a finite number ≥ 0. Default 0.1. */
  gamma: number;
}

const specs: Specs<StepLROptions> = {
  stepSize: integer(1, 1),
  gamma: nonNegative(0.1),
};

export function stepLR(lr: number, options: Pick<StepLROptions, "stepSize"> & Partial<StepLROptions>): Schedule {
  const alpha = baseRate("stepLR", lr);
  // stepSize has no default: checking the missing value gives the usual message ("… received undefined").
  if (options?.stepSize === undefined) specs.stepSize.check(undefined, { owner: "stepLR", name: "stepSize" });
  const { stepSize, gamma } = resolveOptions("stepLR", specs, options);
  const where = { owner: "stepLR", name: "t" };
  return (t) => alpha * gamma ** Math.floor((checkedStep(where, t) - 1) / stepSize);
}
