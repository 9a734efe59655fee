/**
 * The course library as the browser's kernel bundles see it: modules the plugin generates from its `library` option
 * (src/starlight/vite.ts).
 */
declare module "virtual:moments/eager" {
  /** Every name of the library's modules that do not draw. */
  export const library: Record<string, unknown>;
}
declare module "virtual:moments/drawing" {
  /** Every name of the library's drawing modules (those that import Observable Plot). */
  export const library: Record<string, unknown>;
}
declare module "virtual:moments/names" {
  /** The names of the drawing modules: a cell that uses one loads the plot runtime. */
  export const DRAWING_NAMES: readonly string[];
}
declare module "moments:library" {
  /** What a download's cells use of the course library (src/export/bundle.ts generates it for each page). */
  const library: Record<string, unknown>;
  export = library;
}
