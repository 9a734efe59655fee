/** Log-axis labels: powers of ten only, plain near 1, superscripts beyond. */
import { describe, expect, it } from "vitest";
import { axis, powerOfTen } from "../../src/plot/index.ts";

describe("powerOfTen", () => {
  it("labels powers of ten plainly from 0.01 to 100", () => {
    expect([0.01, 0.1, 1, 10, 100].map(powerOfTen)).toEqual(["0.01", "0.1", "1", "10", "100"]);
  });

  it("writes other powers of ten with superscript exponents", () => {
    expect([1e-5, 1e-3, 1e3, 1e12].map(powerOfTen)).toEqual(["10⁻⁵", "10⁻³", "10³", "10¹²"]);
  });

  it("leaves the ticks between powers of ten, and values a log axis cannot hold, unlabelled", () => {
    expect([2, 0.5, 3e-4, 0, -1, Number.NaN].map(powerOfTen)).toEqual(["", "", "", "", "", ""]);
  });
});

describe("axis", () => {
  it("gives a log axis the power-of-ten labels and a linear one Plot's own", () => {
    expect(axis("α", true)).toEqual({ label: "α", type: "log", tickFormat: powerOfTen });
    expect(axis("t", false)).toEqual({ label: "t", type: "linear" });
  });
});
