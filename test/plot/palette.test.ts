/** The palette: fixed optimizer colours, distinct series colours, and enough contrast on both themes' backgrounds. */
import { describe, expect, it } from "vitest";
import { colorOf, colors, OPTIMIZER_COLORS, SERIES_COLORS } from "../../src/plot/index.ts";

/** WCAG relative luminance and contrast ratio. */
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};

describe("palette", () => {
  it.each(SERIES_COLORS)("%s has a contrast of at least 3:1 on white and on the dark theme's backgrounds", (color) => {
    // Starlight's dark page (hsl(224 10% 10%)) and the cells' dark output background.
    for (const background of ["#ffffff", "#17181c", "#0d1117"])
      expect(contrast(color, background), background).toBeGreaterThanOrEqual(3);
  });

  it("has seven different colours, and every optimizer's colour is one of them", () => {
    expect(new Set(SERIES_COLORS).size).toBe(7);
    for (const color of Object.values(OPTIMIZER_COLORS)) expect(SERIES_COLORS).toContain(color);
  });

  it("gives the first methods of the course seven different colours, Adam blue and SGD grey", () => {
    const first = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam"];
    expect(new Set(first.map(colorOf)).size).toBe(7);
    expect(colorOf("adam")).toBe("#0072B2");
    expect(colorOf("sgd")).toBe("#808080");
    expect(colorOf("toString")).toBeUndefined();
    expect(colorOf("β = 0.9")).toBeUndefined();
  });

  it("gives Lion, Adafactor and Muon colours of their own beside AdamW's and Adam's", () => {
    const successors = ["lion", "adafactor", "muon", "adamw", "adam"];
    expect(successors.map(colorOf).every((color) => color !== undefined)).toBe(true);
    expect(new Set(successors.map(colorOf)).size).toBe(5);
  });

  it("keeps optimizers' colours and gives other series the unused colours in order", () => {
    const scale = colors(["adam", "β = 0.9", "β = 0.99"]);
    expect(scale.domain).toEqual(["adam", "β = 0.9", "β = 0.99"]);
    expect(scale.range).toEqual(["#0072B2", "#D55E00", "#009E73"]);
    expect(scale.legend).toBe(true);
  });

  it("shows a legend only when there is more than one series, unless asked", () => {
    expect(colors(["adam"]).legend).toBe(false);
    expect(colors(["adam"], { legend: true }).legend).toBe(true);
    expect(colors(["adam", "adam"]).domain).toEqual(["adam"]);
  });
});
