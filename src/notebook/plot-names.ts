/**
 * The names the drawing part of the cell library defines (library-plot.ts), known to the browser kernel before it
 * loads that part: touching any of them loads it. test/notebook/library.test.ts keeps this list exact.
 */
export const PLOT_LIBRARY_NAMES = [
  "Plot",
  "document",
  "OPTIMIZER_COLORS",
  "SERIES_COLORS",
  "axis",
  "colorOf",
  "colors",
  "compactPath",
  "curvePoints",
  "curvesChart",
  "heatmapChart",
  "labelColor",
  "lossChart",
  "numpyVector",
  "pathsChart",
  "powerOfTen",
  "roundPaths",
  "rounded",
  "sweepChart",
] as const;
