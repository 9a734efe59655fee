/**
 * Cosine decay, as PyTorch's `CosineAnnealingLR` (Loshchilov & Hutter 2017, SGDR, without its restarts):
 *
 * $$
 * \alpha_t = \eta_{\min} + \tfrac12 (\alpha - \eta_{\min}) \left(1 + \cos \frac{\pi e}{T_{\max}}\right), \qquad e = t - 1
 * $$
 *
 * α_1 = α, half-way down at e = T_max/2, and η_min at e = T_max (step t = T_max + 1). Past T_max the cosine goes on,
 * so the rate climbs back to α at e = 2T_max, as PyTorch's does: run it for at most T_max + 1 steps, or use
 * {@link warmupCosine}'s total. Defaults: etaMin 0 (PyTorch's); tMax has none.
 *
 * PyTorch computes each value from the previous lr by a ratio of cosines at each `scheduler.step()`; this closed form
 * (its `_get_closed_form_lr`) gives the same values up to rounding.
 *
 * @example
 * cosineAnnealingLR(1e-3, { tMax: 100 }); // 1e-3 at t = 1, 5e-4 at t = 51, 0 at t = 101
 */
import { integer, nonNegative, resolveOptions, type Specs } from "../optim/validate.ts";
import { baseRate, checkedStep, type Schedule } from "./schedules.ts";

export interface CosineAnnealingLROptions {
  /** Steps from α down to η_min, an integer ≥ 1. Required (PyTorch's T_max). */
  tMax: number;
  /** The floor η_min, a finite number ≥ 0. Default 0. */
  etaMin: number;
}

const specs: Specs<CosineAnnealingLROptions> = {
  tMax: integer(1, 1),
  etaMin: nonNegative(0),
};

export function cosineAnnealingLR(
  lr: number,
  options: Pick<CosineAnnealingLROptions, "tMax"> & Partial<CosineAnnealingLROptions>,
): Schedule {
  const alpha = baseRate("cosineAnnealingLR", lr);
  // tMax has no default: checking the missing value gives the usual message ("… received undefined").
  if (options?.tMax === undefined) specs.tMax.check(undefined, { owner: "cosineAnnealingLR", name: "tMax" });
  const { tMax, etaMin } = resolveOptions("cosineAnnealingLR", specs, options);
  const where = { owner: "cosineAnnealingLR", name: "t" };
  return (t) => {
    const e = checkedStep(where, t) - 1;
    return etaMin + ((alpha - etaMin) * (1 + Math.cos((Math.PI * e) / tMax))) / 2;
  };
}
