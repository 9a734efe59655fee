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
import { INITIAL_RUN, stopNote, stoppedWith, transition, type CellEvent, type CellRun } from "./cell-run.ts";
import type { KernelClient } from "./client.ts";
import { mergeOutput, type Output } from "../shared/outputs.ts";

/** What running one cell came to, for the cells after it. */
type Verdict = "ran" | "blocked";

export interface RunnerHooks {
  /** A cell ran: `stopped` when it had to be stopped (Stop, time limit, crash). */
  onFinished?(cell: CellView, stopped: boolean): void;
}

/**
 * The page's one queue of runs and the one owner of every cell's run state (cell-run.ts): each change is a
 * `transition`, shown by the cell's view.
 */
export class Runner {
  private readonly kernel: KernelClient;
  private readonly cells: CellView[];
  private readonly hooks: RunnerHooks;
  private readonly runs = new Map<CellView, CellRun>();
  private chain: Promise<unknown> = Promise.resolve();
  private executionCount = 0;
  private widgetPending = new Set<CellView>();

  constructor(kernel: KernelClient, cells: CellView[], hooks: RunnerHooks = {}) {
    this.kernel = kernel;
    this.cells = cells;
    this.hooks = hooks;
    kernel.onRestart = (reason) => {
      if (reason === "restart") this.executionCount = 0;
      for (const cell of cells) this.dispatch(cell, { type: "kernel-replaced" });
    };
  }

  /** A cell's run state. */
  state(cell: CellView): CellRun {
    return this.runs.get(cell) ?? INITIAL_RUN;
  }

  /** Change a cell's run state by an event, and show it. */
  dispatch(cell: CellView, event: CellEvent): CellRun {
    const next = transition(this.state(cell), event);
    this.runs.set(cell, next);
    cell.show(next);
    return next;
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

  /**
   * A cell's input moved: re-run it and the cells below it that had run. At once when nothing is running, so a
   * slider's first move redraws within a frame; while a run is in flight, moves only mark the cell as due, and the
   * one run queued for it reads the input's latest value when it starts — intermediate values are dropped, the last
   * one always runs.
   */
  inputChanged(cell: CellView): void {
    if (this.widgetPending.has(cell)) return;
    this.widgetPending.add(cell);
    void this.enqueue(async () => {
      this.widgetPending.delete(cell);
      if ((await this.runAbove(cell)) === "blocked") return;
      const generation = this.kernel.generation;
      const below = this.cells.filter((other) => other.number > cell.number && this.state(other).ranIn === generation);
      if ((await this.execute(cell)) === "blocked") return;
      for (const other of below) if ((await this.execute(other)) === "blocked") return;
    });
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const next = this.chain.then(operation);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async runAbove(cell: CellView): Promise<Verdict> {
    for (const earlier of this.cells.slice(0, cell.number - 1)) {
      if (this.state(earlier).ranIn === this.kernel.generation) continue;
      // A cell that had to be stopped never runs again by itself: the reader fixes it or runs it on purpose.
      const stopped = stoppedWith(this.state(earlier), earlier.code);
      if (stopped || (await this.execute(earlier)) === "blocked") {
        this.dispatch(cell, { type: "blocked", above: earlier.number, stopped });
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
    this.dispatch(cell, { type: "start" });
    const code = cell.code;
    const outcome = await this.kernel.run(cell.id, code, {
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
    const note = stopNote(outcome.status, cell.timeoutMs);
    if (note) outputs.push({ kind: "note", text: note });
    render();
    if (this.executionCount === 0) performance.mark("moments:first-output");
    const run = this.dispatch(cell, {
      type: "finish",
      ...outcome,
      outputs,
      code,
      generation: this.kernel.generation,
      count: ++this.executionCount,
      timeoutMs: cell.timeoutMs,
    });
    for (const below of this.cells)
      if (below.number > cell.number) this.dispatch(below, { type: "above-ran", hasOutput: below.hasOutput });
    this.hooks.onFinished?.(cell, run.phase === "stopped");
    return run.blocks ? "blocked" : "ran";
  }
}
