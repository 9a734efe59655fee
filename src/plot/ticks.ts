/**
 * Tick labels for log axes: Plot's default writes SI prefixes ("100m", "10µ"), which read as units here. These write
 * powers of ten as 0.01, 0.1, 1, 10, 100 near 1 and as 10⁻⁵, 10⁴ beyond, and leave the ticks between them unlabelled.
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

/** The label of a tick on a log axis: its power of ten, or "" for the ticks in between. */
export function powerOfTen(value: number): string {
  const exponent = Math.round(Math.log10(value));
  if (!(value > 0) || Math.abs(value / 10 ** exponent - 1) > 1e-9) return "";
  if (Math.abs(exponent) <= 2) return String(Number((10 ** exponent).toPrecision(1)));
  return `10${[...String(exponent)].map((c) => SUPERSCRIPT[c]).join("")}`;
}

/** Axis options for a linear or log axis with this labelling. */
export function axis(label: string, log: boolean) {
  return log ? { label, type: "log" as const, tickFormat: powerOfTen } : { label, type: "linear" as const };
}
