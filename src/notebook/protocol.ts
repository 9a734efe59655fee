/** Messages between the page (or the build) and a kernel worker. */
import type { Output } from "./outputs.ts";
import type { EvaluatedValue, RunOptions, RunResult } from "./kernel.ts";

export type ToKernel =
  | ({ type: "run"; runId: number; cellId: string; source: string } & RunOptions)
  | { type: "evaluate"; runId: number; expressions: string[] };

export type FromKernel =
  | { type: "ready" }
  | { type: "output"; runId: number; cellId: string; output: Output }
  | ({ type: "done"; runId: number; cellId: string } & RunResult)
  | { type: "values"; runId: number; values: EvaluatedValue[] };
