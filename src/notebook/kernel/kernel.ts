/**
 * The page kernel: runs cells one after another in one realm whose global object is the page's shared scope.
 *
 * It is realm-agnostic: the browser's Web Worker (`worker.ts`) and the build's Node worker thread (`build-thread.ts`)
 * both wrap it, so build-time outputs and live outputs come from the same code.
 */
import { mapError, cellUrl } from "../compile/errors.ts";
import { DisplayHandle, type CellScope } from "./cell-scope.ts";
import { createCheckRegistry, expect } from "./expect.ts";
import { inspectText } from "../shared/inspect.ts";
import { outputFor, streamLine, type Output, type StreamLevel } from "../shared/outputs.ts";
import { createWidgets, type WidgetValue } from "../shared/widgets.ts";
import type { EvaluatedValue, RunOptions, RunResult } from "../shared/protocol.ts";
import { compileCell, CellSyntaxError, SCOPE_PARAM, type ColumnShift } from "../compile/transpile.ts";

export interface KernelOptions {
  /** The realm's global object: the shared scope. */
  realm: typeof globalThis;
  /** Names every cell sees without declaring them (the cell library). */
  library: Record<string, unknown>;
  /** More library names, loaded the first time a cell uses any of them (the browser's plot runtime). */
  lazyLibrary?: { names: readonly string[]; load(): Record<string, unknown> };
  /** Receives each output as it is produced, tagged with the cell that produced it. */
  emit(cellId: string, output: Output): void;
  /** Lines of console output kept per run before the rest is only counted. Default 1000. */
  maxStreamLines?: number;
}

export interface Kernel {
  run(cellId: string, source: string, options?: RunOptions): Promise<RunResult>;
  /** Evaluate expressions in the page's scope (after its cells ran): the numbers a lesson's prose quotes. */
  evaluate(expressions: readonly string[]): Promise<EvaluatedValue[]>;
  /** Show an error nobody caught (a rejected promise, a throwing timer) in the cell that ran last. */
  reportUncaught(error: unknown): void;
}

const AsyncFunction = (async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<unknown>;

const CONSOLE_LEVELS: StreamLevel[] = ["log", "info", "warn", "error", "debug"];

export function createKernel(options: KernelOptions): Kernel {
  const { realm, emit } = options;
  const maxStreamLines = options.maxStreamLines ?? 1000;
  let current = "";
  /** Column shifts of each cell's latest compilation, to map error positions in any cell. */
  const shifts = new Map<string, ColumnShift[]>();
  let streamLines = 0;
  let droppedLines = 0;

  const send = (output: Output) => emit(current, output);

  function stream(level: StreamLevel, args: unknown[]) {
    if (streamLines >= maxStreamLines) {
      droppedLines++;
      return;
    }
    streamLines++;
    send(streamLine(level, args));
  }

  let slots = 0;
  /**
   * Like Jupyter's display(): shows a value and returns a handle whose `update(value)` replaces it — a chart that
   * grows while a cell trains. The handle itself is never shown as a cell's value.
   */
  const display = (value: unknown): DisplayHandle => {
    const slot = ++slots;
    send({ ...outputFor(value), slot });
    return new DisplayHandle((next) => send({ ...outputFor(next), slot }));
  };

  /** A progress bar: `const bar = progress({ label: "training", total: 100 }); bar.update(40)`. */
  const progress = (options: { label?: string; total: number }) => {
    const total = options?.total;
    if (typeof total !== "number" || !Number.isFinite(total) || total <= 0)
      throw new RangeError(`progress: total must be a finite number > 0; received ${String(total)}`);
    const label = String(options.label ?? "Progress");
    const slot = ++slots;
    send({ kind: "progress", label, value: 0, total, slot });
    return new DisplayHandle((value) => send({ kind: "progress", label, value: Number(value), total, slot }));
  };

  let widgetValues: Record<string, WidgetValue> = {};
  const widgets = createWidgets({
    valueOf: (key) => (Object.hasOwn(widgetValues, key) ? widgetValues[key] : undefined),
    show: (spec) => send({ kind: "widget", spec }),
  });

  let registry: ReturnType<typeof createCheckRegistry> | undefined;
  const check = (name: string, fn: () => unknown) => {
    if (!registry) throw new Error("check() only works in an exercise's checks");
    registry.check(name, fn);
  };

  /** The last value each `//: label` line produced in the current run. */
  let traced = new Map<string, unknown>();

  const scopeHelper = {
    trace(label: string, value: unknown) {
      traced.set(label, value);
      return value;
    },
    /** Make each shared name an own, writable property of the global object (shadowing read-only built-ins). */
    declare(names: string[], functions: Record<string, unknown>) {
      for (const name of names) define(realm, name, undefined, true);
      for (const [name, fn] of Object.entries(functions)) define(realm, name, fn, false);
    },
  };

  const scope: CellScope = { display, progress, ...widgets.inputs, expect, check };
  for (const [name, value] of Object.entries({ ...options.library, ...scope })) define(realm, name, value, false);
  if (options.lazyLibrary) defineLazily(realm, options.lazyLibrary);

  const console = realm.console as unknown as Record<string, (...args: unknown[]) => void>;
  for (const level of CONSOLE_LEVELS) console[level] = (...args: unknown[]) => stream(level, args);
  console.table = (data: unknown) => send(outputFor(data));

  return {
    async run(cellId, source, runOptions = {}) {
      current = cellId;
      streamLines = 0;
      droppedLines = 0;
      widgetValues = runOptions.widgets ?? {};
      widgets.reset();
      slots = 0;
      traced = new Map();
      try {
        const compiled = compileCell(source, { trace: runOptions.trace });
        shifts.set(cellId, compiled.shifts);
        const fn = new AsyncFunction(SCOPE_PARAM, `${compiled.body}\n//# sourceURL=${cellUrl(cellId)}`);
        const value = await fn(scopeHelper);
        flushDropped();
        if (compiled.returnsValue && value !== undefined && !(value instanceof DisplayHandle)) send(outputFor(value));
        sendTrace();
        if (runOptions.checks !== undefined) {
          const results = await runChecks(cellId, runOptions.checks);
          send({ kind: "checks", results });
          if (results.some((result) => !result.passed)) return { status: "error", declared: compiled.declared };
        }
        return { status: "ok", declared: compiled.declared };
      } catch (error) {
        flushDropped();
        sendTrace();
        send(error instanceof CellSyntaxError ? syntaxOutput(error) : mapError(error, cellId, shifts));
        return { status: "error", declared: [] };
      }
    },
    async evaluate(expressions) {
      const values: EvaluatedValue[] = [];
      for (const expression of expressions) {
        try {
          const compiled = compileCell(`(${expression}\n)`);
          const value = await new AsyncFunction(SCOPE_PARAM, compiled.body)(scopeHelper);
          values.push({ value: isPlain(value) ? value : inspectText(value) });
        } catch (error) {
          values.push({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
        }
      }
      return values;
    },
    reportUncaught(error) {
      send(mapError(error, current, shifts));
    },
  };

  function sendTrace() {
    if (traced.size === 0) return;
    send({ kind: "trace", values: Object.fromEntries([...traced].map(([label, value]) => [label, traceText(value)])) });
    traced = new Map();
  }

  /** Run an exercise's check code (which registers checks), then the checks themselves. */
  async function runChecks(cellId: string, checks: string) {
    const checksId = `${cellId}-checks`;
    const compiled = compileCell(checks);
    shifts.set(checksId, compiled.shifts);
    registry = createCheckRegistry();
    try {
      await new AsyncFunction(SCOPE_PARAM, `${compiled.body}\n//# sourceURL=${cellUrl(checksId)}`)(scopeHelper);
      return await registry.run();
    } finally {
      registry = undefined;
    }
  }

  function flushDropped() {
    if (droppedLines > 0) {
      send({ kind: "note", text: `… ${droppedLines} more console lines not shown (the first ${maxStreamLines} are).` });
      droppedLines = 0;
    }
  }
}

/** A traced value, short enough to sit beside an equation: 4 significant digits, at most 4 entries of a vector. */
export function traceText(value: unknown): string {
  const number = (x: number) => (Number.isFinite(x) && x !== 0 ? String(Number(x.toPrecision(4))) : String(x));
  if (typeof value === "number") return number(value);
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    const list = Array.from(value as ArrayLike<unknown>);
    const shown = list
      .slice(0, 4)
      .map((x) => (typeof x === "number" ? number(x) : inspectText(x, { maxDepth: 1, maxItems: 4 })));
    return `[${shown.join(", ")}${list.length > 4 ? ", …" : ""}]`;
  }
  return inspectText(value, { maxDepth: 1, maxItems: 4, maxString: 60 });
}

function isPlain(value: unknown): value is number | string | boolean | null {
  return value === null || ["number", "string", "boolean"].includes(typeof value);
}

function syntaxOutput(error: CellSyntaxError): Output {
  return {
    kind: "error",
    name: "SyntaxError",
    message: error.reason,
    line: error.line,
    column: error.column,
    frames: [],
  };
}

/**
 * Global getters that load the lazy part of the library on first use, then turn into plain values. A cell that
 * assigns one of the names first simply replaces the getter.
 */
function defineLazily(realm: object, lazy: { names: readonly string[]; load(): Record<string, unknown> }) {
  let loaded: Record<string, unknown> | undefined;
  const load = () => {
    if (!loaded) {
      loaded = lazy.load();
      for (const name of lazy.names) {
        const own = Object.getOwnPropertyDescriptor(realm, name);
        if (own && "get" in own) define(realm, name, loaded[name], false);
      }
    }
    return loaded;
  };
  for (const name of lazy.names)
    Object.defineProperty(realm, name, {
      configurable: true,
      enumerable: true,
      get: () => load()[name],
      set: (value) => define(realm, name, value, false),
    });
}

function define(realm: object, name: string, value: unknown, keepExisting: boolean) {
  const own = Object.getOwnPropertyDescriptor(realm, name);
  if (keepExisting && own && "value" in own && own.writable) return;
  Object.defineProperty(realm, name, { value, writable: true, configurable: true, enumerable: true });
}
