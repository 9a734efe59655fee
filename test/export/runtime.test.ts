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
  function fakeJupyter() {
    const display = vi.fn(async (_bundle: unknown, _options?: { display_id?: string }) => {});
    (globalThis as { Deno?: unknown }).Deno = { jupyter: { display } };
    return display;
  }

  it("displays raw MIME bundles, and updates one in place through its display id", () => {
    const jupyter = fakeJupyter();
    const notebook = createNotebook({ lesson: "demo" });
    const handle = (notebook.library.display as (value: unknown) => { update(value: unknown): void })(1);
    handle.update(2);
    expect(jupyter.mock.calls).toEqual([
      [{ "text/plain": "1" }, { raw: true, display_id: expect.stringMatching(/^moments-/) }],
      [{ "text/plain": "2" }, { raw: true, display_id: jupyter.mock.calls[0]![1]!.display_id, update: true }],
    ]);
    expect(printed).toEqual([]); // no headers, no files
  });

  it("shows a chart that ends a cell as an SVG image (Deno asks the value for its bundle)", () => {
    fakeJupyter();
    const { Plot } = createNotebook({ lesson: "demo", plots: true }).library as {
      Plot: { plot(options: object): Record<symbol, () => Record<string, string>> };
    };
    const bundle = Plot.plot({ ariaLabel: "nothing", marks: [] })[Symbol.for("Jupyter.display")]!();
    expect(bundle["image/svg+xml"]).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(bundle["text/plain"]).toBe("[figure: nothing]");
  });
});
