/**
 * Smaller SVG: Plot writes path coordinates with three decimals, which a chart of contour lines and long paths
 * multiplies into hundreds of kilobytes of static HTML. One decimal of a pixel is invisible; this mark option
 * rounds every `d` attribute of the mark to it.
 *
 * ```ts
 * Plot.line(points, { x: "x", y: "y", render: roundPaths })
 * ```
 */
import type { RenderFunction } from "@observablehq/plot";

const NUMBER = /-?\d+\.\d+/g;

/** A Plot render transform: draw the mark, then round its path data to 0.1 px. */
export const roundPaths: RenderFunction = (index, scales, values, dimensions, context, next) => {
  const group = next!(index, scales, values, dimensions, context) as SVGElement | null;
  for (const path of group?.querySelectorAll?.("path[d]") ?? []) {
    const d = path.getAttribute("d")!;
    path.setAttribute(
      "d",
      d.replace(NUMBER, (n) => String(Math.round(Number(n) * 10) / 10)),
    );
  }
  return group;
};
