/** Messages between the page (or the build) and a kernel worker. */
import type { Output } from "./outputs.ts";
import type { EvaluatedValue, RunOptions, RunResult } from "./kernel.ts";

export type ToKernel =
  | ({ type: "run"; runId: number; cellId: string; source: string } & RunOptions)
  | { type: "evaluate"; runId: number; expressions: string[] }
  /** The answer to a cell's `fetch` (course-fetch.ts): the file, or why not. */
  | ({ type: "fetched"; requestId: number } & FetchAnswer);

export type FetchAnswer =
  | { ok: true; status: number; statusText: string; headers: [string, string][]; body: ArrayBuffer }
  | { ok: false; error: string };

export type FromKernel =
  | { type: "ready" }
  | { type: "output"; runId: number; cellId: string; output: Output }
  | ({ type: "done"; runId: number; cellId: string } & RunResult)
  | { type: "values"; runId: number; values: EvaluatedValue[] }
  /** A cell asked for a file of the course: the page fetches it (the kernel's page may fetch nothing). */
  | { type: "fetch"; requestId: number; url: string };
