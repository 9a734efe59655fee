/**
 * Entry of the plot runtime bundle: the drawing part of the cell library, which the browser kernel evaluates (with
 * importScripts) the first time a cell uses Plot, `document` or a chart helper. Keeping it out of the kernel's own
 * bundle makes the kernel start about twice as fast.
 */
import { plotLibrary } from "./library-plot.ts";

(self as unknown as { __momentsPlotLibrary?: Record<string, unknown> }).__momentsPlotLibrary = plotLibrary();
