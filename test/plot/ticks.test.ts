/** Log-axis labels: plain numbers near 1, powers of ten beyond, never SI prefixes. */
import { describe, expect, it } from "vitest";
import { axis, powerOfTen } from "../../src/plot/index.ts";
import { render } from "./render.ts";

describe("powerOfTen", () => {
  it("writes ticks from 0.001 to 1000 plainly", () => {
    const ticks = [0.001, 0.01, 0.02, 0.1, 0.25, 0.5, 1, 3, 10, 100, 1000];
    expect(ticks.map(powerOfTen)).toEqual(ticks.map(String));
  });

  it("writes smaller and larger ticks as powers of ten, with a mantissa when there is one", () => {
    const ticks = [1e-5, 2e-5, 1e-4, 2.5e-4, 1e4, 1e12];
    expect(ticks.map(powerOfTen)).toEqual(["10⁻⁵", "2×10⁻⁵", "10⁻⁴", "2.5×10⁻⁴", "10⁴", "10¹²"]);
  });

  it("writes nothing for values a log axis cannot hold", () => {
    expect([0, -1, Number.NaN, Number.POSITIVE_INFINITY].map(powerOfTen)).toEqual(["", "", "", ""]);
  });
});

describe("axis", () => {
  it("gives a log axis these labels and a linear one Plot's own", () => {
    expect(axis("α", true)).toEqual({ label: "α", type: "log", tickFormat: powerOfTen });
    expect(axis("t", false)).toEqual({ label: "t", type: "linear" });
  });

  it("labels a wide log axis at powers of ten only, and a narrow one in between too", () => {
    const labels = (domain: [number, number]) =>
      [...render({ y: { ...axis("y", true), domain }, marks: [] }).matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
        .map((m) => m[1])
        .filter(Boolean);
    expect(labels([1e-8, 1e4])).toEqual(expect.arrayContaining(["10⁻⁸", "10⁻⁴", "0.001", "1", "10⁴"]));
    expect(labels([1e-8, 1e4]).every((label) => !label.includes("×"))).toBe(true);
    expect(labels([0.1, 0.5])).toEqual(expect.arrayContaining(["0.1", "0.2", "0.3"]));
    expect(new Set(labels([0.2, 0.4])).size).toBe(labels([0.2, 0.4]).length);
  });
});
