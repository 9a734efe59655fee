/** Paths on contours: contour lines, one path per run, start rings, end dots, the minimum; a golden SVG. */
import { describe, expect, it } from "vitest";
import { adam, sgd } from "../../src/optim/index.ts";
import { pathsChart } from "../../src/plot/index.ts";
import { quadratic, reddi, rosenbrock } from "../../src/problems/index.ts";
import { minimize } from "../../src/run/index.ts";
import { groups, render } from "./render.ts";

const problem = quadratic({ a: [1, 10] });
const runs = {
  sgd: minimize(problem, sgd({ lr: 0.15 }), { steps: 20 }),
  adam: minimize(problem, adam({ lr: 0.1 }), { steps: 20 }),
};

describe("pathsChart", () => {
  const svg = render(pathsChart(problem, runs));

  it("draws contour lines in the text colour, without fill", () => {
    const contours = /<g[^>]*aria-label="contour"[^>]*>/.exec(svg)![0];
    expect(contours).toContain('stroke="currentColor"');
    expect(contours).toContain('fill="none"');
    expect(groups(svg, "contour")[0]!.match(/<path/g)!.length).toBeGreaterThan(5);
  });

  it("draws one path per run, in the optimizers' colours, with a legend", () => {
    const lines = groups(svg, "line")[0]!;
    expect(lines.match(/<path/g)).toHaveLength(2);
    expect(lines).toContain('stroke="#808080"');
    expect(lines).toContain('stroke="#0072B2"');
    expect(svg).toContain(">sgd</span>");
  });

  it("marks each start with a ring, each end with a dot and the minimum with a cross", () => {
    const dots = groups(svg, "dot");
    expect(dots).toHaveLength(3);
    expect(dots[1]!.match(/<circle/g)).toHaveLength(2); // two starts (the same point, drawn twice)
    expect(dots[2]!.match(/<circle/g)).toHaveLength(2); // two ends
  });

  it("labels the axes with the names given", () => {
    const named = render(pathsChart(problem, runs, { labels: ["θ₁", "θ₂"] }));
    expect(named).toContain("θ₁");
    expect(named).toContain("θ₂");
  });

  it("accepts plain lists of points as paths", () => {
    const plain = render(
      pathsChart(problem, {
        mine: [
          [1, 1],
          [0.5, 0.2],
          [0, 0],
        ],
      }),
    );
    expect(groups(plain, "line")[0]!.match(/<path/g)).toHaveLength(1);
  });

  it("says what is wrong with a problem it cannot draw", () => {
    expect(() => pathsChart(reddi(), {})).toThrow("pathsChart: problem must have 2 coordinates; received reddi with 1");
    expect(() => pathsChart(quadratic({ a: [1, 2, 3] }), {})).toThrow(/received quadratic with 3/);
  });

  it("matches the golden SVG (quadratic with a = [1, 10], 20 steps of sgd and adam)", async () => {
    await expect(svg).toMatchFileSnapshot("./golden/paths-quadratic.svg");
  });

  it("keeps a Rosenbrock chart of two 1000-step runs under 160 KB of markup", () => {
    const p = rosenbrock();
    const long = {
      sgd: minimize(p, sgd({ lr: 1e-3 }), { steps: 1000 }),
      adam: minimize(p, adam({ lr: 0.05 }), { steps: 1000 }),
    };
    expect(render(pathsChart(p, long)).length).toBeLessThan(160_000);
  });
});
