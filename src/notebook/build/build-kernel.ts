/**
 * Run a page's cells at build time, in order, in one fresh kernel (a Node worker thread): the outputs that go into
 * the static HTML.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { EvaluatedValue } from "../shared/protocol.ts";
import { mergeOutput, type Output } from "../shared/outputs.ts";
import type { FromKernel, ToKernel } from "../shared/protocol.ts";

export interface BuildCell {
  id: string;
  source: string;
  /** Milliseconds the cell may run before the build gives up on it. */
  timeoutMs: number;
  /** An exercise's checks, run after the source. */
  checks?: string;
  /** Report the last value of each `//: label` line. */
  trace?: boolean;
  /** The run must fail (an exercise's starter against its checks): a failure lets the page go on, a pass is the error. */
  mustFail?: boolean;
}

export interface BuildCellResult {
  id: string;
  /** "passed": a run that had to fail passed (see `BuildCell.mustFail`). */
  status: "ok" | "error" | "timeout" | "passed";
  outputs: Output[];
  /** Wall-clock milliseconds the cell took. */
  ms: number;
}

export interface BuildRun {
  cells: BuildCellResult[];
  /** The expressions' values, evaluated after the cells (only when every cell succeeded). */
  values: EvaluatedValue[];
}

export interface BuildKernelOptions {
  /** Absolute paths of the course library's modules (src/starlight/library.ts). */
  library?: readonly string[];
}

/**
 * Run the cells in order. Stops at the first cell that fails or times out; its result is the last one returned.
 */
export async function runCellsAtBuild(
  cells: readonly BuildCell[],
  options: BuildKernelOptions = {},
): Promise<BuildCellResult[]> {
  return (await runPageAtBuild(cells, [], options)).cells;
}

/**
 * Run a page's cells, then evaluate `expressions` in the page's scope (the values its prose quotes).
 *
 * The build compiles pages side by side; at most as many pages run their cells at once as the machine has cores,
 * so a cell's time limit measures the cell, not how many other pages were running beside it.
 */
export async function runPageAtBuild(
  cells: readonly BuildCell[],
  expressions: readonly string[] = [],
  options: BuildKernelOptions = {},
): Promise<BuildRun> {
  if (cells.length === 0 && expressions.length === 0) return { cells: [], values: [] };
  const release = await slot();
  try {
    return await runPage(cells, expressions, options);
  } finally {
    release();
  }
}

const waiting: (() => void)[] = [];
let running = 0;

/** Wait for one of the machine's cores; the returned function gives it back. */
function slot(): Promise<() => void> {
  return new Promise((resolve) => {
    const start = () => {
      running++;
      resolve(() => {
        running--;
        waiting.shift()?.();
      });
    };
    if (running < Math.max(1, availableParallelism())) start();
    else waiting.push(start);
  });
}

async function runPage(
  cells: readonly BuildCell[],
  expressions: readonly string[],
  options: BuildKernelOptions,
): Promise<BuildRun> {
  const results: BuildCellResult[] = [];
  const worker = new Worker(new URL("../kernel/node-thread.ts", import.meta.url), {
    workerData: { library: [...(options.library ?? [])] },
  });
  const inbox = messages(worker);
  try {
    await inbox.next((message) => message.type === "ready");
    for (const [runId, cell] of cells.entries()) {
      const outputs: Output[] = [];
      const started = performance.now();
      worker.postMessage({
        type: "run",
        runId,
        cellId: cell.id,
        source: cell.source,
        checks: cell.checks,
        trace: cell.trace,
      } satisfies ToKernel);
      const done = await inbox.next((message) => {
        if (message.type === "output" && message.runId === runId) mergeOutput(outputs, message.output);
        return message.type === "done" && message.runId === runId;
      }, cell.timeoutMs);
      const ms = performance.now() - started;
      if (done === undefined) {
        results.push({ id: cell.id, status: "timeout", outputs, ms });
        break;
      }
      const status = done.type === "done" ? done.status : "error";
      if (cell.mustFail) {
        const syntax = outputs.some((output) => output.kind === "error" && output.name === "SyntaxError");
        results.push({ id: cell.id, status: status === "ok" ? "passed" : syntax ? "error" : "ok", outputs, ms });
        if (status === "ok" || syntax) break;
        continue;
      }
      results.push({ id: cell.id, status, outputs, ms });
      if (status === "error") break;
    }
    if (results.some((result) => result.status !== "ok") || expressions.length === 0)
      return { cells: results, values: [] };
    const runId = cells.length;
    worker.postMessage({ type: "evaluate", runId, expressions: [...expressions] } satisfies ToKernel);
    const answer = await inbox.next((message) => message.type === "values" && message.runId === runId, 60_000);
    if (answer?.type !== "values") throw new Error("the build kernel did not evaluate the page's values within 60 s");
    return { cells: results, values: answer.values };
  } finally {
    await worker.terminate();
  }
}

/** Wait for kernel messages; resolves to undefined on timeout, rejects if the thread dies. */
function messages(worker: Worker) {
  const queue: FromKernel[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  worker.on("message", (message: FromKernel) => {
    queue.push(message);
    wake?.();
  });
  worker.on("error", (error) => {
    failure = error;
    wake?.();
  });
  worker.on("exit", (code) => {
    failure ??= new Error(`the build kernel exited with code ${code}`);
    wake?.();
  });
  return {
    async next(accept: (message: FromKernel) => boolean, timeoutMs = 60_000): Promise<FromKernel | undefined> {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        while (queue.length) {
          const message = queue.shift()!;
          if (accept(message)) return message;
        }
        if (failure) throw failure;
        const remaining = deadline - performance.now();
        if (remaining <= 0) return undefined;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    },
  };
}
