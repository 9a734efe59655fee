/**
 * The notebook outside the site: what an exported lesson (`.ts` for Node, `.ipynb` for Deno's Jupyter kernel) calls
 * to get the cell library and the kernel's own functions. Bundled into every export (see src/export/bundle.ts).
 *
 * - `library`: every name a cell sees without importing — the optimizers, problems and runs, Plot and the chart
 *   helpers (when the lesson draws), and `display`, `progress`, `slider`, `numberInput`, `select`, `expect`, `check`.
 *   Inputs return their default value, as on a page before the reader moves them.
 * - `cell(number, id)`: marks where a cell starts, so its output gets a header (Node) and pending updates are shown.
 * - `show(value)`: what the page shows for a cell's last expression.
 * - `checks(id, register)`: runs an exercise's checks against the code above it and lists which pass.
 * - `end()`: shows what is still pending.
 * - `settle()`: in Deno's kernel, waits until what the cells showed has gone out (sink.ts: the kernel itself waits
 *   for it at the end of every cell).
 */
import { createCheckRegistry, expect } from "../../notebook/kernel/expect.ts";
import * as courseLibrary from "moments:library";
import { drawingKit } from "../../notebook/kernel/drawing-kit.ts";
import { outputFor, type Output } from "../../notebook/shared/outputs.ts";
import { createWidgets } from "../../notebook/shared/widgets.ts";
import { checksText, mimeBundle, type MimeBundle } from "./mime.ts";
import { consoleSink, denoJupyter, jupyterSink, kernelCellEnd, type JupyterSink, type Sink } from "./sink.ts";
import { standaloneSvg } from "./figure-svg.ts";

export interface NotebookOptions {
  /** The lesson's slug (names the figure files). */
  lesson: string;
  /** The script's `import.meta.url`: charts are written beside it (Node). */
  script?: string;
  /** Load Plot and the chart helpers (the export bundles them only for lessons that draw). */
  plots?: boolean;
}

/** What `display()` and `progress()` return: `update(value)` replaces what they showed. */
export interface DisplayHandle {
  update(value: unknown): void;
}

const displayHandles = new WeakSet<object>();

function displayHandle(update: (value: unknown) => void): DisplayHandle {
  // Deno's kernel shows a cell's last value: a handle (from `display(…)` ending a cell) shows nothing.
  const handle = { update, [Symbol.for("Jupyter.display")]: () => ({}) };
  displayHandles.add(handle);
  return handle;
}

export function createNotebook(options: NotebookOptions) {
  const jupyter = denoJupyter();
  const kernel: JupyterSink | undefined = jupyter ? jupyterSink(jupyter) : undefined;
  const sink: Sink = kernel ?? consoleSink(options);
  const live = kernel !== undefined;
  const header = live ? undefined : cellHeaders();
  if (kernel) {
    // Every cell ends when what it showed has gone out (sink.ts); console lines count towards the wait.
    kernelCellEnd(kernel.settle);
    countConsoleLines(kernel.count);
  }

  // Outside Jupyter an update is shown once, when the cell ends: a chart redrawn every epoch is written once, a
  // counter printed once — not a line per frame.
  const pending = new Map<number, () => void>();
  let handles = 0;
  const flush = () => {
    for (const show of pending.values()) show();
    pending.clear();
  };
  /** Show a bundle; the handle's updates go through `toBundle`. */
  const showHandle = (first: MimeBundle, toBundle: (value: unknown) => MimeBundle): DisplayHandle => {
    const update = sink.show(first);
    const id = ++handles;
    return displayHandle((value) => {
      if (live) update(toBundle(value));
      else pending.set(id, () => update(toBundle(value)));
    });
  };

  const valueBundle = (value: unknown) => bundleOf(outputFor(value));
  const display = (value: unknown): DisplayHandle => showHandle(valueBundle(value), valueBundle);
  const progress = (settings: { label?: string; total: number }) => {
    const total = settings?.total;
    if (typeof total !== "number" || !Number.isFinite(total) || total <= 0)
      throw new RangeError(`progress: total must be a finite number > 0; received ${String(total)}`);
    const label = String(settings.label ?? "Progress");
    const bundle = (value: unknown) => bundleOf({ kind: "progress", label, value: Number(value), total });
    return showHandle(bundle(0), bundle);
  };

  const widgets = createWidgets({
    valueOf: () => undefined,
    show: (spec) => sink.show(bundleOf({ kind: "widget", spec })),
  });

  let registry: ReturnType<typeof createCheckRegistry> | undefined;
  const check = (name: string, fn: () => unknown) => {
    if (!registry) throw new Error("check() only works in an exercise's checks");
    registry.check(name, fn);
  };

  const library: Record<string, unknown> = { ...courseLibrary, ...(options.plots ? drawing() : {}) };
  Object.assign(library, { display, progress, ...widgets.inputs, expect, check });

  return {
    library,
    cell(number: number, id: string) {
      flush();
      widgets.reset();
      header?.start(number, id);
    },
    show(value: unknown) {
      if (value !== undefined && !(typeof value === "object" && value !== null && displayHandles.has(value)))
        display(value);
    },
    async checks(id: string, register: () => unknown): Promise<boolean> {
      registry = createCheckRegistry();
      let results;
      try {
        await register();
        results = await registry.run();
      } catch (error) {
        // Checks that cannot even be set up (they use a name the code above does not define) fail, and say why;
        // the file runs on.
        sink.print(
          `Checks of exercise ${id} could not run: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        );
        return false;
      } finally {
        registry = undefined;
      }
      sink.print(`Checks of exercise ${id}: ${checksText(results)}`);
      return results.every((result) => result.passed);
    },
    end() {
      flush();
    },
    /**
     * In Deno's kernel: resolves when everything shown so far has gone out (the kernel awaits this at the end of each
     * cell by itself); elsewhere at once.
     */
    settle(): Promise<void> {
      return kernel ? kernel.settle() : Promise.resolve();
    },
  };
}

function bundleOf(output: Output): MimeBundle {
  return mimeBundle(output) ?? { "text/plain": "" };
}

/** The drawing part of the library; a chart that ends a cell in Deno's kernel shows as an SVG image. */
function drawing(): Record<string, unknown> {
  const plots = drawingKit();
  const element = (plots.document as { createElement(tag: string): object }).createElement("div");
  let prototype: object | null = element;
  while (prototype && !Object.getOwnPropertyDescriptor(prototype, "outerHTML"))
    prototype = Object.getPrototypeOf(prototype);
  if (prototype)
    Object.defineProperty(prototype, Symbol.for("Jupyter.display"), {
      configurable: true,
      value(this: { outerHTML: string }) {
        const figure = standaloneSvg(this.outerHTML);
        return figure
          ? { "image/svg+xml": figure.svg, "text/plain": `[figure: ${figure.label}]` }
          : { "text/html": this.outerHTML };
      },
    });
  return plots;
}

const CONSOLE_COUNTER = Symbol.for("moments.consoleLines");
const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "table", "dir"] as const;

/** Call `count` for each console call (once wrapped, running the library cell again only swaps the counter). */
function countConsoleLines(count: () => void) {
  const target = globalThis.console as unknown as Record<string | symbol, unknown>;
  const counter = target[CONSOLE_COUNTER] as { count: () => void } | undefined;
  if (counter) {
    counter.count = count;
    return;
  }
  const state = { count };
  Object.defineProperty(target, CONSOLE_COUNTER, { value: state, configurable: true });
  for (const method of CONSOLE_METHODS) {
    const original = (target[method] as (...args: unknown[]) => void).bind(globalThis.console);
    target[method] = (...args: unknown[]) => {
      state.count();
      original(...args);
    };
  }
}

/**
 * A header before each cell's first line of output (`── cell 3 · first-step ──`), so a terminal shows which cell
 * printed what; cells that print nothing get none.
 */
function cellHeaders() {
  const console = globalThis.console as unknown as Record<string, (...args: unknown[]) => void>;
  let pendingHeader: string | undefined;
  const log = console.log!.bind(globalThis.console);
  for (const method of CONSOLE_METHODS) {
    const original = console[method]!.bind(globalThis.console);
    console[method] = (...args: unknown[]) => {
      if (pendingHeader !== undefined) {
        const text = pendingHeader;
        pendingHeader = undefined;
        log(text);
      }
      original(...args);
    };
  }
  return {
    start(number: number, id: string) {
      pendingHeader = `\n── cell ${number} · ${id} ${"─".repeat(Math.max(3, 56 - id.length))}`;
    },
  };
}
