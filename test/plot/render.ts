/** Render a chart's options the way the kernel does: Plot with linkedom's document. Returns the figure's markup. */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");

export function render(options: Plot.PlotOptions): string {
  return (Plot.plot({ document, ...options }) as unknown as { outerHTML: string }).outerHTML;
}

/** The marks' groups by their aria-label (Plot labels each mark's <g> with its type: "line", "dot", "contour"). */
export function groups(svg: string, label: string): string[] {
  return [...svg.matchAll(new RegExp(`<g[^>]*aria-label="${label}"[^>]*>([\\s\\S]*?)</g>`, "g"))].map((m) => m[1]!);
}
