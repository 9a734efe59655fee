/**
 * The page kernel: runs cells one after another in one realm whose global object is the page's shared scope.
 *
 * It is realm-agnostic: the browser's Web Worker (`worker.ts`) and the build's Node worker thread (`build-thread.ts`)
 * both wrap it, so build-time outputs and live outputs come from the same code.
 */
import { mapError, cellUrl } from "./errors.ts";
import { outputFor, streamLine, type Output, type StreamLevel } from "./outputs.ts";
import { compileCell, CellSyntaxError, SCOPE_PARAM, type ColumnShift } from "./transpile.ts";

export interface RunResult {
  status: "ok" | "error";
  /** Names the cell declared for later cells. */
  declared: string[];
}

export interface KernelOptions {
  /** The realm's global object: the shared scope. */
  realm: typeof globalThis;
  /** Names every cell sees without declaring them (the cell library). */
  library: Record<string, unknown>;
  /** Receives each output as it is produced, tagged with the cell that produced it. */
  emit(cellId: string, output: Output): void;
  /** Lines of console output kept per run before the rest is only counted. Default 1000. */
  maxStreamLines?: number;
}

export interface Kernel {
  run(cellId: string, source: string): Promise<RunResult>;
  /** Show an error nobody caught (a rejected promise, a throwing timer) in the cell that ran last. */
  reportUncaught(error: unknown): void;
}

const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;

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

  // Like Jupyter's display(): shows the value and returns nothing, so `display(x)` as a cell's last line shows x once.
  const display = (value: unknown): void => {
    send(outputFor(value));
  };

  const scopeHelper = {
    /** Make each shared name an own, writable property of the global object (shadowing read-only built-ins). */
    declare(names: string[], functions: Record<string, unknown>) {
      for (const name of names) define(realm, name, undefined, true);
      for (const [name, fn] of Object.entries(functions)) define(realm, name, fn, false);
    },
  };

  for (const [name, value] of Object.entries({ ...options.library, display })) define(realm, name, value, false);

  const console = realm.console as unknown as Record<string, (...args: unknown[]) => void>;
  for (const level of CONSOLE_LEVELS) console[level] = (...args: unknown[]) => stream(level, args);
  console.table = (data: unknown) => send(outputFor(data));

  return {
    async run(cellId, source) {
      current = cellId;
      streamLines = 0;
      droppedLines = 0;
      try {
        const compiled = compileCell(source);
        shifts.set(cellId, compiled.shifts);
        const fn = new AsyncFunction(SCOPE_PARAM, `${compiled.body}\n//# sourceURL=${cellUrl(cellId)}`);
        const value = await fn(scopeHelper);
        flushDropped();
        if (compiled.returnsValue && value !== undefined) send(outputFor(value));
        return { status: "ok", declared: compiled.declared };
      } catch (error) {
        flushDropped();
        send(error instanceof CellSyntaxError ? syntaxOutput(error) : mapError(error, cellId, shifts));
        return { status: "error", declared: [] };
      }
    },
    reportUncaught(error) {
      send(mapError(error, current, shifts));
    },
  };

  function flushDropped() {
    if (droppedLines > 0) {
      send({ kind: "note", text: `… ${droppedLines} more console lines not shown (the first ${maxStreamLines} are).` });
      droppedLines = 0;
    }
  }
}

function syntaxOutput(error: CellSyntaxError): Output {
  return { kind: "error", name: "SyntaxError", message: error.reason, line: error.line, column: error.column, frames: [] };
}

function define(realm: object, name: string, value: unknown, keepExisting: boolean) {
  const own = Object.getOwnPropertyDescriptor(realm, name);
  if (keepExisting && own && "value" in own && own.writable) return;
  Object.defineProperty(realm, name, { value, writable: true, configurable: true, enumerable: true });
}
