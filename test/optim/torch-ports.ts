/**
 * The reference trajectories of Lion, Adafactor and Muon (test/optim/fixtures/ports, made by
 * scripts/torch_fixtures_ports.py from float64 ports of their reference sources on PyTorch 1.13; see the fixtures'
 * README), as their test reads them: the cases, the problems with their data, the gradients computed in the order
 * the script computes them (so both sides see the same gradient at the same x), and a replay of a case.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { Optimizer, Vector } from "../../src/optim/index.ts";
import * as optim from "../../src/optim/index.ts";

type Matrix = number[][];

export interface PortProblem {
  kind: "quadratic" | "bowl" | "rosenbrock" | "tape" | "weighted" | "leastSquares";
  x0: number[] | Matrix;
  shape?: [number, number];
  a?: number[];
  gradients?: number[][];
  weights?: Matrix;
  target?: Matrix;
  A?: Matrix;
  Y?: Matrix;
}

export interface PortCase {
  options: Record<string, unknown> & { lrSchedule?: string };
  problem: string;
  /** The shape given to `init` (none: a vector). */
  shape?: [number, number];
  x0: number[];
  steps: number;
  every: number;
  /** x at steps every, 2·every, … */
  x: number[][];
  /** The state after the last step, under the library's names. */
  state: Record<string, number | number[]>;
}

export interface PortFixture {
  optimizer: string;
  torch: string;
  source: string;
  problems: Record<string, PortProblem>;
  cases: PortCase[];
}

const SCHEDULES: Record<string, (t: number) => number> = {
  "0.05/sqrt(t)": (t) => 0.05 / Math.sqrt(t),
  "0.5/sqrt(t)": (t) => 0.5 / Math.sqrt(t),
};

const directory = new URL("./fixtures/ports/", import.meta.url);
export const portFixtures: PortFixture[] = readdirSync(directory)
  .filter((file) => file.endsWith(".json"))
  .map((file) => JSON.parse(readFileSync(new URL(file, directory), "utf8")) as PortFixture);

export function describePortCase(optimizer: string, { options, problem, shape }: PortCase): string {
  return `${optimizer} ${JSON.stringify(options)} on ${problem}${shape ? ` [${shape.join("×")}]` : ""}`;
}

const flat = (values: number[] | Matrix): number[] => (values as (number | number[])[]).flat();

/** The problem's gradient at x (step t for the tape), written as scripts/torch_fixtures_ports.py writes it. */
export function gradientOf(problem: PortProblem, x: Vector, t: number, grad: Vector): void {
  switch (problem.kind) {
    case "quadratic":
      for (let i = 0; i < x.length; i++) grad[i] = problem.a![i]! * x[i]!;
      return;
    case "bowl":
      for (let i = 0; i < x.length; i++) grad[i] = 2 * x[i]!;
      return;
    case "rosenbrock": {
      const gy = 200 * (x[1]! - x[0]! * x[0]!);
      grad[0] = -2 * (1 - x[0]!) - 2 * x[0]! * gy;
      grad[1] = gy;
      return;
    }
    case "tape":
      grad.set(problem.gradients![t - 1]!);
      return;
    case "weighted": {
      const weights = flat(problem.weights!);
      const target = flat(problem.target!);
      for (let i = 0; i < x.length; i++) grad[i] = weights[i]! * (x[i]! - target[i]!);
      return;
    }
    case "leastSquares": {
      const { A, Y } = problem as Required<PortProblem>;
      const [rows, cols] = problem.shape!;
      const residual = new Float64Array(A.length * cols);
      for (let k = 0; k < A.length; k++)
        for (let j = 0; j < cols; j++) {
          let sum = 0;
          for (let i = 0; i < rows; i++) sum += A[k]![i]! * x[i * cols + j]!;
          residual[k * cols + j] = sum - Y[k]![j]!;
        }
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) {
          let sum = 0;
          for (let k = 0; k < A.length; k++) sum += A[k]![i]! * residual[k * cols + j]!;
          grad[i * cols + j] = sum;
        }
      return;
    }
  }
}

/** The case's optimizer, its schedule (if any) put back in place of the name the fixture records. */
export function portOptimizerFor(name: string, testCase: PortCase): Optimizer<any> {
  const { lrSchedule, ...options } = testCase.options;
  const factory = (optim as unknown as Record<string, (options: object) => Optimizer<any>>)[name]!;
  return factory(lrSchedule ? { ...options, lr: SCHEDULES[lrSchedule] } : options);
}

/** Replays a case: x at each recorded step and the state after the last one. */
export function replayPortCase(fixture: PortFixture, testCase: PortCase) {
  const optimizer = portOptimizerFor(fixture.optimizer, testCase);
  const problem = fixture.problems[testCase.problem]!;
  const x = Float64Array.from(testCase.x0);
  const grad = new Float64Array(x.length);
  const state = optimizer.init(x, testCase.shape ? { shape: testCase.shape } : undefined);
  const path: Float64Array[] = [];
  for (let t = 1; t <= testCase.steps; t++) {
    gradientOf(problem, x, t, grad);
    optimizer.step(x, grad, state);
    if (t % testCase.every === 0) path.push(x.slice());
  }
  return { path, state: state as unknown as Record<string, number | Vector> };
}
