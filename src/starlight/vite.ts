/**
 * The Vite plugin that hands the course library to the browser's kernel bundles: `virtual:moments/eager` and
 * `virtual:moments/drawing` gather the library's modules (library.ts decides which draw), `virtual:moments/names`
 * lists the drawing names the kernel loads on first use, and `virtual:moments/types` holds what the editor's language
 * worker knows of the cells' types (declarations.ts). Used for the page build and for the worker bundles.
 */
import type { Plugin } from "vite";
import { cellTypes } from "../notebook/build/declarations.ts";
import { gatherModule, type CellLibrary } from "../notebook/build/library.ts";

const PREFIX = "virtual:moments/";
const MODULES = ["eager", "drawing", "names", "types"] as const;

export function libraryVitePlugin(library: CellLibrary, root: string): Plugin {
  /** Made once, when the language worker's bundle first asks (about 2 s for our course), then reused. */
  let types: Promise<string> | undefined;
  return {
    name: "moments:library",
    resolveId(id) {
      const name = id.startsWith(PREFIX) ? id.slice(PREFIX.length) : undefined;
      if (name && (MODULES as readonly string[]).includes(name)) return `\0${PREFIX}${name}`;
      return undefined;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return undefined;
      const name = id.slice(PREFIX.length + 1);
      if (name === "eager") return gatherModule(library.eager);
      if (name === "drawing") return gatherModule(library.drawing);
      if (name === "names") return `export const DRAWING_NAMES = ${JSON.stringify(library.drawingNames)};\n`;
      if (name === "types")
        return (types ??= cellTypes(library, root).then(
          (value) => `export const CELL_TYPES = ${JSON.stringify(value)};\n`,
        ));
      return undefined;
    },
  };
}
