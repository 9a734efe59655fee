/**
 * Entry of the plot runtime bundle: the drawing kit and the course library's drawing modules, which the browser
 * kernel evaluates (with importScripts) the first time a cell uses one of their names. Keeping them out of the
 * kernel's own bundle makes the kernel start about twice as fast.
 */
import { library } from "virtual:moments/drawing";
import { drawingKit } from "./drawing-kit.ts";

(self as unknown as { __momentsPlotLibrary?: Record<string, unknown> }).__momentsPlotLibrary = {
  ...drawingKit(),
  ...library,
};
