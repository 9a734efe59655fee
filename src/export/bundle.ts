/**
 * The library an exported lesson carries, bundled with esbuild once per build.
 *
 * - `runtime`: the cell library and the notebook functions (src/export/runtime), as one function declaration
 *   `momentsLibrary(options)` — our own code, not minified, so a reader can look up how `adam` steps.
 * - `vendor`: Observable Plot and linkedom (Plot's DOM outside a browser), minified, as `__momentsVendor()`. Only
 *   lessons that draw carry it: it is most of a file's size (≈ 0.7 MB against ≈ 0.2 MB for the runtime).
 *
 * The runtime does not bundle Plot and linkedom itself: its imports of them read `__momentsVendor()`, which the
 * `.ts` defines from the vendor bundle and a notebook from Deno's `npm:` imports. Both are function declarations,
 * so they can sit at the end of a file and still be called at its top.
 */
import { build, type Plugin } from "esbuild";
import { readFileSync } from "node:fs";
import path from "node:path";

export interface LibraryBundle {
  runtime: string;
  vendor: string;
  /** Installed versions of the vendored packages (a notebook imports exactly these from npm). */
  versions: { plot: string; linkedom: string };
}

const VENDOR_FUNCTION = "__momentsVendor";
const VENDOR_PACKAGES: Record<string, string> = { "@observablehq/plot": "Plot", linkedom: "linkedom" };

/** All of Plot (a cell may use any mark); of linkedom, what the library uses. */
const VENDOR_ENTRY = `export * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
export const linkedom = { parseHTML };
`;

const cache = new Map<string, Promise<LibraryBundle>>();

/** Bundle the library from the project at `root` (memoized: the endpoints of every lesson share one bundle). */
export function libraryBundle(root: string): Promise<LibraryBundle> {
  let bundle = cache.get(root);
  if (!bundle) {
    bundle = bundleLibrary(root);
    cache.set(root, bundle);
  }
  return bundle;
}

async function bundleLibrary(root: string): Promise<LibraryBundle> {
  const common = {
    bundle: true,
    write: false,
    format: "iife",
    platform: "neutral",
    target: "es2022",
    logLevel: "silent",
  } as const;
  const [runtime, vendor] = await Promise.all([
    build({
      ...common,
      absWorkingDir: root,
      entryPoints: [path.join(root, "src/export/runtime/index.ts")],
      globalName: "momentsRuntime",
      mainFields: ["module", "main"],
      plugins: [vendorFromFunction()],
      legalComments: "none",
    }),
    build({
      ...common,
      absWorkingDir: root,
      stdin: { contents: VENDOR_ENTRY, resolveDir: root, loader: "js" },
      globalName: "vendor",
      minify: true,
      mainFields: ["module", "main"],
      // linkedom's CSS parser names a global-script build as its "browser"/"module" entry; bundle its CommonJS one
      // (as astro.config.mjs does for the kernel worker).
      alias: { "@acemir/cssom": path.join(root, "node_modules/@acemir/cssom/lib/index.js") },
      legalComments: "eof",
    }),
  ]);
  const version = (name: string) =>
    JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version as string;
  return {
    runtime: declare(
      "momentsLibrary(options)",
      "momentsRuntime",
      runtime.outputFiles[0]!.text,
      "  return momentsRuntime.createNotebook(options);",
    ),
    vendor: declare(`${VENDOR_FUNCTION}()`, "vendor", vendor.outputFiles[0]!.text),
    versions: { plot: version("@observablehq/plot"), linkedom: version("linkedom") },
  };
}

/**
 * esbuild's `var name = (() => {…})();` made the body of a function declaration that returns `result`; without a
 * result (the vendor), the function returns the bundle's value and keeps it, so Plot and linkedom are evaluated once
 * however often the runtime asks.
 */
function declare(signature: string, name: string, code: string, result?: string): string {
  const prefix = new RegExp(`^(?:"use strict";\\s*)?var ${name}\\s*=\\s*`);
  if (!prefix.test(code))
    throw new Error(`esbuild's bundle for ${name} does not start with "var ${name} =": ${code.slice(0, 80)}`);
  const body = code.replace(prefix, `const ${name} = `).trimEnd();
  const functionName = signature.slice(0, signature.indexOf("("));
  if (result !== undefined) return `function ${signature} {\n${body}\n${result}\n}\n`;
  return `function ${signature} {\n  if (${functionName}.cached) return ${functionName}.cached;\n${body}\n  return (${functionName}.cached = ${name});\n}\n`;
}

/** Resolve the vendored packages to `__momentsVendor().Plot` / `.linkedom` instead of bundling them. */
function vendorFromFunction(): Plugin {
  const filter = new RegExp(
    `^(${Object.keys(VENDOR_PACKAGES)
      .map((name) => name.replace(/[/.]/g, "\\$&"))
      .join("|")})$`,
  );
  return {
    name: "moments-vendor",
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: "moments-vendor" }));
      build.onLoad({ filter: /.*/, namespace: "moments-vendor" }, (args) => ({
        // A lesson that does not draw carries no vendor function; its library leaves Plot out (runtime/index.ts).
        contents: `module.exports = typeof ${VENDOR_FUNCTION} === "function" ? ${VENDOR_FUNCTION}().${VENDOR_PACKAGES[args.path]} : {};`,
        loader: "js",
      }));
    },
  };
}
