/**
 * Tick labels for log axes. Plot's default writes SI prefixes ("100m", "10µ"), which read as units here; this writes
 * 0.002, 0.5, 1, 20 from 0.001 to 1000 and 10⁻⁵, 2×10⁻⁵, 10⁴ beyond. On a log scale Plot hands the function to d3, which still
 * decides which ticks get a label (only the powers of ten when the axis spans many decades).
 *
 * ```ts
 * Plot.plot({ y: { type: "log", tickFormat: powerOfTen }, … })
 * ```
 */

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/** 10 to an integer power, written with a superscript exponent: `tenToThe(-5)` is "10⁻⁵". */
export function tenToThe(exponent: number): string {
  return `10${[...String(exponent)].map((c) => SUPERSCRIPT[c]).join("")}`;
}

/** The label of a tick on a log axis: plain from 0.001 to 1000, a power of ten (with a mantissa if needed) beyond. */
export function powerOfTen(value: number): string {
  if (!(value > 0) || !Number.isFinite(value)) return "";
  const shown = Number(value.toPrecision(2));
  const exponent = Math.floor(Math.log10(shown) + 1e-12);
  if (exponent >= -3 && exponent <= 3) return String(shown);
  const mantissa = Number((shown / 10 ** exponent).toPrecision(2));
  const power = tenToThe(exponent);
  return mantissa === 1 ? power : `${mantissa}×${power}`;
}

/** Axis options for a linear or log axis with this labelling. */
export function axis(label: string, log: boolean) {
  return log ? { label, type: "log" as const, tickFormat: powerOfTen } : { label, type: "linear" as const };
}
