/**
 * PyTorch 1.13's reference trajectories (test/optim/fixtures, see its README), as the fixture tests read them: every
 * case of every optimizer, the problems their gradients come from, the learning-rate schedules by name, and a case's
 * name in test titles ("adam {"lr":0.05} on bowl").
 */
import { readdirSync, readFileSync } from "node:fs";
import type { Optimizer } from "../../src/optim/index.ts";
import * as optim from "../../src/optim/index.ts";
import { bowl, quadratic, rosenbrock, type Problem } from "../../src/problems/index.ts";

export interface Case {
  options: Record<string, unknown> & { lrSchedule?: string };
  problem: "quadratic" | "bowl" | "rosenbrock" | "tape";
  x0: number[];
  steps: number;
  every: number;
  /** The `tape` cases' fixed gradients, one per step. */
  gradients?: number[][];
  /** x at steps every, 2·every, … */
  x: number[][];
  /** The state after the last step, under the library's names. */
  state: Record<string, number | number[]>;
}

export interface Fixture {
  optimizer: string;
  cases: Case[];
}

const SCHEDULES: Record<string, (t: number) => number> = { "0.5/sqrt(t)": (t) => 0.5 / Math.sqrt(t) };

export const PROBLEMS: Record<Exclude<Case["problem"], "tape">, Problem> = {
  quadratic: quadratic({ a: [1, 10, 100] }),
  bowl: bowl(),
  rosenbrock: rosenbrock(),
};

const directory = new URL("./fixtures/", import.meta.url);
export const fixtures: Fixture[] = readdirSync(directory)
  .filter((file) => file.endsWith(".json"))
  .map((file) => JSON.parse(readFileSync(new URL(file, directory), "utf8")) as Fixture);

export function describeCase(optimizer: string, { options, problem }: Case): string {
  return `${optimizer} ${JSON.stringify(options)} on ${problem}`;
}

/** The case's optimizer, its schedule (if any) put back in place of the name the fixture records. */
export function optimizerFor(name: string, testCase: Case): Optimizer<any> {
  const { lrSchedule, ...options } = testCase.options;
  const factory = (optim as unknown as Record<string, (options: object) => Optimizer<any>>)[name]!;
  return factory(lrSchedule ? { ...options, lr: SCHEDULES[lrSchedule] } : options);
}
