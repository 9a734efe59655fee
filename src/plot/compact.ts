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

/** An integer number of tenths, printed as String(tenths / 10) prints it ("-0.5", "12", "3.4"), without division. */
function tenths(t: number): string {
  if (!(Math.abs(t) < 1e15)) return String(t / 10);
  const a = Math.abs(t);
  const digit = a % 10;
  return `${t < 0 ? "-" : ""}${(a - digit) / 10}${digit ? `.${digit}` : ""}`;
}

/** A path's data, rounded to 0.1 px, with near-duplicate vertices of polylines removed. */
export function compactPath(d: string): string {
  if (/[^MLZ\d\s,.eE-]/.test(d)) return d.replace(NUMBER, (n) => String(round(Number(n)))); // curves: only round
  // One pass over the characters: this runs on every contour and path of every chart a cell draws, and a
  // regular-expression split cost a quarter of the time of a 3-path chart on Rosenbrock's contours.
  const length = d.length;
  let i = 0;
  const number = (): number => {
    while (i < length && (d.charCodeAt(i) === 44 || d.charCodeAt(i) <= 32)) i++; // "," and whitespace
    const start = i;
    for (; i < length; i++) {
      const c = d.charCodeAt(i);
      const digit = (c >= 48 && c <= 57) || c === 46; // 0-9 .
      const exponent = c === 101 || c === 69; // e E
      const sign = c === 45 && (i === start || d.charCodeAt(i - 1) === 101 || d.charCodeAt(i - 1) === 69);
      if (!digit && !exponent && !sign) break;
    }
    return Math.round(Number(d.slice(start, i)) * 10);
  };
  let out = "";
  let lastX = 0;
  let lastY = 0;
  let pending = false; // a dropped vertex (pendingX, pendingY), kept if it ends its subpath
  let pendingX = 0;
  let pendingY = 0;
  const flush = () => {
    if (pending) out += `L${tenths(pendingX)},${tenths(pendingY)}`;
    pending = false;
  };
  while (i < length) {
    const command = d.charCodeAt(i++);
    if (command === 90) {
      // Z
      flush();
      out += "Z";
    } else if (command === 77 || command === 76) {
      // M or L
      // In tenths of a pixel (integers): the distance test and the printing need no rounding.
      const x = number();
      const y = number();
      if (command === 77) {
        flush();
        out += `M${tenths(x)},${tenths(y)}`;
        lastX = x;
        lastY = y;
      } else if ((x - lastX) ** 2 + (y - lastY) ** 2 < (10 * MIN_DISTANCE) ** 2) {
        pending = true;
        pendingX = x;
        pendingY = y;
      } else {
        pending = false;
        out += `L${tenths(x)},${tenths(y)}`;
        lastX = x;
        lastY = y;
      }
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
