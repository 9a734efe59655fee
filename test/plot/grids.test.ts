/** Heatmaps and learning-rate sweeps: values written in, divergence shown rather than hidden; rounded tables. */
import { describe, expect, it } from "vitest";
import { heatmapChart, labelColor, numpyVector, rounded, sweepChart } from "../../src/plot/index.ts";
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
    expect(svg).toMatch(/<text fill="#fff"[^>]*>0.012<\/text>/);
    expect(svg).toMatch(/<text fill="#000"[^>]*>3.4<\/text>/);
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
    // On the log scale [0.01, 100], 1 is in the middle — a grey on which black contrasts more (5:1) than white.
    expect(svg).toMatch(/<text fill="#000"[^>]*>1.0<\/text>/);
    expect(svg).toMatch(/<text fill="#000"[^>]*>10<\/text>/);
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

describe("labelColor", () => {
  it("picks black or white, whichever contrasts more — at least 4.58:1 on any background", () => {
    const contrast = (a: string, b: string) => {
      const lum = (c: string) => {
        const [r, g, bl] = [1, 3, 5]
          .map((i) => parseInt(c.slice(i, i + 2), 16) / 255)
          .map((s) => (s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
      };
      const [x, y] = [lum(a), lum(b)];
      return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    };
    const full = (c: string) => (c === "#000" ? "#000000" : "#ffffff");
    for (let v = 0; v <= 255; v += 5) {
      const gray = `#${v.toString(16).padStart(2, "0").repeat(3)}`;
      expect(contrast(full(labelColor(gray)), gray)).toBeGreaterThanOrEqual(4.58);
    }
    expect(labelColor("rgb(0, 32, 77)")).toBe("#fff"); // cividis's dark end
    expect(labelColor("rgb(255, 234, 70)")).toBe("#000"); // its light end
  });
});
