/**
 * Linear warm-up, then cosine decay: the schedule many transformers are trained with (e.g. BERT's warm-up with a
 * linear decay, GPT-3's with a cosine one), as Hugging Face's `get_cosine_schedule_with_warmup` writes it:
 *
 * $$
 * \alpha_t = \begin{cases}
 *   \alpha\, t / w & t \le w \\[2pt]
 *   \eta_{\min} + \tfrac12 (\alpha - \eta_{\min}) \left(1 + \cos \dfrac{\pi\, (t - w - 1)}{T - w}\right) & t > w
 * \end{cases}
 * $$
 *
 * with w = `warmup` and T = `total`: the rate climbs α/w, 2α/w, … to α at step w, stays α at step w + 1, then falls
 * along a cosine to η_min, which step T + 1 would reach (so the last of T steps is just above it). In PyTorch this is
 * `SequentialLR([LinearLR(start_factor=1/w, total_iters=w−1), CosineAnnealingLR(T_max=T−w, eta_min)],
 * milestones=[w])`, i.e. {@link sequentialLR} of {@link linearLR} and {@link cosineAnnealingLR}; warmup 0 is the
 * cosine alone. (Hugging Face's warm-up starts from 0 at the first step, which wastes it; PyTorch's LinearLR cannot.)
 *
 * @example
 * warmupCosine(1e-3, { warmup: 100, total: 1000 }); // 1e-5 at t = 1, 1e-3 at t = 100 and 101, 5e-4 at t = 551
 */
import { conflictError, integer, nonNegative, resolveOptions, type Specs } from "../optim/validate.ts";
import { cosineAnnealingLR } from "./cosine-annealing-lr.ts";
import { baseRate, checkedStep, type Schedule } from "./schedules.ts";

export interface WarmupCosineOptions {
  /** Steps of linear warm-up w, an integer ≥ 0. Required. */
  warmup: number;
  /** Steps of the whole run T, an integer > warmup. Required. */
  total: number;
  /** The floor η_min, a finite number ≥ 0. Default 0. */
  etaMin: number;
}

const specs: Specs<WarmupCosineOptions> = {
  warmup: integer(0, 0),
  total: integer(1, 1),
  etaMin: nonNegative(0),
};

export function warmupCosine(
  lr: number,
  options: Pick<WarmupCosineOptions, "warmup" | "total"> & Partial<WarmupCosineOptions>,
): Schedule {
  const alpha = baseRate("warmupCosine", lr);
  // warmup and total have no default: checking a missing one gives the usual message ("… received undefined").
  for (const name of ["warmup", "total"] as const)
    if (options?.[name] === undefined) specs[name].check(undefined, { owner: "warmupCosine", name });
  const { warmup, total, etaMin } = resolveOptions("warmupCosine", specs, options);
  if (total <= warmup) throw conflictError("warmupCosine", "total must be greater than warmup", { warmup, total });
  const decay = cosineAnnealingLR(alpha, { tMax: total - warmup, etaMin });
  const where = { owner: "warmupCosine", name: "t" };
  return (t) => (checkedStep(where, t) <= warmup ? (alpha * t) / warmup : decay(t - warmup));
}
