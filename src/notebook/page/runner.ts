/**
 * Running cells on the page, Jupyter-style, with the guarantees a docs notebook needs:
 *
 * - Running a cell first runs every cell above it that has not run in the current kernel, so the shared scope is
 *   what the cell expects (the page opened with outputs from the build, not with a warm kernel).
 * - After a cell runs, outputs below it that may no longer match are marked stale until they run again; after the
 *   kernel is replaced (Restart, Stop, time limit, crash), every output from the old kernel is.
 * - Operations (Run, Run all, a moved slider) never interleave: each waits for the one before.
 */
import type { CellView } from "./cell-view.ts";
import type { KernelClient, RunStatus } from "./client.ts";
import { mergeOutput, type Output } from "../shared/outputs.ts";

/** What running one cell came to, for the cells after it. */
type Verdict = "ran" | "blocked";

export interface RunnerHooks {
  /** A cell ran: `stopped` when it had to be stopped (Stop, time limit, crash). */
  onFinished?(cell: CellView, stopped: boolean): void;
}

export class Runner {
  private readonly kernel: KernelClient;
  private readonly cells: CellView[];
  private readonly hooks: RunnerHooks;
  private chain: Promise<unknown> = Promise.resolve();
  private executionCount = 0;
  private widgetTimers = new Map<CellView, ReturnType<typeof setTimeout>>();
  private widgetPending = new Set<CellView>();

  constructor(kernel: KernelClient, cells: CellView[], hooks: RunnerHooks = {}) {
    this.kernel = kernel;
    this.cells = cells;
    this.hooks = hooks;
    kernel.onRestart = (reason) => {
      if (reason === "restart") this.executionCount = 0;
      for (const cell of cells) if (cell.liveOutput) cell.setStale(true);
    };
  }

  /** Run a cell (after the cells above it that have not run in this kernel). */
  run(cell: CellView): Promise<void> {
    return this.enqueue(async () => {
      if ((await this.runAbove(cell)) === "blocked") return;
      await this.execute(cell);
    });
  }

  /** Run every cell from the top; stops at the first that fails. */
  runAll(): Promise<void> {
    return this.enqueue(async () => {
      for (const cell of this.cells) if ((await this.execute(cell)) === "blocked") return;
    });
  }

  /** A cell's input moved: re-run it and the cells below it that had run, debounced and coalesced. */
  inputChanged(cell: CellView): void {
    clearTimeout(this.widgetTimers.get(cell));
    this.widgetTimers.set(
      cell,
      setTimeout(() => {
        if (this.widgetPending.has(cell)) return;
        this.widgetPending.add(cell);
        void this.enqueue(async () => {
          this.widgetPending.delete(cell);
          if ((await this.runAbove(cell)) === "blocked") return;
          const generation = this.kernel.generation;
          const below = this.cells.filter((other) => other.number > cell.number && other.ranIn === generation);
          if ((await this.execute(cell)) === "blocked") return;
          for (const other of below) if ((await this.execute(other)) === "blocked") return;
        });
      }, 30),
    );
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const next = this.chain.then(operation);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async runAbove(cell: CellView): Promise<Verdict> {
    for (const earlier of this.cells.slice(0, cell.number - 1)) {
      if (earlier.ranIn === this.kernel.generation) continue;
      if (earlier.stoppedCode !== undefined && earlier.stoppedCode === earlier.code) {
        // A cell that had to be stopped never runs again by itself: the reader fixes it or runs it on purpose.
        cell.setStatus(
          `Not run: cell ${earlier.number} above was stopped. Change it, or run it again with its own Run button.`,
        );
        return "blocked";
      }
      if ((await this.execute(earlier)) === "blocked") {
        cell.setStatus(`Not run: cell ${earlier.number} above did not finish.`);
        return "blocked";
      }
    }
    return "ran";
  }

  private async execute(cell: CellView): Promise<Verdict> {
    const outputs: Output[] = [];
    let frame = 0;
    const render = () => {
      frame = 0;
      cell.renderOutputs(outputs);
    };
    cell.markError(undefined);
    cell.setState("running");
    cell.setStatus("Running…");
    const outcome = await this.kernel.run(cell.id, cell.code, {
      timeoutMs: cell.timeoutMs,
      widgets: cell.widgetValues,
      checks: cell.checks,
      trace: cell.paired !== undefined,
      onOutput(output) {
        mergeOutput(outputs, output);
        frame ||= requestAnimationFrame(render);
      },
    });
    cancelAnimationFrame(frame);
    const stopNote = STOP_NOTES[outcome.status];
    if (stopNote) outputs.push({ kind: "note", text: stopNote(cell.timeoutMs / 1000) });
    render();
    if (this.executionCount === 0) performance.mark("moments:first-output");
    cell.setCount(++this.executionCount);
    cell.setStale(false);
    for (const below of this.cells) if (below.number > cell.number && below.hasOutput) below.setStale(true);

    const error = outputs.find((output): output is Extract<Output, { kind: "error" }> => output.kind === "error");
    const checks = outputs.find((output): output is Extract<Output, { kind: "checks" }> => output.kind === "checks");
    if (outcome.status === "ok" || outcome.status === "error") cell.ranIn = this.kernel.generation;
    cell.stoppedCode = stopNote ? cell.code : undefined;
    this.hooks.onFinished?.(cell, stopNote !== undefined);
    if (stopNote) {
      cell.setState("stopped");
      cell.setStatus(stopNote(cell.timeoutMs / 1000));
      return "blocked";
    }
    if (error) {
      cell.setState("error");
      cell.markError(error.line);
      cell.setStatus(`Error${error.line ? ` at line ${error.line}` : ""}: ${error.message}`);
      return "blocked";
    }
    if (checks) {
      const passed = checks.results.filter((result) => result.passed).length;
      const all = passed === checks.results.length;
      cell.setState(all ? "ok" : "error");
      cell.setStatus(all ? `All ${passed} checks passed.` : `${passed} of ${checks.results.length} checks passed.`);
      return "ran"; // failed checks are the learner's to fix; the cells below can still run
    }
    cell.setState("ok");
    cell.setStatus(`Ran in ${formatMs(outcome.ms)}.`);
    return "ran";
  }
}

const STOP_NOTES: Partial<Record<RunStatus, (seconds: number) => string>> = {
  timeout: (seconds) => `Stopped after ${seconds} s; the kernel was restarted — re-run the cells above.`,
  stopped: () => "Stopped; the kernel was restarted — re-run the cells above.",
  crashed: () =>
    "The kernel crashed — most likely this cell ran out of memory — and was restarted; re-run the cells above.",
};

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
