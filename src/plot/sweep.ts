/**
 * A learning-rate sweep: the final loss of each optimizer against its step size α, both on log axes. A wide valley
 * means a method that needs little tuning; a run that diverged is drawn as a cross on the top edge.
 *
 * ```ts
 * const rows = [];
 * for (const lr of [1e-3, 1e-2, 1e-1, 1]) rows.push({ optimizer: "adam", lr, loss: minimize(p, adam({ lr })).loss.at(-1) });
 * Plot.plot(sweepChart(rows))
 * ```
 */
import * as Plot from "@observablehq/plot";
import { described, listNames, type Described } from "./describe.ts";
import { colors } from "./palette.ts";
import { axis } from "./ticks.ts";

export interface SweepRow {
  optimizer: string;
  lr: number;
  loss: number;
}

export interface SweepOptions extends Described {
  /** Losses above this (and NaN or infinite ones) count as diverged. Default 1e6. */
  ceiling?: number;
  /** Losses below this are drawn at it (a log axis cannot show 0). Default 1e-12. */
  floor?: number;
  /** Label of the vertical axis. Default "final loss f − f*". */
  y?: string;
  /** Label of the horizontal axis. Default "learning rate α". */
  x?: string;
}

export function sweepChart(rows: readonly SweepRow[], options: SweepOptions = {}) {
  const ceiling = options.ceiling ?? 1e6;
  const floor = options.floor ?? 1e-12;
  const names = [...new Set(rows.map((row) => row.optimizer))];
  const diverged = (row: SweepRow) => !(row.loss <= ceiling);
  const points = rows.map((row) => ({ ...row, shown: diverged(row) ? Number.NaN : Math.max(floor, row.loss) }));
  return {
    ...described(options, {
      ariaLabel: `Final loss against learning rate for ${listNames(names)}`,
      ariaDescription: `For each optimizer (${listNames(names)}), the loss after the run against the learning rate, on log axes; crosses on the top edge are runs that diverged.`,
    }),
    x: axis(options.x ?? "learning rate α", true),
    y: axis(options.y ?? "final loss f − f*", true),
    color: colors(names),
    marks: [
      Plot.line(points, { x: "lr", y: "shown", z: "optimizer", stroke: "optimizer", strokeWidth: 1.75 }),
      Plot.dot(
        points.filter((p) => !diverged(p)),
        { x: "lr", y: "shown", fill: "optimizer", r: 3 },
      ),
      Plot.dot(points.filter(diverged), {
        x: "lr",
        y: () => ceiling,
        stroke: "optimizer",
        symbol: "times",
        r: 5,
        strokeWidth: 2,
      }),
    ],
  };
}
