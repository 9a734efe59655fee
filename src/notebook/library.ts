/**
 * The library every cell sees without importing anything: the optimizers and Observable Plot, drawing into a small
 * DOM of its own. Documented on the site's "Cell library" page; keep the two in step.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import * as optim from "../optim/index.ts";

export function createLibrary(): Record<string, unknown> {
  // The kernel is a worker: it has no DOM, so Plot draws into linkedom's. Both `Plot.plot(…)` and `mark.plot()`
  // must find it; Plot looks for `window.document` unless given `document`, so pass it explicitly.
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  const plot = (options: Plot.PlotOptions = {}) => Plot.plot({ document, ...options });
  Plot.Mark.prototype.plot = function (this: Plot.Mark, { marks = [], ...options }: Plot.PlotOptions = {}) {
    return plot({ ...options, marks: [...(marks as Plot.Markish[]), this] });
  };
  return { ...optim, Plot: { ...Plot, plot }, document };
}
