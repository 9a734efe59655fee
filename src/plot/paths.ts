/**
 * Optimizer paths on the contour lines of a 2-D problem: where each method walks, not just how fast its loss falls.
 *
 * ```ts
 * const p = rosenbrock();
 * const runs = { sgd: minimize(p, sgd({ lr: 1e-3 }), { steps: 500 }), adam: minimize(p, adam({ lr: 0.05 }), { steps: 500 }) };
 * Plot.plot(pathsChart(p, runs))
 * Plot.plot({ ...pathsChart(p, runs, { levels: 30 }), width: 480 }) // options compose
 * ```
 *
 * Contours are drawn at equal steps of log(1 + f − f*) when the minimum f* is known (so a deep narrow valley keeps
 * its shape), of f otherwise. Each path starts at a ring and ends at a dot; the minima are marked with crosses.
 */
import * as Plot from "@observablehq/plot";
import type { Problem } from "../problems/index.ts";
import type { Trajectory } from "../run/index.ts";
import { roundPaths } from "./compact.ts";
import { contourLines } from "./contours.ts";
import { described, listNames, type Described } from "./describe.ts";
import { colors } from "./palette.ts";

export interface PathsOptions extends Described {
  /** The window [[x₁, x₂], [y₁, y₂]]. Default: the problem's `domain`. */
  domain?: readonly (readonly [number, number])[];
  /** Names of the two coordinates, for the axes. Default ["x", "y"]. */
  labels?: readonly [string, string];
  /** Number of contour levels. Default 12. */
  levels?: number;
  /** Contour levels at equal steps of log(1 + f − f*) (true) or of f (false). Default: true when f* is known. */
  logLevels?: boolean;
}

/** A path: a trajectory from `minimize`, or its list of points. */
export type PathLike = Pick<Trajectory, "x"> | readonly (readonly number[])[];

export function pathsChart(problem: Problem, runs: Readonly<Record<string, PathLike>>, options: PathsOptions = {}) {
  if (problem.dimension !== 2)
    throw new RangeError(
      `pathsChart: problem must have 2 coordinates; received ${problem.name} with ${problem.dimension}`,
    );
  const domain = options.domain ?? problem.domain;
  if (!domain || domain.length !== 2)
    throw new TypeError(
      `pathsChart: domain must be [[x1, x2], [y1, y2]] (${problem.name} has none); received ${JSON.stringify(domain)}`,
    );
  const [[x1, x2], [y1, y2]] = domain as [[number, number], [number, number]];
  const [xLabel, yLabel] = options.labels ?? ["x", "y"];
  const names = Object.keys(runs);
  const minimum = problem.minimum;
  const logLevels = (options.logLevels ?? minimum !== undefined) && minimum !== undefined;
  const point = [0, 0];
  const level = (x: number, y: number) => {
    point[0] = x;
    point[1] = y;
    const f = problem.value(point);
    return logLevels ? Math.log1p(Math.max(0, f - minimum!.value)) : f;
  };
  const points = names.flatMap((series) => {
    const run = runs[series]!;
    const path = "x" in run && !Array.isArray(run) ? run.x : (run as readonly (readonly number[])[]);
    return path.map(([x, y], t) => ({ series, t, x: x!, y: y!, last: t === path.length - 1 }));
  });
  return {
    ...described(options, {
      ariaLabel: `Paths of ${listNames(names)} on the contours of ${problem.name}`,
      ariaDescription: `Contour lines of ${problem.name} with the path of each optimizer (${listNames(names)}) from its start, a ring, to its end, a dot.`,
    }),
    aspectRatio: 1,
    x: { label: xLabel, domain: [x1, x2] },
    y: { label: yLabel, domain: [y1, y2] },
    color: colors(names),
    marks: [
      contourLines(
        level,
        [
          [x1, x2],
          [y1, y2],
        ],
        { thresholds: options.levels ?? 12 },
      ),
      Plot.frame({ strokeOpacity: 0.3 }),
      ...(minimum
        ? [Plot.dot(minimum.at, { x: "0", y: "1", symbol: "times", r: 5, stroke: "currentColor", strokeWidth: 2 })]
        : []),
      Plot.line(points, {
        x: "x",
        y: "y",
        z: "series",
        stroke: "series",
        strokeWidth: 1.75,
        clip: true,
        render: roundPaths,
      }),
      Plot.dot(
        points.filter((p) => p.t === 0),
        { x: "x", y: "y", r: 4.5, stroke: "currentColor", fill: "none", clip: true },
      ),
      Plot.dot(
        points.filter((p) => p.last),
        { x: "x", y: "y", r: 3.5, fill: "series", clip: true },
      ),
    ],
  };
}
