/**
 * The library every cell sees without importing anything: the optimizers, the problems and `minimize`, a seeded
 * random generator, and Observable Plot drawing into a small DOM of its own. (The kernel adds `display`, the inputs
 * and `expect`/`check`.) Documented on the site's "Cell library" page; keep the two in step.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import * as optim from "../optim/index.ts";
import * as charts from "../plot/index.ts";
import * as problems from "../problems/index.ts";
import * as run from "../run/index.ts";

export function createLibrary(): Record<string, unknown> {
  // The kernel is a worker: it has no DOM, so Plot draws into linkedom's. Both `Plot.plot(…)` and `mark.plot()`
  // must find it; Plot looks for `window.document` unless given `document`, so pass it explicitly.
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  const plot = (options: Plot.PlotOptions = {}) => Plot.plot({ document, ...options });
  Plot.Mark.prototype.plot = function (this: Plot.Mark, { marks = [], ...options }: Plot.PlotOptions = {}) {
    return plot({ ...options, marks: [marks, this as unknown as Plot.Markish] });
  };
  return { ...optim, ...problems, ...run, ...charts, Plot: { ...Plot, plot }, document };
}
