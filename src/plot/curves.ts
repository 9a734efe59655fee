/**
 * Named series over the step t (or any x) as one line chart: the shape of loss curves, moments m and m̂ over steps,
 * effective learning rates, impulse responses.
 *
 * ```ts
 * Plot.plot(curvesChart({ "β = 0.9": weights9, "β = 0.99": weights99 }, { y: "weight of g_{t−k}", x: "age k" }))
 * ```
 *
 * A series is an array of numbers (y at x = start, start + 1, …) or of [x, y] pairs. On a log axis, values ≤ 0
 * leave a gap instead of breaking the chart.
 */
import * as Plot from "@observablehq/plot";
import { roundPaths } from "./compact.ts";
import { described, listNames, type Described } from "./describe.ts";
import { colors } from "./palette.ts";
import { axis } from "./ticks.ts";

export type Curve = ArrayLike<number> | readonly (readonly [number, number])[];

export interface CurvesOptions extends Described {
  /** Label of the horizontal axis. Default "step t". */
  x?: string;
  /** Label of the vertical axis. Default "value". */
  y?: string;
  /** Logarithmic vertical axis. Default false. */
  log?: boolean;
  /** Logarithmic horizontal axis. Default false. */
  logX?: boolean;
  /** The x of a plain array's first value. Default 0 (index t holds step t, as in a trajectory). */
  start?: number;
  /** Draw a rule at y = 0 (linear axis only). Default true. */
  zero?: boolean;
}

/** One row per point: the long format Plot's marks take. */
export interface CurvePoint {
  series: string;
  x: number;
  y: number;
}

/** The points of named curves, with NaN where a log axis cannot show a value (a gap in the line). */
export function curvePoints(
  curves: Readonly<Record<string, Curve>>,
  options: { start?: number; log?: boolean; logX?: boolean } = {},
): CurvePoint[] {
  const start = options.start ?? 0;
  const points: CurvePoint[] = [];
  for (const [series, curve] of Object.entries(curves)) {
    for (let i = 0; i < curve.length; i++) {
      const item = curve[i]!;
      const [x, y] = typeof item === "number" ? [start + i, item] : item;
      points.push({
        series,
        x: options.logX && !(x > 0) ? Number.NaN : x,
        y: options.log && !(y > 0) ? Number.NaN : y,
      });
    }
  }
  return points;
}

export function curvesChart(curves: Readonly<Record<string, Curve>>, options: CurvesOptions = {}) {
  const names = Object.keys(curves);
  const log = options.log ?? false;
  const xLabel = options.x ?? "step t";
  const yLabel = options.y ?? "value";
  const points = curvePoints(curves, { start: options.start, log, logX: options.logX });
  return {
    ...described(options, {
      ariaLabel: `${yLabel} against ${xLabel}: ${listNames(names)}`,
      ariaDescription: `Lines of ${yLabel} against ${xLabel}, one per series: ${listNames(names)}.`,
    }),
    x: axis(xLabel, options.logX ?? false),
    y: { ...axis(yLabel, log), grid: !log }, // a log axis has a tick, and would have a grid line, every 1–9 × 10ⁿ
    color: colors(names),
    marks: [
      ...(!log && (options.zero ?? true) ? [Plot.ruleY([0], { strokeOpacity: 0.3 })] : []),
      Plot.line(points, { x: "x", y: "y", z: "series", stroke: "series", strokeWidth: 1.75, render: roundPaths }),
    ],
  };
}
