/** Curves and loss curves: one line per series, labelled axes, accessible text, log axes that survive zeros. */
import { describe, expect, it } from "vitest";
import { curvePoints, curvesChart, lossChart } from "../../src/plot/index.ts";
import { groups, render } from "./render.ts";

describe("curvePoints", () => {
  it("numbers arrays from `start` and keeps [x, y] pairs", () => {
    expect(curvePoints({ a: [5, 6] }, { start: 1 })).toEqual([
      { series: "a", x: 1, y: 5 },
      { series: "a", x: 2, y: 6 },
    ]);
    expect(curvePoints({ b: [[0.1, 2]] as const })).toEqual([{ series: "b", x: 0.1, y: 2 }]);
  });

  it("turns values a log axis cannot show into gaps (NaN)", () => {
    expect(curvePoints({ a: [1, 0, -1] }, { log: true }).map((p) => p.y)).toEqual([1, Number.NaN, Number.NaN]);
    expect(curvePoints({ a: [5, 6] }, { logX: true }).map((p) => p.x)).toEqual([Number.NaN, 1]);
  });
});

describe("curvesChart", () => {
  const svg = render(
    curvesChart({ "β = 0.9": [1, 0.9, 0.81], "β = 0.99": [1, 0.99, 0.98] }, { x: "age k", y: "weight" }),
  );

  it("draws one line per series with a legend", () => {
    expect(groups(svg, "line")[0]!.match(/<path/g)).toHaveLength(2);
    expect(svg).toContain(">β = 0.9</span>");
    expect(svg).toContain(">β = 0.99</span>");
  });

  it("labels the axes and describes the chart", () => {
    expect(svg).toContain("age k");
    expect(svg).toContain("weight");
    expect(svg).toMatch(/aria-label="weight against age k: β = 0.9 and β = 0.99"/);
    expect(svg).toMatch(/aria-description="Lines of weight against age k, one per series: β = 0.9 and β = 0.99\."/);
  });

  it("takes the cell's own label and description", () => {
    const own = render(curvesChart({ a: [1, 2] }, { ariaLabel: "My label", ariaDescription: "One line." }));
    expect(own).toContain('aria-label="My label"');
    expect(own).toContain('aria-description="One line."');
  });

  it("rounds path data to a tenth of a pixel", () => {
    const d = /<g[^>]*aria-label="line"[^>]*><path[^>]* d="([^"]+)"/.exec(svg)![1]!;
    expect(d).not.toMatch(/\.\d\d/);
  });
});

describe("lossChart", () => {
  it("plots f − f* on a log axis by default, one line per run", () => {
    const runs = { sgd: { loss: [3, 2, 1.5] }, adam: { loss: [3, 1.2, 1] } };
    const options = lossChart(runs, { minimum: 1 });
    expect(options.y).toMatchObject({ type: "log", label: "f(θₜ) − f*" });
    const svg = render(options);
    expect(groups(svg, "line")[0]!.match(/<path/g)).toHaveLength(2);
    expect(svg).toContain('aria-label="Loss curves of sgd, adam"');
  });

  it("labels the axis loss f(θₜ) when there is no minimum to subtract", () => {
    expect(lossChart({ adam: { loss: [1] } }).y).toMatchObject({ label: "loss f(θₜ)" });
  });
});
