/**
 * A grid of results — final loss over (β₁, β₂), or over (β₂, α) — as coloured cells with their values written in.
 *
 * ```ts
 * const rows = [{ beta1: 0.9, beta2: 0.999, loss: 0.012 }, …];
 * Plot.plot(heatmapChart(rows, { x: "beta1", y: "beta2", fill: "loss", xLabel: "β₁", yLabel: "β₂", fillLabel: "final loss" }))
 * ```
 *
 * Colours follow cividis (legible with every common colour-vision deficiency), on a log scale by default; each cell
 * says its value, so there is no colour legend (Plot draws continuous legends on a canvas, which the kernel lacks).
 * A cell whose value is not a finite positive number (a run that diverged) is left empty and says "diverged".
 */
import * as Plot from "@observablehq/plot";
import { described, type Described } from "./describe.ts";

export interface HeatmapOptions extends Described {
  /** Field of the columns. */
  x: string;
  /** Field of the rows. */
  y: string;
  /** Field of the value that colours a cell. */
  fill: string;
  xLabel?: string;
  yLabel?: string;
  fillLabel?: string;
  /** Log colour scale (true) or linear. Default true. */
  log?: boolean;
  /** The colour scale's [low, high], to share one scale between charts. Default: the values' extent. */
  domain?: readonly [number, number];
  /** The text written in a cell. Default: 2 significant digits. */
  format?: (value: number) => string;
}

type Row = Readonly<Record<string, unknown>>;

export function heatmapChart(rows: readonly Row[], options: HeatmapOptions) {
  const { x, y, fill } = options;
  const log = options.log ?? true;
  const format = options.format ?? ((value: number) => (Number.isFinite(value) ? value.toPrecision(2) : "diverged"));
  const shown = (row: Row) => {
    const value = row[fill] as number;
    return Number.isFinite(value) && (!log || value > 0);
  };
  const values = rows.filter(shown).map((row) => row[fill] as number);
  const extent = options.domain ?? [Math.min(...values), Math.max(...values)];
  const color = {
    type: log ? ("log" as const) : ("linear" as const),
    scheme: "cividis" as const,
    domain: extent[0] === extent[1] ? [extent[0]! / 2 || -1, extent[1]! * 2 || 1] : [...extent],
  };
  // Each label is black or white, whichever contrasts more with its own cell: at least 4.58:1 on any colour.
  const cellColor = Plot.scale({ color });
  const textColor = (row: Row) => labelColor(String(cellColor.apply(row[fill] as number)));
  const xLabel = options.xLabel ?? x;
  const yLabel = options.yLabel ?? y;
  const fillLabel = options.fillLabel ?? fill;
  return {
    ...described(options, {
      ariaLabel: `${fillLabel} for each ${xLabel} and ${yLabel}`,
      ariaDescription: `A grid of cells, ${xLabel} across and ${yLabel} down, each coloured and labelled with its ${fillLabel}.`,
    }),
    padding: 0,
    // Band axes print their values as given (Plot would round 0.9999 to "1").
    x: { label: xLabel, type: "band" as const, tickFormat: String },
    y: { label: yLabel, type: "band" as const, tickFormat: String },
    color: { ...color, label: fillLabel },
    marks: [
      Plot.cell(rows.filter(shown), { x, y, fill, inset: 0.5 }),
      Plot.text(rows.filter(shown), { x, y, text: (row: Row) => format(row[fill] as number), fill: textColor }),
      Plot.text(
        rows.filter((row) => !shown(row)),
        { x, y, text: (row: Row) => format(row[fill] as number), fill: "currentColor" },
      ),
    ],
  };
}

/** Black or white: the text colour with the higher WCAG contrast on `background` (an "rgb(…)" or "#rrggbb"). */
export function labelColor(background: string): "#000" | "#fff" {
  const channels = background.startsWith("#")
    ? [1, 3, 5].map((i) => parseInt(background.slice(i, i + 2), 16))
    : (background.match(/[\d.]+/g) ?? ["0", "0", "0"]).slice(0, 3).map(Number);
  const [r, g, b] = channels.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "#000" : "#fff";
}
