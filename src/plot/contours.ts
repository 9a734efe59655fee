/**
 * Contour lines of a function of two variables, as a Plot mark that remembers its last few drawings.
 *
 * ```ts
 * Plot.plot({ x: { domain: [-2, 2] }, y: { domain: [-1, 3] }, marks: [contourLines((x, y) => x * x + y * y, [[-2, 2], [-1, 3]])] })
 * ```
 *
 * It draws what `Plot.contour({ value, x1, x2, y1, y2, thresholds, pixelSize, fill: "none", render: roundPaths })`
 * draws — the same grid of samples, thresholds, smoothing and path data (test/plot/contours.test.ts compares the
 * two) — but keeps the lines of the last few grids it saw. A lesson's cell redraws the same surface with new paths
 * each time the reader edits it or moves a slider, and the contours were two thirds of the time such a chart took
 * (9 of 14 ms). The function is still sampled every time, and the lines are reused only when every sample, the
 * thresholds and the plot's geometry are exactly those of an earlier drawing: an edited function draws its own lines.
 */
import type { RenderFunction } from "@observablehq/plot";
import { nice, ticks } from "d3-array";
import { contours } from "d3-contour";
import { compactPath } from "./compact.ts";

export interface ContourLinesOptions {
  /** Number of contour levels, rounded to nice values as Plot does. Default 12. */
  thresholds?: number;
  /** Size of a grid cell in pixels (Plot's pixelSize). Default 8. */
  pixelSize?: number;
  /** Opacity of the lines. Default 0.2. */
  strokeOpacity?: number;
}

interface Drawing {
  bounds: readonly number[];
  thresholds: number;
  samples: Float64Array;
  /** Each level's path data, or null where the level has no line. */
  paths: (string | null)[];
}

/** How many distinct drawings are kept (a lesson shows a handful of surfaces). */
const KEPT = 8;
const kept: Drawing[] = [];

/** How many drawings were computed and how many reused, since the page (or kernel) started. */
export const contourCounts = { drawn: 0, reused: 0 };

const SVG = "http://www.w3.org/2000/svg";

export function contourLines(
  f: (x: number, y: number) => number,
  domain: readonly (readonly [number, number])[],
  options: ContourLinesOptions = {},
): RenderFunction {
  const { thresholds = 12, pixelSize = 8, strokeOpacity = 0.2 } = options;
  const [[x1, x2], [y1, y2]] = domain as [[number, number], [number, number]];
  return (_index, scales, _values, _dimensions, context) => {
    const x = scales.x as ((value: number) => number) & { invert(pixel: number): number };
    const y = scales.y as ((value: number) => number) & { invert(pixel: number): number };
    // Plot's raster bounds and grid (marks/raster.js): the window in pixels, cut into cells of pixelSize.
    const bounds = [x(x1), y(y1), x(x2), y(y2)];
    const [bx1, by1, bx2, by2] = bounds as [number, number, number, number];
    const w = Math.round(Math.abs(bx2 - bx1) / pixelSize);
    const h = Math.round(Math.abs(by2 - by1) / pixelSize);
    const samples = sample(f, x, y, bounds, w, h);
    const paths =
      recall(bounds, thresholds, samples)?.paths ??
      remember(bounds, thresholds, samples, draw(samples, bounds, w, h, thresholds));

    const document = context.document;
    const group = document.createElementNS(SVG, "g");
    group.setAttribute("aria-label", "contour");
    group.setAttribute("fill", "none");
    group.setAttribute("stroke", "currentColor");
    group.setAttribute("stroke-opacity", String(strokeOpacity));
    group.setAttribute("stroke-miterlimit", "1");
    for (const d of paths) {
      const path = document.createElementNS(SVG, "path");
      if (d !== null) path.setAttribute("d", d);
      group.append(path);
    }
    return group;
  };
}

/** f at the centre of each grid cell, row by row from the first bound (as Plot's sampler evaluates it). */
function sample(
  f: (x: number, y: number) => number,
  x: { invert(pixel: number): number },
  y: { invert(pixel: number): number },
  [bx1, by1, bx2, by2]: readonly number[],
  w: number,
  h: number,
): Float64Array {
  const kx = (bx2! - bx1!) / w;
  const ky = (by2! - by1!) / h;
  const xs = Float64Array.from({ length: w }, (_, i) => x.invert(bx1! + (i + 0.5) * kx));
  const samples = new Float64Array(w * h);
  for (let j = 0, k = 0; j < h; j++) {
    const yj = y.invert(by1! + (j + 0.5) * ky);
    for (let i = 0; i < w; i++, k++) samples[k] = f(xs[i]!, yj);
  }
  return samples;
}

/** Each level's line as compact path data: Plot's thresholds, d3-contour's smoothed lines, geoPath's rings. */
function draw(
  samples: Float64Array,
  [bx1, by1, bx2, by2]: readonly number[],
  w: number,
  h: number,
  count: number,
): (string | null)[] {
  let min = Infinity;
  let max = -Infinity;
  for (const value of samples) {
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min > max) return [];
  const levels = ticks(...nice(min, max, count), count);
  while (levels[levels.length - 1]! >= max) levels.pop();
  while (levels[1]! < min) levels.shift();
  const kx = w / (bx2! - bx1!);
  const ky = h / (by2! - by1!);
  const { contour } = contours().size([w, h]).smooth(true);
  const round = (value: number) => Math.round(value * 1000) / 1000; // geoPath's default precision
  return levels.map((level) => {
    let d = "";
    for (const polygon of contour(samples as unknown as number[], level).coordinates)
      for (const ring of polygon) {
        // A ring repeats its first point at the end; the path closes with Z instead.
        for (let p = 0; p < ring.length - 1; p++)
          d += `${p ? "L" : "M"}${round(ring[p]![0]! / kx + bx1!)},${round(ring[p]![1]! / ky + by1!)}`;
        d += "Z";
      }
    return d ? compactPath(d) : null;
  });
}

function recall(bounds: readonly number[], thresholds: number, samples: Float64Array): Drawing | undefined {
  const found = kept.find(
    (drawing) =>
      drawing.thresholds === thresholds &&
      drawing.bounds.every((value, i) => value === bounds[i]) &&
      sameSamples(drawing.samples, samples),
  );
  if (found) {
    kept.unshift(...kept.splice(kept.indexOf(found), 1)); // most recently used first
    contourCounts.reused++;
  }
  return found;
}

function remember(bounds: readonly number[], thresholds: number, samples: Float64Array, paths: (string | null)[]) {
  contourCounts.drawn++;
  kept.unshift({ bounds, thresholds, samples, paths });
  kept.length = Math.min(kept.length, KEPT);
  return paths;
}

/** Every sample the same (NaN matching NaN). */
function sameSamples(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(a[i] !== a[i] && b[i] !== b[i])) return false;
  return true;
}
