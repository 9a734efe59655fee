/**
 * The course's cell library: every export is in every cell's scope, on the page, at build and in the downloads.
 * Nothing here is an optimizer: least squares for a line, y ≈ a + b·x.
 */
import * as Plot from "@observablehq/plot";

export interface Point {
  x: number;
  y: number;
}

/** A line's intercept a and slope b. */
export interface Line {
  a: number;
  b: number;
}

/** n points near y = a + b·x, with noise of the given size, from a seeded generator (the same points every run). */
export function noisyLine(n: number, { a = 1, b = 2, noise = 0.5, seed = 1 } = {}): Point[] {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  return Array.from({ length: n }, (_, i) => {
    const x = n === 1 ? 0 : (4 * i) / (n - 1) - 2;
    return { x, y: a + b * x + noise * (2 * uniform() - 1) };
  });
}

/** The least-squares line: the solution of the normal equations XᵀX [a, b]ᵀ = Xᵀy. */
export function fitLine(points: readonly Point[]): Line {
  const n = points.length;
  if (n < 2) throw new RangeError(`fitLine: needs at least 2 points; received ${n}`);
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  if (sxx === 0) throw new RangeError("fitLine: every point has the same x, so no slope fits best");
  const b = sxy / sxx;
  return { a: my - b * mx, b };
}

/** Half the mean squared residual, L(a, b) = 1/(2n) Σ (a + b·xᵢ − yᵢ)². */
export function loss(points: readonly Point[], { a, b }: Line): number {
  return points.reduce((s, p) => s + (a + b * p.x - p.y) ** 2, 0) / (2 * points.length);
}

/** The gradient of `loss` at (a, b). */
export function lossGradient(points: readonly Point[], { a, b }: Line): Line {
  let ga = 0;
  let gb = 0;
  for (const p of points) {
    const r = a + b * p.x - p.y;
    ga += r;
    gb += r * p.x;
  }
  return { a: ga / points.length, b: gb / points.length };
}

/** Plot options: the points and one or more lines through them. */
export function fitChart(points: readonly Point[], lines: Record<string, Line>): Plot.PlotOptions {
  const xs = [Math.min(...points.map((p) => p.x)), Math.max(...points.map((p) => p.x))];
  const segments = Object.entries(lines).flatMap(([name, { a, b }]) => xs.map((x) => ({ name, x, y: a + b * x })));
  return {
    grid: true,
    color: { legend: true },
    marks: [
      Plot.dot(points, { x: "x", y: "y", r: 3, fill: "currentColor", fillOpacity: 0.6 }),
      Plot.line(segments, { x: "x", y: "y", z: "name", stroke: "name", strokeWidth: 2 }),
    ],
  };
}
