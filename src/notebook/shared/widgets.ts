/**
 * Inputs declared from a cell: `slider`, `numberInput` and `select` return their current value and show a control
 * with the cell's output. Moving the control re-runs the cell (and the cells below it that had run), so a plot
 * follows the slider. At build time, and on a cell's first run, each input has its default value.
 *
 * ```ts
 * const lr = slider({ label: "learning rate α", min: 1e-4, max: 1, value: 0.02, log: true });
 * ```
 *
 * An input is identified by its kind and label (`slider:learning rate α`), not by its place among the cell's calls,
 * so a value the reader chose stays with its own control when the code around it changes order; the page forgets
 * the values when the cell's code changes or is reset. Specs travel to the page as plain data and the page builds
 * the controls itself: nothing a cell sends is trusted as HTML.
 */
import { escapeHtml } from "./html.ts";

export type WidgetSpec =
  | {
      type: "slider";
      key: string;
      label: string;
      min: number;
      max: number;
      step?: number;
      value: number;
      log: boolean;
    }
  | { type: "number"; key: string; label: string; min?: number; max?: number; step?: number; value: number }
  | { type: "select"; key: string; label: string; options: string[]; value: number };

/** The value the page holds for an input: a number, or for a select the index of the chosen option. */
export type WidgetValue = number;

export interface SliderOptions {
  label: string;
  min: number;
  max: number;
  /** Default value (clamped into [min, max]). Default: the middle of the range. */
  value?: number;
  /** Step of a linear slider. Default: continuous. */
  step?: number;
  /** Logarithmic scale (min > 0). Default false. */
  log?: boolean;
}

export interface NumberOptions {
  label: string;
  value: number;
  min?: number;
  max?: number;
  step?: number;
}

export interface SelectOptions<T extends string | number> {
  label: string;
  options: readonly T[];
  /** Default option. Default: the first. */
  value?: T;
}

export interface WidgetContext {
  /** The value the page holds for the input with this key, if the reader moved it. */
  valueOf(key: string): WidgetValue | undefined;
  /** Show the input. */
  show(spec: WidgetSpec): void;
}

/** The inputs a cell can declare. Call `reset()` before each run: keys count repeated labels within one run. */
export function createWidgets(context: WidgetContext) {
  const seen = new Map<string, number>();
  /** `type:label`, with `#2`, `#3`… for a label used again by the same kind of input in one run. */
  function keyOf(type: WidgetSpec["type"], label: string): string {
    const key = `${type}:${label}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? key : `${key}#${count}`;
  }

  function slider(options: SliderOptions): number {
    const where = "slider";
    checkObject(where, options);
    const label = checkLabel(where, options.label);
    const min = checkFinite(where, "min", options.min);
    const max = checkFinite(where, "max", options.max);
    if (!(min < max))
      throw new RangeError(`${where} "${label}": min must be less than max; received min ${min}, max ${max}`);
    const log = options.log ?? false;
    if (typeof log !== "boolean")
      throw new TypeError(`${where} "${label}": log must be true or false; received ${String(log)}`);
    if (log && !(min > 0)) throw new RangeError(`${where} "${label}": a log slider needs min > 0; received min ${min}`);
    const step = options.step === undefined ? undefined : checkPositive(where, "step", options.step);
    const middle = log ? Math.sqrt(min * max) : (min + max) / 2;
    const fallback = options.value === undefined ? middle : clamp(checkFinite(where, "value", options.value), min, max);
    const key = keyOf("slider", label);
    const value = clamp(context.valueOf(key) ?? fallback, min, max);
    context.show({ type: "slider", key, label, min, max, step, value, log });
    return value;
  }

  function numberInput(options: NumberOptions): number {
    const where = "numberInput";
    checkObject(where, options);
    const label = checkLabel(where, options.label);
    const fallback = checkFinite(where, "value", options.value);
    const min = options.min === undefined ? undefined : checkFinite(where, "min", options.min);
    const max = options.max === undefined ? undefined : checkFinite(where, "max", options.max);
    const step = options.step === undefined ? undefined : checkPositive(where, "step", options.step);
    const key = keyOf("number", label);
    const value = clamp(context.valueOf(key) ?? fallback, min ?? -Infinity, max ?? Infinity);
    context.show({ type: "number", key, label, min, max, step, value });
    return value;
  }

  function select<T extends string | number>(options: SelectOptions<T>): T {
    const where = "select";
    checkObject(where, options);
    const label = checkLabel(where, options.label);
    if (!Array.isArray(options.options) || options.options.length === 0)
      throw new TypeError(
        `${where} "${label}": options must be a non-empty array; received ${String(options.options)}`,
      );
    const choices = options.options as readonly T[];
    const fallback = options.value === undefined ? 0 : choices.indexOf(options.value);
    if (fallback < 0)
      throw new RangeError(
        `${where} "${label}": value must be one of the options; received ${JSON.stringify(options.value)}`,
      );
    const key = keyOf("select", label);
    const held = context.valueOf(key);
    const chosen = held !== undefined && Number.isInteger(held) && held >= 0 && held < choices.length ? held : fallback;
    context.show({ type: "select", key, label, options: choices.map(String), value: chosen });
    return choices[chosen]!;
  }

  return { inputs: { slider, numberInput, select }, reset: () => seen.clear() };
}

/** A value as a slider shows it: 3 significant digits, exponent notation when very small or large. */
export function formatWidgetValue(value: number): string {
  if (value === 0 || (Math.abs(value) >= 1e-3 && Math.abs(value) < 1e5)) return String(Number(value.toPrecision(3)));
  return value.toExponential(2);
}

/** Positions of a slider without a step: 0…SLIDER_POSITIONS, mapped onto [min, max] (on a log scale if asked). */
export const SLIDER_POSITIONS = 1000;

/** A slider position for a value (the nearest). */
export function sliderPosition(value: number, min: number, max: number, log: boolean): number {
  const [a, b, v] = log ? [Math.log(min), Math.log(max), Math.log(value)] : [min, max, value];
  return Math.round(((v - a) / (b - a)) * SLIDER_POSITIONS);
}

/** The value a slider position stands for, rounded to the 3 significant digits it shows. */
export function sliderValue(position: number, min: number, max: number, log: boolean): number {
  const fraction = Math.min(1, Math.max(0, position / SLIDER_POSITIONS));
  const value = log ? min * (max / min) ** fraction : min + fraction * (max - min);
  return Math.min(max, Math.max(min, Number(value.toPrecision(3))));
}

/** HTML for an input. Built by the page (and the build) from the spec — never by the kernel. */
export function widgetHtml(spec: WidgetSpec): string {
  const label = `<span class="widget-label">${escapeHtml(spec.label)}</span>`;
  const attrs = (pairs: Record<string, string | number | undefined>) =>
    Object.entries(pairs)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => ` ${k}="${escapeHtml(String(v))}"`)
      .join("");
  let control: string;
  if (spec.type === "slider") {
    // A slider with a step uses it; otherwise it moves over SLIDER_POSITIONS steps, so that its value is never
    // snapped by the browser (0.9 stays 0.9) and log sliders work the same way.
    const native = spec.step !== undefined && !spec.log;
    const range = native
      ? { min: spec.min, max: spec.max, step: spec.step, value: spec.value }
      : { min: 0, max: SLIDER_POSITIONS, step: 1, value: sliderPosition(spec.value, spec.min, spec.max, spec.log) };
    const mapping = native
      ? {}
      : { "data-from": spec.min, "data-to": spec.max, "data-scale": spec.log ? "log" : "linear" };
    control =
      `<input type="range"${attrs({ ...range, ...mapping, "aria-valuetext": formatWidgetValue(spec.value) })}>` +
      `<span class="widget-value">${escapeHtml(formatWidgetValue(spec.value))}</span>`;
  } else if (spec.type === "number") {
    control = `<input type="number"${attrs({ min: spec.min, max: spec.max, step: spec.step ?? "any", value: spec.value })}>`;
  } else {
    const options = spec.options
      .map((option, i) => `<option value="${i}"${i === spec.value ? " selected" : ""}>${escapeHtml(option)}</option>`)
      .join("");
    control = `<select>${options}</select>`;
  }
  return `<label class="widget widget-${spec.type}" data-widget="${escapeHtml(spec.key)}">${label}${control}</label>`;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function checkObject(where: string, options: unknown) {
  if (typeof options !== "object" || options === null)
    throw new TypeError(`${where}: options must be an object such as { label: "α", … }; received ${String(options)}`);
}

function checkLabel(where: string, label: unknown): string {
  if (typeof label !== "string" || label.trim() === "")
    throw new TypeError(`${where}: label must be a non-empty string; received ${JSON.stringify(label)}`);
  return label;
}

function checkFinite(where: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new TypeError(`${where}: ${name} must be a finite number; received ${String(value)}`);
  return value;
}

function checkPositive(where: string, name: string, value: unknown): number {
  const number = checkFinite(where, name, value);
  if (!(number > 0)) throw new RangeError(`${where}: ${name} must be a number > 0; received ${number}`);
  return number;
}
