/**
 * Loss curves of runs: f(θ_t) − f* against the step t, on a log axis by default, one line per run.
 *
 * ```ts
 * const runs = { sgd: minimize(p, sgd({ lr: 0.1 })), adam: minimize(p, adam({ lr: 0.1 })) };
 * Plot.plot(lossChart(runs, { minimum: p.minimum?.value }))
 * ```
 */
import type { Trajectory } from "../run/index.ts";
import { curvesChart, type CurvesOptions } from "./curves.ts";

export interface LossOptions extends Omit<CurvesOptions, "start"> {
  /** f*, subtracted from every loss so that a log axis shows the gap to the minimum. Default 0. */
  minimum?: number;
}

export function lossChart(runs: Readonly<Record<string, Pick<Trajectory, "loss">>>, options: LossOptions = {}) {
  const minimum = options.minimum ?? 0;
  const log = options.log ?? true;
  const y = options.y ?? (minimum === 0 ? "loss f(θₜ)" : "f(θₜ) − f*");
  const curves = Object.fromEntries(
    Object.entries(runs).map(([name, run]) => [name, run.loss.map((loss) => loss - minimum)]),
  );
  return curvesChart(curves, {
    ariaLabel: `Loss curves of ${Object.keys(runs).join(", ")}`,
    ...options,
    y,
    log,
    start: 0,
  });
}
