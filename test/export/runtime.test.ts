/**
 * The notebook outside the site (src/export/runtime): the same names as the page's kernel, inputs at their defaults,
 * outputs printed (Node) or displayed (Deno's Jupyter kernel), exercises' checks listed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createNotebook } from "../../src/export/runtime/index.ts";
import { drainAllowance, jupyterSink, UPDATE_INTERVAL_MS } from "../../src/export/runtime/sink.ts";
import { NOTEBOOK_NAMES } from "../../src/notebook/shared/names.ts";
import { courseLibrary } from "./support.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "moments-runtime-"));
const script = pathToFileURL(path.join(scratch, "demo.ts")).href;
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const METHODS = ["log", "info", "warn", "error", "debug", "table", "dir"] as const;
let saved: Record<string, unknown>;
let printed: string[];
beforeEach(() => {
  saved = Object.fromEntries(METHODS.map((method) => [method, console[method]]));
  printed = [];
  // The notebook wraps console.log to print cell headers; record what reaches the real console.
  console.log = (...args: unknown[]) => printed.push(args.map(String).join(" "));
});
afterEach(() => {
  Object.assign(console, saved);
  delete (globalThis as { Deno?: unknown }).Deno;
});

describe("the exported notebook's library", () => {
  it("has exactly the names the page's kernel gives a cell (the download's bundle here holds the whole library)", async () => {
    const kernel = [...(await courseLibrary()).names.keys(), ...NOTEBOOK_NAMES].sort();
    expect(Object.keys(createNotebook({ lesson: "demo", plots: true }).library).sort()).toEqual(kernel);
  });

  it("leaves the drawing part out when the lesson does not draw", () => {
    const { library } = createNotebook({ lesson: "demo" });
    expect(library.adam).toBeTypeOf("function");
    expect(library.Plot).toBeUndefined();
  });

  it("gives inputs their default values and says so", () => {
    const { library } = createNotebook({ lesson: "demo" });
    const { slider, numberInput, select } = library as Record<string, (options: object) => unknown>;
    expect(slider!({ label: "α", min: 0.01, max: 1, value: 0.1, log: true })).toBe(0.1);
    expect(numberInput!({ label: "steps", value: 20 })).toBe(20);
    expect(select!({ label: "optimizer", options: ["sgd", "adam"], value: "adam" })).toBe("adam");
    expect(printed).toEqual([
      "α = 0.1  (slider, at its default; on the page you can change it)",
      "steps = 20  (number input, at its default; on the page you can change it)",
      "optimizer = adam  (select, at its default; on the page you can change it)",
    ]);
  });
});

describe("in Node", () => {
  it("prints a cell's header before its first output, and values as the page's inspector shows them", () => {
    const notebook = createNotebook({ lesson: "demo", script });
    notebook.cell(1, "quiet");
    notebook.cell(2, "loud");
    notebook.show({ x: Float64Array.of(1, 2), s: "a" });
    notebook.show(undefined);
    expect(printed).toEqual([
      expect.stringMatching(/^\n── cell 2 · loud ─+$/),
      '{ x: Float64Array(2) [1, 2], s: "a" }',
    ]);
  });

  it("prints an array of records as a table", () => {
    createNotebook({ lesson: "demo", script }).show([
      { t: 1, loss: 0.5 },
      { t: 10, loss: 0.25 },
    ]);
    expect(printed).toEqual([" t │ loss\n───┼─────\n 1 │  0.5\n10 │ 0.25"]);
  });

  it("writes each chart next to the script, and an updated one once when its cell ends", () => {
    const notebook = createNotebook({ lesson: "demo", script, plots: true });
    const { Plot, display } = notebook.library as {
      Plot: { plot(options: object): unknown; dot(data: unknown[]): unknown };
      display(value: unknown): { update(value: unknown): void };
    };
    notebook.cell(1, "chart");
    const chart = display(Plot.plot({ ariaLabel: "a dot", marks: [Plot.dot([[0, 0]])] }));
    expect(printed.at(-1)).toBe("[figure: a dot] → demo-figure-1.svg");
    const file = path.join(scratch, "demo-figure-1.svg");
    expect(readFileSync(file, "utf8")).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*aria-label="a dot"/);
    chart.update(
      Plot.plot({
        ariaLabel: "two dots",
        marks: [
          Plot.dot([
            [0, 0],
            [1, 1],
          ]),
        ],
      }),
    );
    expect(readFileSync(file, "utf8")).toContain('aria-label="a dot"');
    notebook.end();
    expect(readFileSync(file, "utf8")).toContain('aria-label="two dots"');
    expect(existsSync(path.join(scratch, "demo-figure-2.svg"))).toBe(false);
  });

  it("shows a value's last update once, when its cell ends", () => {
    const notebook = createNotebook({ lesson: "demo", script });
    const { display, progress } = notebook.library as Record<
      string,
      (value: unknown) => { update(value: unknown): void }
    >;
    const handle = display!("epoch 0");
    const bar = progress!({ label: "training", total: 3 });
    for (let epoch = 1; epoch <= 3; epoch++) {
      handle.update(`epoch ${epoch}`);
      bar.update(epoch);
    }
    notebook.cell(2, "next");
    expect(printed).toEqual(['"epoch 0"', "training: 0 / 3", '↻ "epoch 3"', "↻ training: 3 / 3"]);
  });

  it("runs an exercise's checks and lists which pass", async () => {
    const notebook = createNotebook({ lesson: "demo", script });
    const { check, expect: expectValue } = notebook.library as {
      check(name: string, fn: () => unknown): void;
      expect(value: unknown): { toBeCloseTo(expected: number): void };
    };
    const passed = await notebook.checks("step", () => {
      check("one step", () => expectValue(0.8).toBeCloseTo(0.8));
      check("two steps", () => expectValue(1).toBeCloseTo(0.64));
    });
    expect(passed).toBe(false);
    expect(printed).toEqual([
      "Checks of exercise step: 1 of 2 checks passed.\n  ✓ one step\n  ✗ two steps\n      expected 1 to be close to 0.64 (within 0.005)",
    ]);
    expect(() => check("outside", () => {})).toThrow("check() only works in an exercise's checks");
  });

  it("says when an exercise's checks cannot even be set up, and goes on", async () => {
    const notebook = createNotebook({ lesson: "demo", script });
    const passed = await notebook.checks("step", () => {
      throw new ReferenceError("step is not defined");
    });
    expect(passed).toBe(false);
    expect(printed).toEqual(["Checks of exercise step could not run: ReferenceError: step is not defined"]);
  });
});

describe("in Deno's Jupyter kernel", () => {
  type Content = { data?: Record<string, string>; transient?: { display_id?: string }; text?: string };
  type Message = { cell: number; type: string; text: string; id?: string };

  /**
   * Deno's kernel as far as a cell's outputs go (Deno 2.9: cli/js/jupyter_kernel.js): what a cell sends
   * (`Deno.jupyter.broadcast`, `console.log`, its last value) is queued, and another thread publishes it, one message
   * every `drainMs`, under whichever cell runs by then; the kernel awaits `broadcastResult(count, value)` after a
   * cell's code, then says the cell is done (`idle`) without waiting for the queue. A client closes a cell at idle.
   */
  function fakeKernel({
    drainMs = 2,
    broadcastResolvesAfter,
  }: { drainMs?: number; broadcastResolvesAfter?: number } = {}) {
    const published: Message[] = [];
    const queue: Omit<Message, "cell">[] = [];
    let current = 0;
    let draining = false;
    const drain = async () => {
      if (draining) return;
      draining = true;
      while (queue.length > 0) {
        await new Promise((resolve) => setTimeout(resolve, drainMs));
        published.push({ cell: current, ...queue.shift()! });
      }
      draining = false;
    };
    const enqueue = (type: string, content: Content) => {
      const text = content.text ?? content.data?.["text/plain"] ?? "";
      queue.push({ type, text, ...(content.transient?.display_id ? { id: content.transient.display_id } : {}) });
      void drain();
    };
    const broadcast = vi.fn((type: string, content: Content) => {
      enqueue(type, content);
      if (broadcastResolvesAfter === undefined) return undefined; // Deno 2.9: synchronous
      return new Promise<void>((resolve) => setTimeout(resolve, broadcastResolvesAfter));
    });
    const display = vi.fn(async (bundle: Record<string, string>, options?: { display_id?: string; update?: boolean }) =>
      enqueue(options?.update ? "update_display_data" : "display_data", {
        data: bundle,
        transient: { display_id: options?.display_id },
      }),
    );
    const internal = Symbol("Deno.internal");
    const broadcastResult = vi.fn(async (count: number, value: unknown) => {
      if (value !== undefined) enqueue("execute_result", { data: { "text/plain": String(value) } });
    });
    const internals = { jupyter: { broadcastResult } };
    (globalThis as { Deno?: unknown }).Deno = { internal, [internal]: internals, jupyter: { display, broadcast } };
    // Deno's kernel takes console lines into the same queue.
    console.log = (...args: unknown[]) => enqueue("stream", { text: `${args.map(String).join(" ")}\n` });
    return {
      broadcast,
      display,
      broadcastResult,
      internals,
      published,
      /** Run cells as the kernel does, one after the other; each returns its last value. */
      async run(cells: (() => unknown)[]) {
        for (const [index, cell] of cells.entries()) {
          current = index + 1;
          const value = await cell();
          await internals.jupyter.broadcastResult(current, value);
          published.push({ cell: current, type: "idle", text: "" });
        }
        while (queue.length > 0 || draining) await new Promise((resolve) => setTimeout(resolve, drainMs));
      },
    };
  }

  /** What a client shows under each cell: the messages published for it before its idle. */
  function shownUnder(published: Message[]): Map<number, string[]> {
    const shown = new Map<number, string[]>();
    const closed = new Set<number>();
    for (const message of published) {
      if (message.type === "idle") closed.add(message.cell);
      else if (!closed.has(message.cell))
        shown.set(message.cell, [...(shown.get(message.cell) ?? []), `${message.type} ${message.text}`.trim()]);
    }
    return shown;
  }

  afterEach(() => {
    delete (console as unknown as Record<symbol, unknown>)[Symbol.for("moments.consoleLines")];
  });

  it("sends raw MIME bundles, and updates one in place through its display id", async () => {
    const kernel = fakeKernel();
    const notebook = createNotebook({ lesson: "demo" });
    const handle = (notebook.library.display as (value: unknown) => { update(value: unknown): void })(1);
    handle.update(2);
    await notebook.settle();
    const id = kernel.broadcast.mock.calls[0]![1].transient!.display_id;
    expect(id).toMatch(/^moments-/);
    expect(kernel.broadcast.mock.calls).toEqual([
      ["display_data", { data: { "text/plain": "1" }, metadata: {}, transient: { display_id: id } }],
      ["update_display_data", { data: { "text/plain": "2" }, metadata: {}, transient: { display_id: id } }],
    ]);
    expect(kernel.display).not.toHaveBeenCalled();
  });

  it("ends every cell only when its outputs, then its value, have been published under it", async () => {
    const kernel = fakeKernel({ drainMs: 3 });
    const notebook = createNotebook({ lesson: "demo" });
    const { display, progress } = notebook.library as {
      display(value: unknown): { update(value: unknown): void };
      progress(settings: { label: string; total: number }): { update(value: number): void };
    };
    await kernel.run([
      () => {
        display("first");
        console.log("a line");
        display("second");
        return 42;
      },
      () => {
        const bar = progress({ label: "epochs", total: 200 });
        for (let epoch = 1; epoch <= 200; epoch++) bar.update(epoch);
        return undefined;
      },
      () => "the next cell",
    ]);
    expect(shownUnder(kernel.published)).toEqual(
      new Map([
        [1, ['display_data "first"', "stream a line", 'display_data "second"', "execute_result 42"]],
        [2, ["display_data epochs: 0 / 200", "update_display_data epochs: 200 / 200"]],
        [3, ["execute_result the next cell"]],
      ]),
    );
    // Deno still shows each cell's value its own way.
    expect(kernel.broadcastResult.mock.calls).toEqual([
      [1, 42],
      [2, undefined],
      [3, "the next cell"],
    ]);
  });

  it("waits for displays whose promise resolves later (Deno before 2.9), keeping their order", async () => {
    const kernel = fakeKernel({ broadcastResolvesAfter: 30 });
    const notebook = createNotebook({ lesson: "demo" });
    const display = notebook.library.display as (value: unknown) => unknown;
    let settled = false;
    await kernel.run([
      async () => {
        display("one");
        display("two");
        return "value";
      },
    ]);
    void notebook.settle().then(() => (settled = true));
    expect(shownUnder(kernel.published).get(1)).toEqual([
      'display_data "one"',
      'display_data "two"',
      "execute_result value",
    ]);
    // The kernel's end of the cell awaited both promises: nothing is pending any more.
    await vi.waitFor(() => expect(settled).toBe(true));
  });

  it("wraps Deno's own broadcastResult once, however often the library cell runs", async () => {
    const kernel = fakeKernel();
    const original = kernel.internals.jupyter.broadcastResult;
    createNotebook({ lesson: "demo" });
    const wrapped = kernel.internals.jupyter.broadcastResult;
    expect(wrapped).not.toBe(original);
    createNotebook({ lesson: "demo" });
    await kernel.internals.jupyter.broadcastResult(1, "v");
    expect(original.mock.calls).toEqual([[1, "v"]]);
  });

  it("falls back to Deno.jupyter.display without broadcast", async () => {
    const kernel = fakeKernel();
    delete (kernel as { broadcast?: unknown }).broadcast;
    (globalThis as unknown as { Deno: { jupyter: { broadcast?: unknown } } }).Deno.jupyter.broadcast = undefined;
    const notebook = createNotebook({ lesson: "demo" });
    (notebook.library.display as (value: unknown) => unknown)(1);
    await notebook.settle();
    expect(kernel.display.mock.calls).toEqual([
      [{ "text/plain": "1" }, { raw: true, display_id: expect.stringMatching(/^moments-/) }],
    ]);
    expect(printed).toEqual([]); // no headers, no files
  });

  it("shows a chart that ends a cell as an SVG image (Deno asks the value for its bundle)", () => {
    fakeKernel();
    const { Plot } = createNotebook({ lesson: "demo", plots: true }).library as {
      Plot: { plot(options: object): Record<symbol, () => Record<string, string>> };
    };
    const bundle = Plot.plot({ ariaLabel: "nothing", marks: [] })[Symbol.for("Jupyter.display")]!();
    expect(bundle["image/svg+xml"]).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(bundle["text/plain"]).toBe("[figure: nothing]");
  });
});

describe("jupyterSink", () => {
  function recorder() {
    const events: string[] = [];
    let clock = 0;
    const sleeps: number[] = [];
    const jupyter = {
      display: vi.fn(async () => {}),
      broadcast: vi.fn((type: string, content: { data: Record<string, string> }) => {
        events.push(`${type} ${content.data["text/plain"]}`);
      }),
    };
    const sink = jupyterSink(jupyter, {
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        events.push(`drain ${ms}`);
      },
    });
    return { sink, events, sleeps, tick: (ms: number) => (clock += ms) };
  }

  it("sends a display's updates at most once per interval while a cell runs, and its last one when the cell ends", async () => {
    const { sink, events, tick } = recorder();
    const update = sink.show({ "text/plain": "0" });
    for (let i = 1; i <= 10; i++) {
      tick(UPDATE_INTERVAL_MS / 4);
      update({ "text/plain": String(i) });
    }
    expect(events).toEqual([
      "display_data 0",
      "update_display_data 4", // the first update once the interval passed
      "update_display_data 8",
    ]);
    await sink.settle();
    expect(events.slice(3)).toEqual(["update_display_data 10", `drain ${drainAllowance(4, 5)}`]);
  });

  it("runs the kernel's showing of the value after the cell's outputs, then waits for all of them to drain", async () => {
    const { sink, events } = recorder();
    sink.show({ "text/plain": "a" });
    sink.count(); // a console line
    await sink.settle(() => events.push("value"));
    expect(events).toEqual(["display_data a", "value", `drain ${drainAllowance(3, 1)}`]);
    expect(drainAllowance(3)).toBeGreaterThan(drainAllowance(0));
    expect(drainAllowance(1, 100_000)).toBeGreaterThan(drainAllowance(1, 100));
    expect(drainAllowance(10_000, 1e9)).toBeLessThanOrEqual(2000);
  });

  it("awaits every display's promise, however late it resolves", async () => {
    const resolvers: (() => void)[] = [];
    const jupyter = {
      display: vi.fn(() => new Promise<void>((resolve) => resolvers.push(resolve))),
    };
    const sink = jupyterSink(jupyter, { sleep: async () => {} });
    sink.show({ "text/plain": "a" });
    sink.show({ "text/plain": "b" });
    let done = false;
    const settled = sink.settle().then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(done).toBe(false);
    resolvers.forEach((resolve) => resolve());
    await settled;
    expect(jupyter.display.mock.calls.map((call) => (call as unknown[])[0])).toEqual([
      { "text/plain": "a" },
      { "text/plain": "b" },
    ]);
  });
});
