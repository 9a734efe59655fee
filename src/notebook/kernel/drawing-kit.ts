/**
 * The notebook's drawing kit: Observable Plot, and a DOM for it to draw into.
 *
 * A kernel is a worker (or a Node thread): it has no DOM, so Plot draws into linkedom's and the page inserts the
 * markup. Both `Plot.plot(…)` and `mark.plot()` must find that DOM; Plot looks for `window.document` unless given
 * `document`, so the kit's Plot passes it. A course library's chart helpers return Plot options or marks; the cell
 * draws them with this Plot.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

export function drawingKit(): { Plot: typeof Plot; document: Document } {
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  const plot = (options: Plot.PlotOptions = {}) => Plot.plot({ document, ...options });
  Plot.Mark.prototype.plot = function (this: Plot.Mark, { marks = [], ...options }: Plot.PlotOptions = {}) {
    return plot({ ...options, marks: [marks, this as unknown as Plot.Markish] });
  };
  return { Plot: { ...Plot, plot }, document: document as unknown as Document };
}
