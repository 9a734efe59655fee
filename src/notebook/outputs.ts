/**
 * What a cell shows, as plain serialisable data, and its HTML.
 *
 * Outputs are made in the kernel (build-time worker thread or browser Web Worker), cross to the page as messages, and
 * are rendered by `renderOutputs` — the same function at build time and in the browser, so a pre-rendered output and
 * a live one look the same.
 */
import { escapeHtml } from "./html.ts";
import { inspectHtml } from "./inspect.ts";

export type StreamLevel = "log" | "info" | "warn" | "error" | "debug";

export type Output =
  /** console.* lines, already formatted. */
  | { kind: "stream"; level: StreamLevel; html: string }
  /** A value shown through the inspector (the cell's last expression or `display(value)`). */
  | { kind: "value"; html: string }
  /** An SVG or figure element (an Observable Plot chart), as markup. */
  | { kind: "figure"; html: string }
  /** An array of records shown as a table. */
  | { kind: "table"; html: string }
  /** An uncaught error. `line`/`column` are 1-based and relative to the cell that ran. */
  | { kind: "error"; name: string; message: string; line?: number; column?: number; frames: string[] }
  /** A message from the notebook itself (truncation, a stop). */
  | { kind: "note"; text: string };

/** Rows of a table shown before "… more rows". */
export const TABLE_ROWS = 20;

/** Turn a value into an output: figures for DOM elements, tables for arrays of records, the inspector otherwise. */
export function outputFor(value: unknown): Output {
  if (isElement(value)) return { kind: "figure", html: value.outerHTML };
  if (isRecordArray(value)) return { kind: "table", html: tableHtml(value) };
  return { kind: "value", html: inspectHtml(value) };
}

/** console.log-style line: strings as they are, everything else through the inspector. */
export function streamLine(level: StreamLevel, args: unknown[]): Output {
  const html = args.map((arg) => (typeof arg === "string" ? escapeHtml(arg) : inspectHtml(arg))).join(" ");
  return { kind: "stream", level, html };
}

export function renderOutputs(outputs: readonly Output[]): string {
  let html = "";
  for (let i = 0; i < outputs.length; i++) {
    const output = outputs[i]!;
    if (output.kind === "stream") {
      // Consecutive lines of one level share one block.
      const lines = [output.html];
      while (outputs[i + 1]?.kind === "stream" && (outputs[i + 1] as typeof output).level === output.level)
        lines.push((outputs[++i] as typeof output).html);
      html += `<pre class="out out-stream out-${output.level}">${lines.join("\n")}</pre>`;
    } else {
      html += renderOutput(output);
    }
  }
  return html;
}

function renderOutput(output: Exclude<Output, { kind: "stream" }>): string {
  switch (output.kind) {
    case "value":
      return `<pre class="out out-value">${output.html}</pre>`;
    case "figure":
      return `<div class="out out-figure">${output.html}</div>`;
    case "table":
      return `<div class="out out-table">${output.html}</div>`;
    case "note":
      return `<p class="out out-note">${escapeHtml(output.text)}</p>`;
    case "error": {
      const where =
        output.line === undefined
          ? ""
          : ` <span class="out-error-where">(line ${output.line}${output.column === undefined ? "" : `, column ${output.column}`})</span>`;
      const frames = output.frames.length
        ? `\n${output.frames.map((frame) => `  ${escapeHtml(frame)}`).join("\n")}`
        : "";
      return `<pre class="out out-error" role="alert"><strong>${escapeHtml(output.name)}</strong>: ${escapeHtml(output.message)}${where}${frames}</pre>`;
    }
  }
}

function isElement(value: unknown): value is { outerHTML: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { nodeType?: unknown }).nodeType === 1 &&
    typeof (value as { outerHTML?: unknown }).outerHTML === "string"
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isRecordArray(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.slice(0, TABLE_ROWS).every(isPlainObject);
}

function tableHtml(rows: Record<string, unknown>[]): string {
  const shown = rows.slice(0, TABLE_ROWS);
  const columns = [...new Set(shown.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown) => {
    const numeric = typeof value === "number";
    const text = typeof value === "string" ? escapeHtml(value) : inspectHtml(value, { maxDepth: 1, maxItems: 8 });
    return `<td${numeric ? ' class="num"' : ""}>${text}</td>`;
  };
  const head = columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join("");
  const body = shown.map((row) => `<tr>${columns.map((column) => cell(row[column])).join("")}</tr>`).join("");
  const more =
    rows.length > shown.length ? `<p class="out-note">First ${shown.length} of ${rows.length} rows</p>` : "";
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
}
