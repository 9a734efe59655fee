/**
 * What a notebook output becomes outside the site: a Jupyter MIME bundle (plain text always; a standalone SVG for a
 * chart; the HTML table beside its text for a table). The build uses it for the outputs stored in a notebook, and an
 * exported lesson uses it for what its cells show — in a terminal (the text; charts as files) or in Deno's Jupyter
 * kernel (the whole bundle).
 */
import type { CheckResult } from "../../notebook/shared/outputs.ts";
import { htmlToText } from "../../notebook/shared/inspect.ts";
import type { Output } from "../../notebook/shared/outputs.ts";
import { formatWidgetValue, type WidgetSpec } from "../../notebook/shared/widgets.ts";
import { standaloneSvg } from "./figure-svg.ts";
import { textTable } from "./text-table.ts";

export interface MimeBundle {
  "text/plain": string;
  "image/svg+xml"?: string;
  "text/html"?: string;
}

/** The bundle for an output, or undefined for what is not shown on its own (a paired cell's traced values). */
export function mimeBundle(output: Output): MimeBundle | undefined {
  switch (output.kind) {
    case "stream":
    case "value":
      return { "text/plain": htmlToText(output.html) };
    case "figure": {
      const figure = standaloneSvg(output.html);
      if (!figure) return { "text/plain": htmlToText(output.html) };
      return { "text/plain": figure.label ? `[figure: ${figure.label}]` : "[figure]", "image/svg+xml": figure.svg };
    }
    case "table":
      return { "text/plain": textTable(output.html), "text/html": output.html };
    case "checks":
      return { "text/plain": checksText(output.results) };
    case "progress":
      return { "text/plain": `${output.label}: ${output.value} / ${output.total}` };
    case "note":
      return { "text/plain": output.text };
    case "widget":
      return { "text/plain": widgetText(output.spec) };
    case "error":
      return { "text/plain": `${output.name}: ${output.message}` };
    case "trace":
      return undefined;
  }
}

/** An exercise's check results, as the page lists them. */
export function checksText(results: readonly CheckResult[]): string {
  const passed = results.filter((result) => result.passed).length;
  const summary =
    passed === results.length
      ? `All ${results.length} checks passed.`
      : `${passed} of ${results.length} checks passed.`;
  const lines = results.flatMap((result) => [
    `  ${result.passed ? "✓" : "✗"} ${result.name}`,
    ...(result.message ? [`      ${result.message}`] : []),
  ]);
  return [summary, ...lines].join("\n");
}

/** An input outside the page: it keeps its default value, and says so. */
export function widgetText(spec: WidgetSpec): string {
  const value = spec.type === "select" ? spec.options[spec.value] : formatWidgetValue(spec.value);
  const kind = spec.type === "number" ? "number input" : spec.type;
  return `${spec.label} = ${value}  (${kind}, at its default; on the page you can change it)`;
}
