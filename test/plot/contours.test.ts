/** Contour lines (src/plot/contours.ts): what Plot.contour draws, kept for the next drawing of the same grid. */
import * as Plot from "@observablehq/plot";
import { describe, expect, it } from "vitest";
import { roundPaths } from "../../src/plot/compact.ts";
import { contourCounts, contourLines } from "../../src/plot/contours.ts";
import { groups, render } from "./render.ts";

type F = (x: number, y: number) => number;
const rosenbrock: F = (x, y) => Math.log1p((1 - x) ** 2 + 100 * (y - x * x) ** 2);
const bowl: F = (x, y) => x * x + 10 * y * y;
const ROSENBROCK_WINDOW = [
  [-2, 2],
  [-1, 3],
] as const;

/** The contour group of a chart drawn with Plot's own contour mark, and with contourLines. */
function both(f: F, domain: readonly (readonly [number, number])[], chart: Plot.PlotOptions = {}, thresholds = 12) {
  const [[x1, x2], [y1, y2]] = domain as [[number, number], [number, number]];
  const frame = { ...chart, x: { domain: [x1, x2] }, y: { domain: [y1, y2] } };
  const plot = render({
    ...frame,
    marks: [
      Plot.contour({
        value: f,
        x1,
        x2,
        y1,
        y2,
        thresholds,
        stroke: "currentColor",
        strokeOpacity: 0.2,
        fill: "none",
        pixelSize: 8,
        render: roundPaths,
      }),
    ],
  });
  const ours = render({ ...frame, marks: [contourLines(f, domain, { thresholds })] });
  return { plot: groupOf(plot), ours: groupOf(ours) };
}
const groupOf = (svg: string) => /<g[^>]*aria-label="contour"[^>]*>[\s\S]*?<\/g>/.exec(svg)![0];

describe("contourLines", () => {
  it("draws exactly what Plot.contour draws, on curved and elongated surfaces, at any size and level count", () => {
    for (const [f, domain, chart, thresholds] of [
      [rosenbrock, ROSENBROCK_WINDOW, {}, 12],
      [rosenbrock, ROSENBROCK_WINDOW, { width: 480, height: 300 }, 30],
      [
        bowl,
        [
          [-1, 1],
          [-1, 1],
        ],
        { aspectRatio: 1 },
        12,
      ],
      [
        bowl,
        [
          [-3, 0.5],
          [-0.2, 0.2],
        ],
        { width: 300 },
        5,
      ],
    ] as const) {
      const { plot, ours } = both(f, domain, chart, thresholds);
      expect(ours.match(/<path/g)!.length).toBeGreaterThan(3);
      expect(ours).toBe(plot);
    }
  });

  it("draws where the function is defined and leaves gaps where it is not (NaN)", () => {
    const { plot, ours } = both(
      (x, y) => Math.sqrt(x) + y * y,
      [
        [-1, 1],
        [-1, 1],
      ],
    );
    expect(ours).toBe(plot);
  });

  it("reuses the lines of a grid it has drawn, and only of exactly that grid", () => {
    const chart = (f: F) =>
      render({ x: { domain: [-2, 2] }, y: { domain: [-1, 3] }, marks: [contourLines(f, ROSENBROCK_WINDOW)] });
    const first = chart(rosenbrock);
    const { drawn, reused } = contourCounts;
    expect(chart(rosenbrock)).toBe(first);
    expect(contourCounts).toEqual({ drawn, reused: reused + 1 });
    // A function the reader edited (one coefficient) gets its own lines.
    const edited = chart((x, y) => Math.log1p((1 - x) ** 2 + 90 * (y - x * x) ** 2));
    expect(contourCounts).toEqual({ drawn: drawn + 1, reused: reused + 1 });
    expect(groups(edited, "contour")[0]).not.toBe(groups(first, "contour")[0]);
    // The same function on a plot of another size is another grid.
    render({
      width: 500,
      x: { domain: [-2, 2] },
      y: { domain: [-1, 3] },
      marks: [contourLines(rosenbrock, ROSENBROCK_WINDOW)],
    });
    expect(contourCounts.drawn).toBe(drawn + 2);
  });

  it("keeps the most recently used drawings, a handful of them", () => {
    const chart = (c: number) =>
      render({
        x: { domain: [-1, 1] },
        y: { domain: [-1, 1] },
        marks: [
          contourLines(
            (x, y) => x * x + c * y * y,
            [
              [-1, 1],
              [-1, 1],
            ],
          ),
        ],
      });
    for (let c = 1; c <= 8; c++) chart(c);
    const { drawn } = contourCounts;
    chart(1); // the oldest of the eight: still kept
    expect(contourCounts.drawn).toBe(drawn);
    chart(9); // a ninth evicts the least recently used (c = 2)
    chart(2);
    expect(contourCounts.drawn).toBe(drawn + 2);
  });
});
