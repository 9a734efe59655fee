/**
 * The page's handle on its kernel: runs cells one at a time, and stops a run by throwing the whole kernel away
 * (sandbox.ts) and starting a fresh one. The main thread never waits on cell code, so no cell can freeze the page.
 */
import { answerFetch } from "../shared/course-fetch.ts";
import type { RunOptions as KernelRunOptions } from "../shared/protocol.ts";
import { readKernelMessage } from "./kernel-messages.ts";
import type { Output } from "../shared/outputs.ts";
import type { ToKernel } from "../shared/protocol.ts";
import { startSandbox, type Sandbox } from "./sandbox.ts";

/** The course's origin and base path: the only files a cell may fetch (course-fetch.ts). */
const SITE = { origin: location.origin, base: import.meta.env.BASE_URL.replace(/\/?$/, "/") };

import type { RunStatus } from "./cell-run.ts";

export type { RunStatus } from "./cell-run.ts";

export interface RunOptions extends KernelRunOptions {
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
  timer: ReturnType<typeof setTimeout>;
  finish(status: RunStatus): void;
}

export class KernelClient {
  private sandbox: Promise<Sandbox> | undefined;
  private nextRunId = 1;
  private active: ActiveRun | undefined;
  private running = false;
  /** Increments each time a fresh kernel starts: outputs from an older one may be stale. */
  generation = 0;
  /** Called whenever the kernel was replaced: after a stop, a timeout, a crash or a restart. */
  onRestart: ((reason: "stopped" | "timeout" | "crashed" | "restart") => void) | undefined;

  /** Start the kernel now, so the first run does not wait for it. */
  warm(): Promise<Sandbox> {
    if (!this.sandbox) this.spawn();
    return this.sandbox!;
  }

  /** Run a cell. One run at a time: the runner (runner.ts) holds the page's one queue of runs. */
  run(cellId: string, source: string, options: RunOptions): Promise<RunOutcome> {
    if (this.running) throw new Error("KernelClient.run: a run is already active; queue runs in the Runner");
    this.running = true;
    return this.runNow(cellId, source, options).finally(() => (this.running = false));
  }

  /** Stop the running cell, if any: the kernel is discarded and a fresh one started. */
  stop(): void {
    this.active?.finish("stopped");
  }

  /** Discard the kernel's state: a fresh kernel, nothing defined. */
  restart(): void {
    if (this.active) return this.active.finish("stopped");
    this.replace("restart");
  }

  get busy(): boolean {
    return this.active !== undefined;
  }

  private async runNow(cellId: string, source: string, options: RunOptions): Promise<RunOutcome> {
    const started = performance.now();
    let sandbox: Sandbox;
    try {
      sandbox = await this.warm();
    } catch (error) {
      this.sandbox = undefined;
      options.onOutput({ kind: "error", name: "KernelError", message: (error as Error).message, frames: [] });
      return { status: "error", ms: performance.now() - started };
    }
    const runId = this.nextRunId++;
    return new Promise<RunOutcome>((resolve) => {
      const finish = (status: RunStatus) => {
        if (this.active?.runId !== runId) return;
        clearTimeout(this.active.timer);
        this.active = undefined;
        if (status === "stopped" || status === "timeout") this.replace(status);
        resolve({ status, ms: performance.now() - started });
      };
      const timer = setTimeout(() => finish("timeout"), options.timeoutMs);
      this.active = { runId, options, timer, finish };
      const { widgets, checks, trace } = options;
      sandbox.port.postMessage({ type: "run", runId, cellId, source, widgets, checks, trace } satisfies ToKernel);
    });
  }

  private spawn() {
    const generation = ++this.generation;
    this.sandbox = new Promise<Sandbox>((resolve, reject) => {
      const giveUp = setTimeout(() => reject(new Error("the kernel did not start within 30 s")), 30_000);
      startSandbox(() => this.onDeath(generation)).then((sandbox) => {
        // A MessagePort, or in dev the Worker itself: both deliver "message" events the same way.
        // Every message is checked first: cell code runs in the kernel and could have forged it.
        (sandbox.port as MessagePort).addEventListener("message", (event: MessageEvent<unknown>) => {
          const message = readKernelMessage(event.data);
          if (!message || generation !== this.generation) return;
          if (message.type === "ready") {
            performance.mark("moments:kernel-ready");
            clearTimeout(giveUp);
            return resolve(sandbox);
          }
          if (message.type === "fetch") {
            void answerFetch(message.url, SITE).then((answer) =>
              sandbox.port.postMessage(
                { type: "fetched", requestId: message.requestId, ...answer } satisfies ToKernel,
                answer.ok ? [answer.body] : [],
              ),
            );
            return;
          }
          // Only the run in progress may speak, and only until its "done": a forged or late message is dropped.
          const active = this.active;
          if (!active || message.runId !== active.runId) return;
          if (message.type === "output") active.options.onOutput(message.output);
          else if (message.type === "done") active.finish(message.status);
        });
      }, reject);
    });
  }

  /** The kernel died by itself (most likely out of memory): report the run it was doing, start a fresh one. */
  private onDeath(generation: number) {
    if (generation !== this.generation) return;
    this.active?.finish("crashed");
    this.replace("crashed");
  }

  private replace(reason: "stopped" | "timeout" | "crashed" | "restart") {
    const old = this.sandbox;
    this.sandbox = undefined;
    old?.then(
      (sandbox) => sandbox.dispose(),
      () => undefined,
    );
    this.spawn();
    this.onRestart?.(reason);
  }
}
