/**
 * The page's handle on its kernel worker: runs cells one at a time, and stops a run by terminating the worker and
 * starting a fresh one. The main thread never waits on cell code, so no cell can freeze the page.
 */
import type { Output } from "./outputs.ts";
import type { FromKernel, ToKernel } from "./protocol.ts";

export type RunStatus = "ok" | "error" | "stopped" | "timeout";

export interface RunOptions {
  /** Stop the run (and restart the kernel) after this many milliseconds. */
  timeoutMs: number;
  /** Called with each output as it arrives. */
  onOutput(output: Output): void;
}

export interface RunOutcome {
  status: RunStatus;
  /** Milliseconds from sending the run to its end. */
  ms: number;
}

interface ActiveRun {
  runId: number;
  options: RunOptions;
  started: number;
  timer: ReturnType<typeof setTimeout>;
  finish(status: RunStatus): void;
}

export class KernelClient {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextRunId = 1;
  private active: ActiveRun | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Increments each time a fresh worker starts; outputs from an older kernel may be stale. */
  generation = 0;
  /** Called after the kernel was restarted because a run was stopped or timed out. */
  onRestart: (() => void) | undefined;

  /** Start the worker now (e.g. when the reader starts editing) so the first run does not wait for it. */
  warm(): Promise<void> {
    if (!this.ready) this.spawn();
    return this.ready!;
  }

  /** Run a cell after any runs already queued. */
  run(cellId: string, source: string, options: RunOptions): Promise<RunOutcome> {
    const result = this.queue.then(() => this.runNow(cellId, source, options));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Stop the running cell, if any: the worker is terminated and a fresh one started. */
  stop(): void {
    this.active?.finish("stopped");
  }

  /** Discard the kernel's state: a fresh worker, nothing defined. */
  restart(): void {
    if (this.active) return this.active.finish("stopped");
    this.terminate();
    this.spawn();
  }

  get busy(): boolean {
    return this.active !== undefined;
  }

  private async runNow(cellId: string, source: string, options: RunOptions): Promise<RunOutcome> {
    await this.warm();
    const runId = this.nextRunId++;
    const started = performance.now();
    return new Promise<RunOutcome>((resolve) => {
      const finish = (status: RunStatus) => {
        if (this.active?.runId !== runId) return;
        clearTimeout(this.active.timer);
        this.active = undefined;
        if (status === "stopped" || status === "timeout") {
          this.terminate();
          this.spawn();
          this.onRestart?.();
        }
        resolve({ status, ms: performance.now() - started });
      };
      const timer = setTimeout(() => finish("timeout"), options.timeoutMs);
      this.active = { runId, options, started, timer, finish };
      this.worker!.postMessage({ type: "run", runId, cellId, source } satisfies ToKernel);
    });
  }

  private spawn() {
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "moments-kernel" });
    this.worker = worker;
    this.generation++;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.addEventListener("message", (event: MessageEvent<FromKernel>) => {
        const message = event.data;
        if (message.type === "ready") return resolve();
        const active = this.active;
        if (!active || message.runId !== active.runId) return;
        if (message.type === "output") active.options.onOutput(message.output);
        else if (message.type === "done") active.finish(message.status);
      });
      worker.addEventListener("error", (event) => {
        event.preventDefault();
        const error = new Error(`the kernel failed to start: ${event.message || "unknown error"}`);
        if (this.active) {
          this.active.options.onOutput({ kind: "error", name: "KernelError", message: error.message, frames: [] });
          this.active.finish("error");
        }
        reject(error);
      });
    });
    this.ready.catch(() => undefined);
  }

  private terminate() {
    this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
  }
}
