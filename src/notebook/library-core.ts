/**
 * The part of the cell library every kernel loads at once: the optimizers, the problems (with the digits data) and
 * the runs. Plot and its helpers are in library-plot.ts, which the browser kernel loads only when a cell draws.
 */
import * as optim from "../optim/index.ts";
import * as problems from "../problems/index.ts";
import * as run from "../run/index.ts";

export function coreLibrary(): Record<string, unknown> {
  return { ...optim, ...problems, ...run };
}
