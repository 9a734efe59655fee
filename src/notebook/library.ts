/**
 * The library every cell sees without importing anything: the optimizers, the problems (digits data and models
 * included), the runs, Observable Plot drawing into a DOM of its own, and the lessons' chart helpers. (The kernel
 * adds `display`, `progress`, the inputs and `expect`/`check`.) Documented on the site's "Cell library" page; keep
 * the two in step.
 *
 * The build's kernel loads all of it (`fullLibrary`). The browser's kernel loads the core at once and the drawing
 * part (`PLOT_LIBRARY_NAMES`, from the plot runtime bundle) the first time a cell uses one of its names.
 */
import { coreLibrary } from "./library-core.ts";
import { plotLibrary } from "./library-plot.ts";

export { coreLibrary } from "./library-core.ts";

export function fullLibrary(): Record<string, unknown> {
  return { ...coreLibrary(), ...plotLibrary() };
}
