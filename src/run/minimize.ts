/**
 * Run an optimizer on a problem and keep the path as plain data, ready to plot or to compare.
 *
 * ```ts
 * const trajectory = minimize(rosenbrock(), adam({ lr: 0.05 }), { steps: 500, record: ["m", "vHat"] });
 * trajectory.x[0];      // [-1.2, 1]: the start (rosenbrock's customary one, as no x0 was given)
 * trajectory.x[500];    // the point after step 500
 * trajectory.loss[500]; // f at that point
 * trajectory.states[1]; // { t: 1, m: [...], vHat: [...] }: the state after step 1
 * ```
 *
 * Step t (1-based): g = ∇f_t(x) from `problem.gradient(x, g, t)`, then `optimizer.step(x, g, state)`, then the
 * projection. `loss[t]` is `problem.value(x[t])` without t: for online and stochastic problems, the expected loss.
 * `x`, `loss` and `states` all have steps + 1 entries, index t holding the values after step t (0: the start).
 *
 * The loop allocates nothing but what it returns: one gradient buffer for the run, and per step the copy of x (and
 * of the recorded state).
 */
import type { Optimizer, StepCount, Vector } from "../optim/types.ts";
import {
  finiteNumbers,
  integer,
  resolveOptions,
  show,
  typeError,
  type NumberList,
  type OptionSpec,
  type Specs,
} from "../optim/validate.ts";
import { zerosLike } from "../optim/wasm-memory.ts";
import type { Problem } from "../problems/problem.ts";
import { snapshotter, type Snapshot } from "./snapshot.ts";

export interface MinimizeOptions {
  /** The starting point. A Float32Array runs the whole path in float32. Default: the problem's `start`. */
  x0: NumberList;
  /** Number of steps, an integer ≥ 0. Default 100. */
  steps: number;
  /** In-place projection applied after every step, or false for none. Default: the problem's own (reddi's [−1, 1]). */
  project: ((x: Vector) => void) | false;
  /** Which state to copy at every step: true for all of it, or names such as ["m", "v", "mHat", "vHat"]. Default false. */
  record: boolean | readonly string[];
}

export interface Trajectory {
  /** The problem's name. */
  readonly problem: string;
  /** The optimizer's name. */
  readonly optimizer: string;
  /** x[t]: the point after step t; x[0] is the start. */
  readonly x: number[][];
  /** loss[t]: the (expected) objective at x[t]. */
  readonly loss: number[];
  /** states[t]: the recorded state after step t (only when `record` asks for it). */
  readonly states?: Snapshot[];
}

const projectSpec: OptionSpec<((x: Vector) => void) | false | undefined> = {
  default: undefined,
  check(value, where) {
    if (typeof value === "function" || value === false) return value as (x: Vector) => void;
    throw typeError(where, "a function (x) => void that projects x in place, or false", value);
  },
};

const recordSpec: OptionSpec<boolean | readonly string[]> = {
  default: false,
  check(value, where) {
    if (typeof value === "boolean") return value;
    if (Array.isArray(value) && value.every((name) => typeof name === "string")) return value as string[];
    throw typeError(where, 'true, false or a list of state names such as ["m", "v"]', value);
  },
};

export function minimize<State extends StepCount>(
  problem: Problem,
  optimizer: Optimizer<State, unknown>,
  options?: Partial<MinimizeOptions>,
): Trajectory {
  if (problem === null || typeof problem !== "object" || typeof problem.gradient !== "function")
    throw new TypeError(`minimize: problem must be a problem such as rosenbrock(); received ${show(problem)}`);
  if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.step !== "function")
    throw new TypeError(`minimize: optimizer must be an optimizer such as adam(); received ${show(optimizer)}`);
  const specs: Specs<MinimizeOptions> = {
    x0: finiteNumbers(problem.start, { length: problem.dimension }) as OptionSpec<NumberList>,
    steps: integer(0, 100),
    project: projectSpec as OptionSpec<((x: Vector) => void) | false>,
    record: recordSpec,
  };
  const { x0, steps, project: projectOption, record } = resolveOptions("minimize", specs, options);
  if (x0 === undefined) {
    const allowed = `an array of ${problem.dimension} finite numbers (${problem.name} has no customary start)`;
    throw typeError({ owner: "minimize", name: "x0" }, allowed, x0);
  }
  const project = projectOption === undefined ? problem.project : projectOption || undefined;

  const x = x0 instanceof Float32Array ? Float32Array.from(x0) : Float64Array.from(x0);
  const grad = zerosLike(x);
  const state = optimizer.init(x);
  const snapshot =
    record === false ? undefined : snapshotter(optimizer, state, record, { owner: "minimize", name: "record" });
  const trajectory = {
    problem: problem.name,
    optimizer: optimizer.name,
    x: [Array.from(x)],
    loss: [problem.value(x)],
    ...(snapshot ? { states: [snapshot(state)] } : {}),
  };
  for (let t = 1; t <= steps; t++) {
    problem.gradient(x, grad, t);
    optimizer.step(x, grad, state);
    project?.(x);
    trajectory.x.push(Array.from(x));
    trajectory.loss.push(problem.value(x));
    if (snapshot) trajectory.states!.push(snapshot(state));
  }
  return trajectory;
}
