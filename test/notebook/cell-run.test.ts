/**
 * A cell's run state (src/notebook/page/cell-run.ts): every rule of what a cell shows after a run, a stop, a
 * restart, a cell above running or its code being replaced — tested as a pure transition, without a browser.
 */
import { describe, expect, it } from "vitest";
import {
  INITIAL_RUN,
  stoppedWith,
  transition,
  type CellEvent,
  type CellRun,
} from "../../src/notebook/page/cell-run.ts";
import type { Output } from "../../src/notebook/shared/outputs.ts";

const finish = (status: "ok" | "error" | "stopped" | "timeout" | "crashed", outputs: Output[] = [], extra = {}) =>
  ({
    type: "finish",
    status,
    ms: 12.4,
    outputs,
    code: "x",
    generation: 1,
    count: 1,
    timeoutMs: 10_000,
    ...extra,
  }) as const;
const after = (...events: CellEvent[]): CellRun => events.reduce(transition, INITIAL_RUN);

describe("a cell's run", () => {
  it("starts idle, runs, and ends ok with its time, count and kernel generation", () => {
    const running = after({ type: "start" });
    expect(running).toMatchObject({ phase: "running", status: "Running…" });
    const done = transition(running, finish("ok"));
    expect(done).toMatchObject({ phase: "ok", status: "Ran in 12 ms.", count: 1, runs: 1, ranIn: 1, live: true });
    expect(done.blocks).toBe(false);
    expect(transition(running, finish("ok", [], { ms: 2345 })).status).toBe("Ran in 2.3 s.");
  });

  it("ends in error at the error's line, and blocks the cells below", () => {
    const error: Output = { kind: "error", name: "TypeError", message: "x is not a function", line: 3, frames: [] };
    const run = after({ type: "start" }, finish("error", [error]));
    expect(run).toMatchObject({ phase: "error", status: "Error at line 3: x is not a function", errorLine: 3 });
    expect(run.blocks).toBe(true);
    expect(transition(run, { type: "start" }).errorLine).toBeUndefined(); // a new run clears the mark
  });

  it("counts checks: all passed is ok; some failed is an error that does not block the cells below", () => {
    const results = (passed: boolean[]) =>
      [{ kind: "checks", results: passed.map((p, i) => ({ name: `c${i}`, passed: p })) }] as Output[];
    expect(after(finish("ok", results([true, true])))).toMatchObject({ phase: "ok", status: "All 2 checks passed." });
    const failed = after(finish("error", results([true, false, false])));
    expect(failed).toMatchObject({ phase: "error", status: "1 of 3 checks passed.", blocks: false });
  });

  it("remembers the code it was stopped with, says why, and keeps its last generation", () => {
    const ran = after(finish("ok", [], { generation: 1 }));
    const timedOut = transition(ran, finish("timeout", [], { code: "while (true) {}", generation: 2, count: 2 }));
    expect(timedOut).toMatchObject({ phase: "stopped", ranIn: 1, stoppedCode: "while (true) {}", blocks: true });
    expect(timedOut.status).toBe("Stopped after 10 s; the kernel was restarted — re-run the cells above.");
    expect(stoppedWith(timedOut, "while (true) {}")).toBe(true);
    expect(stoppedWith(timedOut, "1")).toBe(false);
    expect(after(finish("crashed")).status).toMatch(/^The kernel crashed — most likely this cell ran out of memory/);
    expect(after(finish("stopped")).status).toBe("Stopped; the kernel was restarted — re-run the cells above.");
    expect(transition(timedOut, finish("ok", [], { generation: 3 })).stoppedCode).toBeUndefined();
  });

  it("is blocked by a cell above, saying which and why", () => {
    expect(after({ type: "blocked", above: 2, stopped: false }).status).toBe("Not run: cell 2 above did not finish.");
    expect(after({ type: "blocked", above: 1, stopped: true }).status).toBe(
      "Not run: cell 1 above was stopped. Change it, or run it again with its own Run button.",
    );
  });

  it("goes stale when a cell above runs (if it shows an output) and when the kernel is replaced (if live)", () => {
    expect(after({ type: "above-ran", hasOutput: true }).stale).toBe(true);
    expect(after({ type: "above-ran", hasOutput: false }).stale).toBe(false);
    expect(after({ type: "kernel-replaced" }).stale).toBe(false); // the build's output still matches the code
    expect(after(finish("ok"), { type: "kernel-replaced" }).stale).toBe(true);
    expect(after(finish("ok"), { type: "kernel-replaced" }, finish("ok", [], { count: 2 })).stale).toBe(false);
  });

  it("says why its code changed from outside the editor, stale when asked or when its output was live", () => {
    expect(after({ type: "code-replaced", status: "Reset to the original code." })).toMatchObject({
      status: "Reset to the original code.",
      stale: false,
    });
    expect(after(finish("ok"), { type: "code-replaced", status: "Reset in another tab." }).stale).toBe(true);
    expect(after({ type: "code-replaced", status: "Shared code: not run yet.", stale: true }).stale).toBe(true);
    const restored = after({ type: "restored-stopped", code: "loop()" });
    expect(stoppedWith(restored, "loop()")).toBe(true);
    expect(after({ type: "say", status: "Link copied." })).toEqual({ ...INITIAL_RUN, status: "Link copied." });
  });

  it("counts every run in runs, while the execution count follows the kernel", () => {
    const twice = after(finish("ok", [], { count: 1 }), finish("ok", [], { count: 1 }));
    expect(twice).toMatchObject({ count: 1, runs: 2 });
  });
});
