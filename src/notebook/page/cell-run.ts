/**
 * A cell's run state, and the one function that changes it: `transition(run, event) → run`, pure, so every rule of
 * what a cell shows after a run, a stop, a restart or a cell above running is a line here and a unit test in Node
 * (test/notebook/cell-run.test.ts). The runner (runner.ts) owns each cell's state and is the only caller; the cell's
 * view (cell-view.ts) only shows it (`data-state`, `data-stale`, the status line, the count, the error's line).
 */
import type { Output } from "../shared/outputs.ts";

/** How a run ended: normally, by throwing, by the Stop button, by its time limit, or by the kernel dying. */
export type RunStatus = "ok" | "error" | "stopped" | "timeout" | "crashed";

export type CellPhase = "idle" | "running" | "ok" | "error" | "stopped";

export interface CellRun {
  /** What the cell is doing or how its last run ended (`data-state`). */
  phase: CellPhase;
  /** The status line. */
  status: string;
  /** The output may no longer match the code or the kernel (`data-stale`). */
  stale: boolean;
  /** The execution count shown, as in Jupyter (reset by Restart); undefined before any run on this page. */
  count?: number;
  /** The kernel generation in which the cell last ran (0: never on this page). */
  ranIn: number;
  /** The code the cell had when it last had to be stopped: it must not run again unless the reader asks. */
  stoppedCode?: string;
  /** The line of the cell the last error points at. */
  errorLine?: number;
  /** The output shown came from a run on this page, not from the build. */
  live: boolean;
  /** The last run ended so that the cells after it must not run (an error or a stop; failed checks do not). */
  blocks: boolean;
  /** Runs on this page, never reset (`data-runs`). */
  runs: number;
  /** An exercise's last run passed every check (`data-passed`). */
  passed: boolean;
}

export type CellEvent =
  /** The cell starts running. */
  | { type: "start" }
  /** The run ended: its outcome and outputs, the code that ran, the kernel generation and the new count. */
  | {
      type: "finish";
      status: RunStatus;
      ms: number;
      outputs: readonly Output[];
      code: string;
      generation: number;
      count: number;
      timeoutMs: number;
    }
  /** The cell was not run because a cell above could not run. */
  | { type: "blocked"; above: number; stopped: boolean }
  /** A cell above ran again: an output here may no longer follow from it. */
  | { type: "above-ran"; hasOutput: boolean }
  /** The kernel was replaced (restart, stop, time limit, crash): live outputs describe a kernel that is gone. */
  | { type: "kernel-replaced" }
  /** The code was changed from outside the editor (reset, another tab, a restored edit or link): say why. */
  | { type: "code-replaced"; status: string; stale?: boolean }
  /** A restored edit had been stopped when it was saved. */
  | { type: "restored-stopped"; code: string }
  /** A message for the reader that changes nothing else (a copied link). */
  | { type: "say"; status: string };

export const INITIAL_RUN: CellRun = {
  phase: "idle",
  status: "",
  stale: false,
  ranIn: 0,
  live: false,
  blocks: false,
  runs: 0,
  passed: false,
};

/** The cell's state after `event`. */
export function transition(run: CellRun, event: CellEvent): CellRun {
  switch (event.type) {
    case "start":
      return { ...run, phase: "running", status: "Running…", errorLine: undefined };
    case "finish":
      return finished(run, event);
    case "blocked":
      return {
        ...run,
        status: event.stopped
          ? `Not run: cell ${event.above} above was stopped. Change it, or run it again with its own Run button.`
          : `Not run: cell ${event.above} above did not finish.`,
      };
    case "above-ran":
      return event.hasOutput ? { ...run, stale: true } : run;
    case "kernel-replaced":
      return run.live ? { ...run, stale: true } : run;
    case "code-replaced":
      return { ...run, status: event.status, stale: event.stale ?? (run.live || run.stale) };
    case "restored-stopped":
      return { ...run, stoppedCode: event.code };
    case "say":
      return { ...run, status: event.status };
  }
}

/** Whether the cell, with this code, ends a chain of runs: stopped with this very code, or its last run failed. */
export function stoppedWith(run: CellRun, code: string): boolean {
  return run.stoppedCode !== undefined && run.stoppedCode === code;
}

const STOP_NOTES: Partial<Record<RunStatus, (seconds: number) => string>> = {
  timeout: (seconds) => `Stopped after ${seconds} s; the kernel was restarted — re-run the cells above.`,
  stopped: () => "Stopped; the kernel was restarted — re-run the cells above.",
  crashed: () =>
    "The kernel crashed — most likely this cell ran out of memory — and was restarted; re-run the cells above.",
};

/** The note a stopped run adds to its outputs, if it was stopped. */
export function stopNote(status: RunStatus, timeoutMs: number): string | undefined {
  return STOP_NOTES[status]?.(timeoutMs / 1000);
}

function finished(run: CellRun, event: Extract<CellEvent, { type: "finish" }>): CellRun {
  const base: CellRun = {
    ...run,
    count: event.count,
    runs: run.runs + 1,
    stale: false,
    live: true,
    errorLine: undefined,
    ranIn: event.status === "ok" || event.status === "error" ? event.generation : run.ranIn,
    stoppedCode: undefined,
    passed: false,
  };
  const note = stopNote(event.status, event.timeoutMs);
  if (note) return { ...base, phase: "stopped", status: note, stoppedCode: event.code, blocks: true };
  const error = event.outputs.find((output) => output.kind === "error");
  if (error?.kind === "error")
    return {
      ...base,
      phase: "error",
      blocks: true,
      errorLine: error.line,
      status: `Error${error.line ? ` at line ${error.line}` : ""}: ${error.message}`,
    };
  const checks = event.outputs.find((output) => output.kind === "checks");
  if (checks?.kind === "checks") {
    const passed = checks.results.filter((result) => result.passed).length;
    const all = passed === checks.results.length;
    return {
      ...base,
      phase: all ? "ok" : "error",
      blocks: false,
      passed: all,
      status: all ? `All ${passed} checks passed.` : `${passed} of ${checks.results.length} checks passed.`,
    };
  }
  return { ...base, phase: "ok", blocks: false, status: `Ran in ${formatMs(event.ms)}.` };
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
