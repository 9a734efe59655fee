/**
 * What the page accepts from its kernel. The kernel runs the reader's code, which can forge any message, so every
 * message is checked against the protocol before the page acts on it: a message that is not one of the protocol's
 * is dropped, and an output the page cannot show becomes a note that says so (the run goes on).
 */
import type { Output, StreamLevel } from "../shared/outputs.ts";
import type { FromKernel } from "../shared/protocol.ts";
import type { WidgetSpec } from "../shared/widgets.ts";

const LEVELS: readonly StreamLevel[] = ["log", "info", "warn", "error", "debug"];
const MARKUP_KINDS = ["value", "figure", "table"] as const;

/** A message from the kernel, if it is one the page understands. */
export function readKernelMessage(data: unknown): FromKernel | undefined {
  if (!isRecord(data) || typeof data.type !== "string") return undefined;
  switch (data.type) {
    case "ready":
      return { type: "ready" };
    case "output":
      if (!isInteger(data.runId) || typeof data.cellId !== "string") return undefined;
      return { type: "output", runId: data.runId, cellId: data.cellId, output: readOutput(data.output) };
    case "done":
      if (!isInteger(data.runId) || typeof data.cellId !== "string") return undefined;
      return {
        type: "done",
        runId: data.runId,
        cellId: data.cellId,
        status: data.status === "ok" ? "ok" : "error",
        declared: isStringArray(data.declared) ? data.declared : [],
      };
    case "fetch":
      if (!isInteger(data.requestId) || typeof data.url !== "string") return undefined;
      return { type: "fetch", requestId: data.requestId, url: data.url };
    default:
      return undefined;
  }
}

/** An output as the protocol defines it; anything else becomes a note naming what was wrong. */
export function readOutput(data: unknown): Output {
  const output = outputOrUndefined(data);
  if (output) return output;
  const kind = isRecord(data) && typeof data.kind === "string" ? `"${data.kind.slice(0, 40)}"` : "without a kind";
  return { kind: "note", text: `The kernel sent an output the page cannot show (kind ${kind}); it was dropped.` };
}

function outputOrUndefined(data: unknown): Output | undefined {
  if (!isRecord(data)) return undefined;
  const slot = data.slot === undefined ? undefined : isInteger(data.slot) ? data.slot : NaN;
  if (Number.isNaN(slot)) return undefined;
  const withSlot = (output: Output): Output => (slot === undefined ? output : { ...output, slot });
  const kind = data.kind;
  if (kind === "stream") {
    if (!LEVELS.includes(data.level as StreamLevel) || typeof data.html !== "string") return undefined;
    return withSlot({ kind, level: data.level as StreamLevel, html: data.html });
  }
  if ((MARKUP_KINDS as readonly unknown[]).includes(kind)) {
    if (typeof data.html !== "string") return undefined;
    return withSlot({ kind: kind as (typeof MARKUP_KINDS)[number], html: data.html });
  }
  switch (kind) {
    case "error":
      if (typeof data.name !== "string" || typeof data.message !== "string" || !isStringArray(data.frames))
        return undefined;
      return withSlot({
        kind,
        name: data.name,
        message: data.message,
        line: isInteger(data.line) ? data.line : undefined,
        column: isInteger(data.column) ? data.column : undefined,
        frames: data.frames,
      });
    case "note":
      return typeof data.text === "string" ? withSlot({ kind, text: data.text }) : undefined;
    case "progress":
      if (typeof data.label !== "string" || typeof data.value !== "number" || typeof data.total !== "number")
        return undefined;
      return withSlot({ kind, label: data.label, value: data.value, total: data.total });
    case "checks": {
      if (!Array.isArray(data.results)) return undefined;
      const results = data.results.map((result) =>
        isRecord(result) && typeof result.name === "string" && typeof result.passed === "boolean"
          ? { name: result.name, passed: result.passed, message: optionalString(result.message) }
          : undefined,
      );
      return results.every((result) => result !== undefined) ? withSlot({ kind, results }) : undefined;
    }
    case "trace": {
      if (!isRecord(data.values)) return undefined;
      const values = Object.entries(data.values);
      if (!values.every(([, value]) => typeof value === "string")) return undefined;
      return withSlot({ kind, values: Object.fromEntries(values) as Record<string, string> });
    }
    case "widget": {
      const spec = readWidgetSpec(data.spec);
      return spec && withSlot({ kind, spec });
    }
    default:
      return undefined;
  }
}

function readWidgetSpec(data: unknown): WidgetSpec | undefined {
  if (!isRecord(data) || typeof data.key !== "string" || typeof data.label !== "string") return undefined;
  const { key, label } = data;
  const finite = (value: unknown) => typeof value === "number" && Number.isFinite(value);
  const optional = (value: unknown) => (value === undefined ? true : finite(value));
  const number = (value: unknown) => value as number;
  const maybe = (value: unknown) => value as number | undefined;
  if (data.type === "slider") {
    if (!finite(data.min) || !finite(data.max) || !finite(data.value) || !optional(data.step)) return undefined;
    if (typeof data.log !== "boolean") return undefined;
    const [min, max, value] = [number(data.min), number(data.max), number(data.value)];
    if (!(min < max) || (data.log && !(min > 0))) return undefined;
    return { type: "slider", key, label, min, max, step: maybe(data.step), value, log: data.log };
  }
  if (data.type === "number") {
    if (!finite(data.value) || !optional(data.min) || !optional(data.max) || !optional(data.step)) return undefined;
    return {
      type: "number",
      key,
      label,
      min: maybe(data.min),
      max: maybe(data.max),
      step: maybe(data.step),
      value: number(data.value),
    };
  }
  if (data.type === "select") {
    if (!isStringArray(data.options) || !isInteger(data.value)) return undefined;
    return { type: "select", key, label, options: data.options, value: data.value };
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isInteger(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
