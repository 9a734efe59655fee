/**
 * The library a download carries, bundled with esbuild for each page: only what its cells use.
 *
 * - `runtime`: the names the page's cells use of the course library (tree-shaken: a page that never loads the
 *   digits carries no digits) and the notebook's own functions (src/export/runtime), as one function declaration
 *   `momentsLibrary(options)` — not minified, so a reader can look up how `adam` steps.
 * - `vendor`: Observable Plot and linkedom (Plot's DOM outside a browser), minified, as `__momentsVendor()`, shared
 *   by every page that draws: it is most of a file's size.
 * - `licenses`: one line per package or licensed file bundled (name, version, license), for the file's header.
 *
 * The runtime does not bundle Plot and linkedom itself: its imports of them read `__momentsVendor()`, which both the
 * `.ts` and a notebook's library cell define from the vendor bundle (a notebook imports nothing from npm: it runs
 * offline and below any package.json). Both are function declarations, so they can sit at the end of a file and
 * still be called at its top.
 */
import { build, type Metafile, type Plugin } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CellLibrary } from "../notebook/build/library.ts";

export interface LibraryBundle {
  runtime: string;
  vendor: string;
  /** What the file bundles and under which license: "dompurify 3.5.0 (MPL-2.0 OR Apache-2.0)". */
  licenses: string[];
}

const VENDOR_FUNCTION = "__momentsVendor";
const VENDOR_PACKAGES: Record<string, string> = { "@observablehq/plot": "Plot", linkedom: "linkedom" };

/** All of Plot (a cell may use any mark); of linkedom, what the library uses. */
const VENDOR_ENTRY = `export * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
export const linkedom = { parseHTML };
`;

const RUNTIME_ENTRY = fileURLToPath(new URL("./runtime/index.ts", import.meta.url));
const require = createRequire(import.meta.url);

let vendorBundle: Promise<{ code: string; licenses: string[] }> | undefined;

/** Bundle what a page uses (`used`: library names its cells use) of the course `library`. */
export async function libraryBundle(
  library: Pick<CellLibrary, "names">,
  used: readonly string[],
  plots: boolean,
): Promise<LibraryBundle> {
  const common = {
    bundle: true,
    write: false,
    format: "iife",
    platform: "neutral",
    target: "es2022",
    logLevel: "silent",
    metafile: true,
    mainFields: ["module", "main"] as string[],
  } as const;
  const runtime = await build({
    ...common,
    entryPoints: [RUNTIME_ENTRY],
    globalName: "momentsRuntime",
    plugins: [courseLibrary(library, used), vendorFromFunction()],
    legalComments: "none",
  });
  vendorBundle ??= build({
    ...common,
    stdin: { contents: VENDOR_ENTRY, resolveDir: path.dirname(RUNTIME_ENTRY), loader: "js" },
    globalName: "vendor",
    minify: true,
    // linkedom's CSS parser names a global-script build as its "browser"/"module" entry; bundle its CommonJS one
    // (as the plugin does for the kernel worker).
    alias: { "@acemir/cssom": require.resolve("@acemir/cssom") },
    legalComments: "eof",
  }).then((vendor) => ({
    code: declare(`${VENDOR_FUNCTION}()`, "vendor", vendor.outputFiles![0]!.text),
    licenses: licensesOf(vendor.metafile!),
  }));
  const vendor = plots ? await vendorBundle : { code: "", licenses: [] };
  return {
    runtime: declare(
      "momentsLibrary(options)",
      "momentsRuntime",
      runtime.outputFiles![0]!.text,
      "  return momentsRuntime.createNotebook(options);",
    ),
    vendor: vendor.code,
    licenses: [...new Set([...licensesOf(runtime.metafile!), ...vendor.licenses])].sort(),
  };
}

/** `moments:library`: the names the page uses, re-exported from the library's modules (the rest is shaken off). */
function courseLibrary(library: Pick<CellLibrary, "names">, used: readonly string[]): Plugin {
  return {
    name: "moments-library",
    setup(build) {
      build.onResolve({ filter: /^moments:library$/ }, () => ({ path: "library", namespace: "moments-library" }));
      build.onLoad({ filter: /.*/, namespace: "moments-library" }, () => {
        const byModule = new Map<string, string[]>();
        for (const name of used) {
          const module = library.names.get(name);
          if (module) byModule.set(module, [...(byModule.get(module) ?? []), name]);
        }
        const lines = [...byModule].map(
          ([module, names]) => `export { ${names.join(", ")} } from ${JSON.stringify(module)};`,
        );
        return { contents: lines.join("\n") || "export {};", loader: "js", resolveDir: process.cwd() };
      });
    },
  };
}

/**
 * A line per package (from its package.json) and per licensed file of the course (a file whose first comment has a
 * `@license` tag, e.g. a dataset's) that went into a bundle.
 */
function licensesOf(metafile: Metafile): string[] {
  const lines = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const file = path.resolve(input);
    const inPackage = /^(.*[/\\]node_modules[/\\](?:@[^/\\]+[/\\])?[^/\\]+)[/\\]/.exec(file)?.[1];
    if (inPackage) {
      const manifest = JSON.parse(readFileSync(path.join(inPackage, "package.json"), "utf8")) as {
        name: string;
        version: string;
        license?: string;
      };
      lines.add(`${manifest.name} ${manifest.version} (${manifest.license ?? "license not stated"})`);
    } else if (existsSync(file)) {
      const tag = /(?:@license|Licen[cs]e:)\s+([^\n*]+)/.exec(readFileSync(file, "utf8").slice(0, 2000))?.[1]?.trim();
      if (tag) lines.add(`${path.basename(file)}: ${tag}`);
    }
  }
  return [...lines];
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
