/**
 * Copies of an optimizer's state as plain data, for plots of m, v, m̂, v̂ step by step. Besides the state's own fields
 * (`m`, `v`, `vMax`, `u`, `b`, `sum`, `gAvg`, `muProduct`, …) a record may ask for the bias-corrected moments of
 * optimizers with betas:
 *
 * $$ \hat m_t = m_t / (1-\beta_1^t), \qquad \hat v_t = v_t / (1-\beta_2^t) $$
 *
 * (`mHat`, `vHat`; at t = 0 both are 0, the moments' starting value). They are the lesson's definitions, computed
 * whatever the optimizer does with them: Adam with `biasCorrection: false` still records the m̂ it skips.
 */
import type { Optimizer, StepCount, Vector } from "../optim/types.ts";
import { typeError, type Where } from "../optim/validate.ts";

/** One step's state: `t` and the recorded fields, vectors as plain arrays. */
export type Snapshot = { t: number } & Record<string, number | number[]>;

const BIAS_CORRECTED = { mHat: { moment: "m", beta: 0 }, vHat: { moment: "v", beta: 1 } } as const;

/**
 * A function that copies the fields `record` names (every field of the state when `record` is true) from a state
 * shaped like `state`. Checks the names once, here.
 */
export function snapshotter(
  optimizer: Optimizer<StepCount, unknown>,
  state: StepCount,
  record: true | readonly string[],
  where: Where,
): (state: StepCount) => Snapshot {
  const fields = state as unknown as Record<string, unknown>;
  const own = Object.keys(state).filter((name) => name !== "t");
  const betas = (optimizer.options as { betas?: readonly [number, number] } | undefined)?.betas;
  const derived = Object.entries(BIAS_CORRECTED)
    .filter(([, { moment }]) => betas !== undefined && fields[moment] !== undefined)
    .map(([name]) => name);
  const names = record === true ? own : record;
  const allowed = `a list of names from ${[...own, ...derived].join(", ")} (${optimizer.name}'s state)`;
  for (const name of names) if (!own.includes(name) && !derived.includes(name)) throw typeError(where, allowed, record);

  return (current) => {
    const values = current as unknown as Record<string, number | Vector>;
    const snapshot: Snapshot = { t: current.t };
    for (const name of names) {
      if (name in BIAS_CORRECTED) {
        const { moment, beta } = BIAS_CORRECTED[name as keyof typeof BIAS_CORRECTED];
        const correction = current.t === 0 ? 1 : 1 - betas![beta] ** current.t;
        snapshot[name] = Array.from(values[moment] as Vector, (value) => value / correction);
      } else {
        const value = values[name]!;
        snapshot[name] = typeof value === "number" ? value : Array.from(value);
      }
    }
    return snapshot;
  };
}
