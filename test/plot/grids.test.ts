/** Heatmaps and learning-rate sweeps: values written in, divergence shown rather than hidden; rounded tables. */
import { describe, expect, it } from "vitest";
import { heatmapChart, numpyVector, rounded, sweepChart } from "../../src/plot/index.ts";
import { groups, render } from "./render.ts";

describe("heatmapChart", () => {
  const rows = [
    { beta1: 0.9, beta2: 0.99, loss: 0.012 },
    { beta1: 0.5, beta2: 0.99, loss: 3.4 },
    { beta1: 0.9, beta2: 0.999, loss: Number.NaN },
  ];
  const svg = render(
    heatmapChart(rows, { x: "beta1", y: "beta2", fill: "loss", xLabel: "β₁", yLabel: "β₂", fillLabel: "final loss" }),
  );

  it("colours one cell per finite value and writes every value in", () => {
    expect(groups(svg, "cell")[0]!.match(/<rect/g)).toHaveLength(2);
    expect(svg).toContain(">0.012</text>");
    expect(svg).toContain(">3.4</text>");
    expect(svg).toContain(">diverged</text>");
  });

  it("uses light text on the dark end of the scale and dark text on the light end", () => {
    expect(svg).toMatch(/<text fill="#f5f5f5"[^>]*>0.012<\/text>/);
    expect(svg).toMatch(/<text fill="#1a1a1a"[^>]*>3.4<\/text>/);
    expect(svg).toContain("β₁");
    expect(svg).toContain('aria-label="final loss for each β₁ and β₂"');
  });
});

describe("heatmapChart on a shared scale", () => {
  it("prints band values as given and takes a colour domain shared between charts", () => {
    const rows = [
      { b: 0.9999, a: 0.1, loss: 1 },
      { b: 0.99, a: 0.1, loss: 10 },
    ];
    const options = heatmapChart(rows, { x: "a", y: "b", fill: "loss", domain: [0.01, 100] });
    expect(options.color).toMatchObject({ domain: [0.01, 100] });
    const svg = render(options);
    expect(svg).toContain(">0.9999</text>");
    // On the log scale [0.01, 100], 1 is in the middle (dark enough for light text) and 10 in the light part.
    expect(svg).toMatch(/<text fill="#f5f5f5"[^>]*>1.0<\/text>/);
    expect(svg).toMatch(/<text fill="#1a1a1a"[^>]*>10<\/text>/);
  });
});

describe("sweepChart", () => {
  const rows = [
    { optimizer: "sgd", lr: 0.01, loss: 0.5 },
    { optimizer: "sgd", lr: 0.1, loss: 0 },
    { optimizer: "sgd", lr: 1, loss: Number.POSITIVE_INFINITY },
    { optimizer: "adam", lr: 0.01, loss: 0.02 },
    { optimizer: "adam", lr: 1, loss: 2e7 },
  ];
  const svg = render(sweepChart(rows));

  it("draws finite losses as dots and diverged runs as crosses on the top edge", () => {
    const dots = groups(svg, "dot");
    expect(dots[0]!.match(/<circle/g)).toHaveLength(3);
    expect(dots[1]!.match(/<path/g)).toHaveLength(2);
  });

  it("puts α and the loss on log axes, labelled", () => {
    expect(svg).toContain("learning rate α");
    expect(svg).toContain("final loss f − f*");
  });
});

describe("rounded", () => {
  it("keeps significant digits of numbers, in arrays too, and leaves integers and strings alone", () => {
    expect(rounded([{ t: 3, m: 0.123456789, x: Float64Array.of(1.23456, 2), name: "adam" }], 3)).toEqual([
      { t: 3, m: 0.123, x: [1.23, 2], name: "adam" },
    ]);
  });

  it("says what it needs", () => {
    expect(() => rounded([], 0)).toThrow("rounded: significantDigits must be an integer in [1, 17]; received 0");
  });
});

describe("numpyVector", () => {
  it("prints like NumPy: 8 decimals, trailing zeros blanked, a column for the sign", () => {
    expect(numpyVector([2.80000003, 3.80000002])).toBe("[2.80000003 3.80000002]");
    expect(numpyVector([0.27175946, -0.35494334])).toBe("[ 0.27175946 -0.35494334]");
    expect(numpyVector([-0.02001478, 0.0301726])).toBe("[-0.02001478  0.0301726 ]");
    expect(numpyVector([2.5, 3], 2)).toBe("[2.5  3.  ]");
  });
});
