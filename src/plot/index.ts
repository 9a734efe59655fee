/**
 * Chart helpers the lessons share. Each returns Plot *options* (or marks), never a chart, so a cell stays explicit
 * and can compose: `Plot.plot({ ...pathsChart(problem, runs), width: 480 })`. (Inside the kernel there is no window:
 * Plot finds its DOM only through the cell library's `Plot.plot`.)
 */
export { colorOf, colors, OPTIMIZER_COLORS, SERIES_COLORS } from "./palette.ts";
export { curvesChart, curvePoints, type Curve, type CurvePoint, type CurvesOptions } from "./curves.ts";
export { lossChart, type LossOptions } from "./loss.ts";
export { pathsChart, type PathLike, type PathsOptions } from "./paths.ts";
export { heatmapChart, labelColor, type HeatmapOptions } from "./heatmap.ts";
export { sweepChart, type SweepOptions, type SweepRow } from "./sweep.ts";
export { numpyVector, rounded } from "./table.ts";
export { axis, powerOfTen } from "./ticks.ts";
export { compactPath, roundPaths } from "./compact.ts";
export type { Described } from "./describe.ts";
