/**
 * What a cell shows, as plain serialisable data, and its HTML.
 *
 * Outputs are made in the kernel (build-time worker thread or browser Web Worker), cross to the page as messages, and
 * are rendered by `renderOutputs` — the same function at build time and in the browser, so a pre-rendered output and
 * a live one look the same.
 */
import { escapeHtml } from "./html.ts";
import { inspectHtml } from "./inspect.ts";

/** One named check of an exercise, as the kernel ran it. */
export interface CheckResult {
  name: string;
  passed: boolean;
  /** Why it failed. */
  message?: string;
}
import { widgetHtml, type WidgetSpec } from "./widgets.ts";

export type StreamLevel = "log" | "info" | "warn" | "error" | "debug";

/** What a cell shows, one kind per output. */
type OutputContent =
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
  | { kind: "note"; text: string }
  /** An input (slider, number, select) declared by the cell. */
  | { kind: "widget"; spec: WidgetSpec }
  /** The results of an exercise's checks. */
  | { kind: "checks"; results: CheckResult[] }
  /** A progress bar: `value` of `total` done. */
  | { kind: "progress"; label: string; value: number; total: number }
  /** The last value of each `//: label` line: shown beside the paired equation rows, not in the output. */
  | { kind: "trace"; values: Record<string, string> };

/**
 * An output of a cell. One with a `slot` replaces the earlier output of the same run with that slot: that is how
 * `display(…).update(…)` and `progress(…).update(…)` change what is shown while the cell runs.
 */
export type Output = OutputContent & { slot?: number };

/** Add an output to a run's list: a new one is appended, one with a known slot replaces its predecessor. */
export function mergeOutput(outputs: Output[], output: Output): void {
  if (output.slot !== undefined) {
    const index = outputs.findIndex((existing) => existing.slot === output.slot);
    if (index >= 0) {
      outputs[index] = output;
      return;
    }
  }
  outputs.push(output);
}

/** Rows of a table shown before "… more rows". */
export const TABLE_ROWS = 20;

/** Turn a value into an output: figures for DOM elements, tables for arrays of records, the inspector otherwise. */
export function outputFor(value: unknown): Output {
  if (isElement(value)) return { kind: "figure", html: withoutStyles(withValidAria(value)).outerHTML };
  if (isRecordArray(value)) return { kind: "table", html: tableHtml(value) };
  return { kind: "value", html: inspectHtml(value) };
}

/** console.log-style line: strings as they are, everything else through the inspector. */
export function streamLine(level: StreamLevel, args: unknown[]): Output {
  const html = args.map((arg) => (typeof arg === "string" ? escapeHtml(arg) : inspectHtml(arg))).join(" ");
  return { kind: "stream", level, html };
}

/**
 * The HTML of a cell's outputs. `clean` is applied to every piece of markup that the kernel produced (inspector
 * output, figures, tables): the page passes a sanitizer, because cell code runs in the kernel and could have forged
 * it; everything else here is built from plain data and escaped.
 */
export function renderOutputs(outputs: readonly Output[], clean: (html: string) => string = (html) => html): string {
  // A cell's inputs come first, together, so that re-running the cell can keep the very control being dragged.
  const widgets = outputs.filter((output) => output.kind === "widget");
  let html = widgets.length ? `<div class="out-widgets">${widgets.map((w) => widgetHtml(w.spec)).join("")}</div>` : "";
  for (let i = 0; i < outputs.length; i++) {
    const output = outputs[i]!;
    if (output.kind === "widget" || output.kind === "trace") continue;
    if (output.kind === "stream") {
      // Consecutive lines of one level share one block.
      const lines = [output.html];
      while (outputs[i + 1]?.kind === "stream" && (outputs[i + 1] as typeof output).level === output.level)
        lines.push((outputs[++i] as typeof output).html);
      html += `<pre class="out out-stream out-${output.level}">${clean(lines.join("\n"))}</pre>`;
    } else {
      html += renderOutput(output, clean);
    }
  }
  return html;
}

function renderOutput(
  output: Exclude<Output, { kind: "stream" | "widget" | "trace" }>,
  clean: (html: string) => string,
): string {
  switch (output.kind) {
    case "value":
      return `<pre class="out out-value">${clean(output.html)}</pre>`;
    case "figure":
      return `<div class="out out-figure">${clean(output.html)}</div>`;
    case "table":
      return `<div class="out out-table">${clean(output.html)}</div>`;
    case "checks":
      return checksHtml(output.results);
    case "progress": {
      const total = Number.isFinite(output.total) && output.total > 0 ? output.total : 1;
      const value = Math.min(total, Math.max(0, Number(output.value) || 0));
      return (
        `<div class="out out-progress"><label><span>${escapeHtml(output.label)}</span> ` +
        `<progress max="${total}" value="${value}"></progress> <span class="progress-count">${escapeHtml(`${value} / ${total}`)}</span></label></div>`
      );
    }
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

function checksHtml(results: readonly CheckResult[]): string {
  const passed = results.filter((result) => result.passed).length;
  const items = results
    .map(
      (result) =>
        `<li class="${result.passed ? "check-pass" : "check-fail"}"><span class="check-mark" aria-hidden="true">${result.passed ? "✓" : "✗"}</span> ` +
        `<span class="visually-hidden">${result.passed ? "Passed:" : "Failed:"} </span>${escapeHtml(result.name)}` +
        (result.message ? `<div class="check-message">${escapeHtml(result.message)}</div>` : "") +
        `</li>`,
    )
    .join("");
  const summary =
    passed === results.length
      ? `All ${results.length} checks passed.`
      : `${passed} of ${results.length} checks passed.`;
  return `<div class="out out-checks"><p class="checks-summary">${summary}</p><ul>${items}</ul></div>`;
}

/**
 * Plot labels its marks' groups and shapes with aria-label but gives them no role, which ARIA does not allow
 * (axe: aria-prohibited-attr). A labelled group gets role="group", any other labelled shape role="img".
 */
function withValidAria<T extends { outerHTML: string }>(element: T): T {
  const figure = element as unknown as Element;
  for (const labelled of figure.querySelectorAll?.("[aria-label]:not([role]):not(svg)") ?? [])
    labelled.setAttribute("role", labelled.localName === "g" ? "group" : "img");
  return element;
}

/**
 * Plot puts a <style> in each chart; in a page it would style the whole page, so the page never keeps one
 * (sanitize.ts) and notebook.css states Plot's defaults instead. Dropping them here too makes the build's outputs —
 * what a reader without JavaScript sees — the same as live ones.
 */
function withoutStyles<T extends { outerHTML: string }>(element: T): T {
  for (const style of (element as unknown as Element).querySelectorAll?.("style") ?? []) style.remove();
  return element;
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
  const more = rows.length > shown.length ? `<p class="out-note">First ${shown.length} of ${rows.length} rows</p>` : "";
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
}
