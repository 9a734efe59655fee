/** Messages between the page (or the build) and a kernel worker. */
import type { Output } from "./outputs.ts";
import type { WidgetValue } from "./widgets.ts";

export interface RunResult {
  status: "ok" | "error";
  /** Names the cell declared for later cells. */
  declared: string[];
}

export interface RunOptions {
  /** Values the reader gave the cell's inputs, by input key (`slider:α`, see widgets.ts). */
  widgets?: Record<string, WidgetValue>;
  /** An exercise's hidden checks, run after the cell's code in the same scope. */
  checks?: string;
  /** Report the last value of each `//: label` line (a cell paired with equations). */
  trace?: boolean;
}

/** The value of an expression evaluated for the page's prose: a number, string or boolean, or its inspected text. */
export type EvaluatedValue = { value: number | string | boolean | null } | { error: string };

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
