/**
 * Map a runtime error thrown by cell code back to the cell: its line and column, and only the stack frames that are
 * cell code ("at step (cell adam-run, line 4)") — the kernel's and the library's own frames are dropped.
 */
import type { Output } from "../shared/outputs.ts";
import { sourceColumn, type ColumnShift } from "./transpile.ts";

const CELL_URL_PREFIX = "moments-cell/";

/** The script name a cell's code runs under (its `//# sourceURL`). */
export function cellUrl(cellId: string): string {
  return CELL_URL_PREFIX + cellId;
}

/**
 * Lines the engine puts in front of a body given to the Function constructors (2 in V8: `function anonymous(…\n) {\n`).
 * Measured once rather than assumed, so another engine maps correctly too.
 */
const HEADER_LINES = (() => {
  try {
    new Function("__p", "throw new Error()\n//# sourceURL=" + cellUrl("probe"))();
  } catch (error) {
    const frame = parseFrames(String((error as Error)?.stack ?? "")).find((f) => f.cellId === "probe");
    if (frame) return frame.line - 1;
  }
  return 2;
})();

interface Frame {
  name: string;
  cellId: string;
  line: number;
  column: number;
}

/** Frames of cell code in a V8 (`at f (url:1:2)`) or Firefox/Safari (`f@url:1:2`) stack. */
function parseFrames(stack: string): Frame[] {
  const frames: Frame[] = [];
  const pattern = new RegExp(
    String.raw`^\s*(?:at\s+(?:async\s+)?(?:(.*?)\s+\()?|(.*?)@)` +
      escapeRegExp(CELL_URL_PREFIX) +
      String.raw`([^:\s)]+):(\d+):(\d+)\)?\s*$`,
  );
  for (const line of stack.split("\n")) {
    const match = pattern.exec(line);
    if (!match) continue;
    frames.push({
      name: match[1] ?? match[2] ?? "",
      cellId: match[3]!,
      line: Number(match[4]),
      column: Number(match[5]),
    });
  }
  return frames;
}

/**
 * The error output for something a cell threw. `shifts` gives each cell's column shifts (from compileCell), so
 * positions in any cell's code map back to what the reader wrote.
 */
export function mapError(error: unknown, cellId: string, shifts: ReadonlyMap<string, readonly ColumnShift[]>): Output {
  const isError = error instanceof Error || (typeof error === "object" && error !== null && "message" in error);
  const name = isError ? String((error as Error).name || "Error") : "Uncaught";
  const message = isError ? String((error as Error).message) : describeThrown(error);
  const frames = parseFrames(isError ? String((error as Error).stack ?? "") : "").map((frame) => {
    const line = frame.line - HEADER_LINES;
    return { ...frame, line, column: sourceColumn(shifts.get(frame.cellId) ?? [], line, frame.column) };
  });
  const here = frames.find((frame) => frame.cellId === cellId);
  const shown = frames.map((frame) => {
    const fn = frame.name && frame.name !== "eval" ? `${frame.name} ` : "";
    const where = frame.cellId === cellId ? `line ${frame.line}` : `cell ${frame.cellId}, line ${frame.line}`;
    return `at ${fn}(${where})`;
  });
  // A single frame at the reported line says nothing more than the header does.
  const frameList = shown.length === 1 && here ? [] : shown;
  return here
    ? { kind: "error", name, message, line: here.line, column: here.column, frames: frameList }
    : { kind: "error", name, message, frames: frameList };
}

function describeThrown(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
