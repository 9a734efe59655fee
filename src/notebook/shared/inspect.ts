/**
 * Show any JavaScript value as HTML, the way a REPL would: numbers in full precision, strings quoted, typed arrays
 * with their kind and length, nested objects, Maps and Sets, class names — never "[object Object]".
 *
 * Output is bounded: at most `maxItems` entries per container and `maxDepth` levels, with a note of what was left out,
 * so a cell returning a million-element array cannot hang the page.
 */
import { escapeHtml } from "./html.ts";

export interface InspectOptions {
  /** Entries shown per array, object, Map or Set. Default 50. */
  maxItems?: number;
  /** Nesting levels expanded. Default 3. */
  maxDepth?: number;
  /** Characters of a string shown before it is cut. Default 2000. */
  maxString?: number;
}

const span = (cls: string, text: string) => `<span class="i-${cls}">${escapeHtml(text)}</span>`;

export function inspectHtml(value: unknown, options: InspectOptions = {}): string {
  const limits = {
    maxItems: options.maxItems ?? 50,
    maxDepth: options.maxDepth ?? 3,
    maxString: options.maxString ?? 2000,
  };
  return inspectValue(value, 0, new Set(), limits);
}

/** Plain-text form of a value (for console lines and plain contexts). */
export function inspectText(value: unknown, options: InspectOptions = {}): string {
  return htmlToText(inspectHtml(value, options));
}

export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Numbers as JavaScript prints them (shortest round-trip form), with -0 kept. */
export function formatNumber(x: number): string {
  return Object.is(x, -0) ? "-0" : String(x);
}

interface Limits {
  maxItems: number;
  maxDepth: number;
  maxString: number;
}

function inspectValue(value: unknown, depth: number, seen: Set<object>, limits: Limits): string {
  switch (typeof value) {
    case "number":
      return span("number", formatNumber(value));
    case "bigint":
      return span("number", `${value}n`);
    case "boolean":
      return span("boolean", String(value));
    case "undefined":
      return span("null", "undefined");
    case "symbol":
      return span("symbol", value.toString());
    case "string": {
      const cut = value.length > limits.maxString;
      const shown = cut ? value.slice(0, limits.maxString) : value;
      return (
        span("string", JSON.stringify(shown)) +
        (cut ? span("more", ` … ${value.length - limits.maxString} more characters`) : "")
      );
    }
    case "function": {
      const name = value.name || "anonymous";
      const isClass = /^class\b/.test(Function.prototype.toString.call(value));
      return span("function", isClass ? `class ${name}` : `ƒ ${name}()`);
    }
  }
  if (value === null) return span("null", "null");
  const object = value as object;
  if (seen.has(object)) return span("more", "[circular]");
  if (object instanceof Date) return span("date", isNaN(object.getTime()) ? "Invalid Date" : object.toISOString());
  if (object instanceof RegExp) return span("regexp", String(object));
  if (object instanceof Error) return span("error", `${object.name}: ${object.message}`);
  if (object instanceof Promise) return span("name", "Promise") + " " + span("more", "{…}");

  const name = constructorName(object);
  if (depth >= limits.maxDepth) return span("name", name) + " " + span("more", isListLike(object) ? "[…]" : "{…}");
  seen.add(object);
  try {
    if (ArrayBuffer.isView(object) && !(object instanceof DataView)) {
      const array = object as unknown as ArrayLike<number | bigint>;
      const items = listItems(array.length, limits, (i) => inspectValue(array[i], depth + 1, seen, limits));
      return `${span("name", `${name}(${array.length})`)} [${items}]`;
    }
    if (Array.isArray(object)) {
      const items = listItems(object.length, limits, (i) =>
        i in object ? inspectValue(object[i], depth + 1, seen, limits) : span("more", "empty"),
      );
      return `${object.length > 6 ? span("name", `Array(${object.length})`) + " " : ""}[${items}]`;
    }
    if (object instanceof Map) {
      const entries = [...object.entries()];
      const items = listItems(
        entries.length,
        limits,
        (i) =>
          `${inspectValue(entries[i]![0], depth + 1, seen, limits)} => ${inspectValue(entries[i]![1], depth + 1, seen, limits)}`,
      );
      return `${span("name", `Map(${object.size})`)} {${items}}`;
    }
    if (object instanceof Set) {
      const values = [...object.values()];
      const items = listItems(values.length, limits, (i) => inspectValue(values[i], depth + 1, seen, limits));
      return `${span("name", `Set(${object.size})`)} {${items}}`;
    }
    const keys = Object.keys(object);
    const items = listItems(keys.length, limits, (i) => {
      const key = keys[i]!;
      const shownKey = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
      return `${span("key", shownKey)}: ${inspectValue((object as Record<string, unknown>)[key], depth + 1, seen, limits)}`;
    });
    const prefix = name === "Object" ? "" : span("name", name) + " ";
    return `${prefix}{${items ? ` ${items} ` : ""}}`;
  } finally {
    seen.delete(object);
  }
}

function listItems(length: number, limits: Limits, item: (i: number) => string): string {
  const shown = Math.min(length, limits.maxItems);
  const parts: string[] = [];
  for (let i = 0; i < shown; i++) parts.push(item(i));
  if (length > shown) parts.push(span("more", `… ${length - shown} more`));
  return parts.join(", ");
}

function constructorName(object: object): string {
  const proto = Object.getPrototypeOf(object);
  if (proto === null) return "Object";
  const name = proto.constructor?.name;
  return typeof name === "string" && name ? name : "Object";
}

function isListLike(object: object): boolean {
  return Array.isArray(object) || ArrayBuffer.isView(object);
}
