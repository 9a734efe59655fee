/** Messages between the page (or the build) and a kernel worker. */
import type { Output } from "./outputs.ts";
import type { RunResult } from "./kernel.ts";

export type ToKernel = { type: "run"; runId: number; cellId: string; source: string };

export type FromKernel =
  | { type: "ready" }
  | { type: "output"; runId: number; cellId: string; output: Output }
  | ({ type: "done"; runId: number; cellId: string } & RunResult);
