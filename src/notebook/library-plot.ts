/**
 * The drawing part of the cell library: Observable Plot, a DOM for it, and the lessons' chart helpers.
 *
 * The kernel is a worker: it has no DOM, so Plot draws into linkedom's. Both `Plot.plot(…)` and `mark.plot()` must
 * find it; Plot looks for `window.document` unless given `document`, so the cell library's Plot passes it.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import * as charts from "../plot/index.ts";

export function plotLibrary(): Record<string, unknown> {
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  const plot = (options: Plot.PlotOptions = {}) => Plot.plot({ document, ...options });
  Plot.Mark.prototype.plot = function (this: Plot.Mark, { marks = [], ...options }: Plot.PlotOptions = {}) {
    return plot({ ...options, marks: [marks, this as unknown as Plot.Markish] });
  };
  return { ...charts, Plot: { ...Plot, plot }, document };
}
