/**
 * Smaller SVG. Plot writes path coordinates with three decimals and one vertex per data point, which a chart of
 * contour lines and 1000-step paths multiplies into hundreds of kilobytes of static HTML. This mark option rounds
 * every `d` attribute of the mark to 0.1 px and, in polylines (M/L/Z paths), drops the vertices that lie within
 * 1 px of the last one kept — invisible at the sizes a reader sees, and a converging optimizer's last hundreds of
 * steps collapse to a few vertices.
 *
 * ```ts
 * Plot.line(points, { x: "x", y: "y", render: roundPaths })
 * ```
 */
import type { RenderFunction } from "@observablehq/plot";

const NUMBER = /-?\d+(?:\.\d+)?(?:e-?\d+)?/g;

/** Vertices closer than this (in px) to the last kept vertex are dropped. */
const MIN_DISTANCE = 1;

const round = (value: number) => Math.round(value * 10) / 10;

/** A path's data, rounded to 0.1 px, with near-duplicate vertices of polylines removed. */
export function compactPath(d: string): string {
  if (/[^MLZ\d\s,.eE-]/.test(d)) return d.replace(NUMBER, (n) => String(round(Number(n)))); // curves: only round
  let out = "";
  let last: [number, number] | undefined;
  let pending: [number, number] | undefined; // a dropped vertex, kept if it ends its subpath
  const flush = () => {
    if (pending) out += `L${pending[0]},${pending[1]}`;
    pending = undefined;
  };
  for (const [, command, args] of d.matchAll(/([MLZ])([^MLZ]*)/g)) {
    if (command === "Z") {
      flush();
      out += "Z";
      continue;
    }
    const [x, y] = (args!.match(NUMBER) ?? []).map((n) => round(Number(n))) as [number, number];
    if (command === "M") {
      flush();
      out += `M${x},${y}`;
      last = [x, y];
    } else if (last && Math.hypot(x - last[0], y - last[1]) < MIN_DISTANCE) {
      pending = [x, y];
    } else {
      pending = undefined;
      out += `L${x},${y}`;
      last = [x, y];
    }
  }
  flush();
  return out;
}

/** A Plot render transform: draw the mark, then compact its path data. */
export const roundPaths: RenderFunction = (index, scales, values, dimensions, context, next) => {
  const group = next!(index, scales, values, dimensions, context) as SVGElement | null;
  for (const path of group?.querySelectorAll?.("path[d]") ?? [])
    path.setAttribute("d", compactPath(path.getAttribute("d")!));
  return group;
};
