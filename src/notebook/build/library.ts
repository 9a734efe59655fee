/**
 * A course's cell library: the modules named by the plugin's `library` option. Every name they export is in every
 * cell's scope — in the browser's kernel, the build's kernel and the downloads — beside the notebook's own names
 * (`display`, `progress`, the inputs, `expect`, `check`, and `Plot` with a `document` to draw into).
 *
 * This is the one definition: the name lists the kernels and the downloads need are derived here, by loading the
 * modules once at build, never kept by hand. A module that imports Observable Plot (directly or through its own
 * imports) is a *drawing* module: the browser's kernel loads it, with Plot, only when a cell first uses one of its
 * names, so a page that never draws never pays for Plot.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { NOTEBOOK_NAMES } from "../shared/names.ts";

export interface CellLibrary {
  /** Absolute paths of the library's modules, in the order the option gave them. */
  modules: string[];
  /** The modules that load at once. */
  eager: string[];
  /** The modules that draw (import Observable Plot), loaded on first use in the browser. */
  drawing: string[];
  /** Each exported name and the module that exports it. */
  names: Map<string, string>;
  /** Names exported by the drawing modules. */
  drawingNames: string[];
}

const PLOT = "@observablehq/plot";

/**
 * Load and check the library: every module exists and loads, and no name is exported twice or hides one of the
 * notebook's own names. `option` is how the site's config wrote it, for the error messages.
 */
export async function resolveLibrary(entries: readonly string[], root: string): Promise<CellLibrary> {
  const modules = entries.map((entry, i) => {
    const where = entries.length > 1 ? `library[${i}]` : "library";
    const file = path.resolve(root, entry);
    if (!existsSync(file))
      throw new Error(
        `moments: ${where} must name a module of the site; received ${JSON.stringify(entry)} (${file} does not exist)`,
      );
    return { where, entry, file };
  });
  const names = new Map<string, string>();
  for (const { where, entry, file } of modules) {
    let exported: Record<string, unknown>;
    try {
      exported = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`moments: ${where} (${JSON.stringify(entry)}) failed to load: ${(error as Error).message}`, {
        cause: error,
      });
    }
    for (const name of Object.keys(exported)) {
      if (name === "default")
        throw new Error(
          `moments: ${where} (${JSON.stringify(entry)}) has a default export; cells see names, so export it by name`,
        );
      if ((NOTEBOOK_NAMES as readonly string[]).includes(name))
        throw new Error(
          `moments: ${where} (${JSON.stringify(entry)}) exports ${JSON.stringify(name)}, one of the notebook's own names (${NOTEBOOK_NAMES.join(", ")}); rename it`,
        );
      const other = names.get(name);
      if (other && other !== file)
        throw new Error(
          `moments: ${JSON.stringify(name)} is exported by both ${path.relative(root, other)} and ${path.relative(root, file)}; a cell could not tell them apart`,
        );
      names.set(name, file);
    }
  }
  const files = modules.map((module) => module.file);
  const drawing: string[] = [];
  for (const file of files) if (await importsPlot(file)) drawing.push(file);
  return {
    modules: files,
    eager: files.filter((file) => !drawing.includes(file)),
    drawing,
    names,
    drawingNames: [...names].filter(([, file]) => drawing.includes(file)).map(([name]) => name),
  };
}

/** Whether the module, through any of its own imports, imports Observable Plot (types only do not count). */
async function importsPlot(file: string): Promise<boolean> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "silent",
  });
  return Object.values(result.metafile!.inputs).some((input) =>
    input.imports.some((imported) => imported.path === PLOT || imported.path.startsWith(`${PLOT}/`)),
  );
}

/** The source of a module that gathers `files` into one object, `library`, for a kernel. */
export function gatherModule(files: readonly string[]): string {
  const imports = files.map((file, i) => `import * as m${i} from ${JSON.stringify(file)};`);
  return `${imports.join("\n")}\nexport const library = Object.assign({}, ${files.map((_, i) => `m${i}`).join(", ") || "{}"});\n`;
}
