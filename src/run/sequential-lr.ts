/**
 * Schedules one after another, as PyTorch's `SequentialLR`: schedule k runs from milestone k on, restarted at its
 * own first step. With milestones m₁ < m₂ < … (in steps; PyTorch's are epochs, the same numbers),
 *
 * $$
 * \alpha_t = \alpha^{(k)}_{t - m_k} \quad \text{for } m_k < t \le m_{k+1}, \qquad m_0 = 0,
 * $$
 *
 * so the second schedule's first step is step m₁ + 1, which PyTorch reaches at epoch e = m₁ (it calls the next
 * scheduler's `step(0)` there). A warm-up then a decay: `sequentialLR([linearLR(…), cosineAnnealingLR(…)],
 * { milestones: [w] })`, which {@link warmupCosine} writes for you.
 *
 * @example
 * sequentialLR([linearLR(1e-3, { startFactor: 0.01, totalIters: 10 }), stepLR(1e-3, { stepSize: 100 })],
 *   { milestones: [10] }); // 1e-5 … up to 1e-3 at t = 11, then 1e-4 from t = 111
 */
import { show, typeError, rangeError } from "../optim/validate.ts";
import { checkedStep, type Schedule } from "./schedules.ts";

export interface SequentialLROptions {
  /** The steps after which the next schedule takes over: increasing integers ≥ 1, one fewer than the schedules. */
  milestones: readonly number[];
}

export function sequentialLR(schedules: readonly Schedule[], options: SequentialLROptions): Schedule {
  if (!Array.isArray(schedules) || schedules.length === 0 || schedules.some((s) => typeof s !== "function"))
    throw typeError(
      { owner: "sequentialLR", name: "schedules" },
      "an array of one or more schedules t => α_t",
      schedules,
    );
  if (options === null || typeof options !== "object" || Array.isArray(options))
    throw new TypeError(`sequentialLR: options must be an object { milestones }; received ${show(options)}`);
  for (const name of Object.keys(options))
    if (name !== "milestones")
      throw new TypeError(`sequentialLR: unknown option ${JSON.stringify(name)}; the only one is milestones`);
  const milestones = options.milestones;
  const allowed = `${schedules.length - 1} increasing integers ≥ 1 (one fewer than the schedules)`;
  const where = { owner: "sequentialLR", name: "milestones" };
  if (!Array.isArray(milestones) || milestones.some((m) => typeof m !== "number"))
    throw typeError(where, allowed, milestones);
  if (
    milestones.length !== schedules.length - 1 ||
    !milestones.every((m, k) => Number.isSafeInteger(m) && m >= 1 && (k === 0 || m > milestones[k - 1]!))
  )
    throw rangeError(where, allowed, milestones);
  const bounds = Object.freeze([0, ...milestones]);
  const list = Object.freeze([...schedules]);
  const stepWhere = { owner: "sequentialLR", name: "t" };
  return (t) => {
    checkedStep(stepWhere, t);
    let k = bounds.length - 1;
    while (bounds[k]! >= t) k--;
    return list[k]!(t - bounds[k]!);
  };
}
