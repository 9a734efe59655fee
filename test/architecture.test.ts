/**
 * Imports point one way. The notebook is split by where code runs: `shared` (wire types and formats, every
 * runtime), `compile` (the cell compiler), `kernel` (a worker realm: the browser's Web Worker or the build's Node
 * thread), `page` (the reader's browser), `language` (the editor's language worker, beside the page) and `build`
 * (Node, at build). The page never imports the compiler or the
 * kernel (it starts the kernel's bundles by URL); the course library (src/optim, src/problems, src/run, src/plot)
 * reaches the kernels only through the plugin's library option, never by import; the example course imports only
 * the plugin's public entry points. This test fails on an import that points the wrong way.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/paths.ts";

const LIBRARY = ["src/optim", "src/problems", "src/run", "src/plot"];

/** Which areas each area may import from (the longest matching area is a file's own). */
const ALLOWED: Record<string, string[]> = {
  "src/optim": ["src/optim"],
  "src/problems": ["src/problems", "src/optim"],
  "src/run": ["src/run", "src/optim", "src/problems"],
  "src/plot": ["src/plot", "src/run", "src/optim", "src/problems"],
  "src/notebook/shared": ["src/notebook/shared"],
  "src/notebook/compile": ["src/notebook/compile", "src/notebook/shared"],
  "src/notebook/kernel": ["src/notebook/kernel", "src/notebook/compile", "src/notebook/shared"],
  "src/notebook/page": ["src/notebook/page", "src/notebook/shared"],
  // The editor's language worker (TypeScript's language service over the page's cells), started by the page by URL.
  "src/notebook/language": ["src/notebook/language", "src/notebook/shared"],
  "src/notebook/build": ["src/notebook/build", "src/notebook/kernel", "src/notebook/compile", "src/notebook/shared"],
  "src/markdown": ["src/markdown", "src/notebook/build", "src/notebook/shared"],
  "src/export": ["src/export", "src/notebook/build", "src/notebook/kernel", "src/notebook/shared", "src/markdown"],
  "src/site": ["src/site"],
  // The plugin wires the page's scripts into the pages it adds (the progress page, the head's progress marks).
  "src/starlight": [
    "src/starlight",
    "src/markdown",
    "src/site",
    "src/notebook/build",
    "src/notebook/page",
    "src/export",
  ],
  components: ["components", "src/notebook/page", "src/notebook/shared"],
  // Our course's own component (its outline of parts and lessons), beside the notebook's.
  "components/CourseOutline.astro": ["src/site"],
};

/** Imports that are not code: the page starts the kernel's bundles by URL. */
const BUNDLE_URL = /\?worker&url$/;

function areaOf(file: string): string | undefined {
  const relative = path.relative(ROOT, file).split(path.sep).join("/");
  return Object.keys(ALLOWED)
    .filter((area) => relative === area || relative.startsWith(`${area}/`))
    .sort((a, b) => b.length - a.length)[0];
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|astro|mjs)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("import direction", () => {
  const files = [...sourceFiles(path.join(ROOT, "src")), ...sourceFiles(path.join(ROOT, "components"))];

  it("finds the source files", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((file) => [path.relative(ROOT, file), file]))("%s imports only what its area may", (_, file) => {
    const from = areaOf(file);
    if (!from) return; // Astro glue (src/pages, src/content.config.ts) may import anything
    const text = readFileSync(file, "utf8");
    const wrong: string[] = [];
    for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g)) {
      if (BUNDLE_URL.test(match[1]!)) continue;
      const target = areaOf(path.resolve(path.dirname(file), match[1]!));
      if (target && !ALLOWED[from]!.includes(target)) wrong.push(`${match[1]} (${target})`);
    }
    expect(wrong, `${path.relative(ROOT, file)} must not import these`).toEqual([]);
  });

  it("leaves the course library out of the notebook: no file of the engine imports it", () => {
    const engine = ["src/notebook", "src/markdown", "src/export", "src/starlight", "components"];
    for (const file of files.filter((f) => engine.some((area) => areaOf(f)?.startsWith(area)))) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/from\s+["'](\.{1,2}\/[^"']+)["']/g)) {
        const target = path
          .relative(ROOT, path.resolve(path.dirname(file), match[1]!))
          .split(path.sep)
          .join("/");
        expect(
          LIBRARY.some((area) => target.startsWith(`${area}/`)),
          `${path.relative(ROOT, file)} → ${target}`,
        ).toBe(false);
      }
    }
  });

  it.each(["examples/least-squares", "test/fixtures/platform"])(
    "has the course in %s import Moments only through its public entry points",
    (folder) => {
      const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
        exports: Record<string, string>;
      };
      const entries = Object.keys(manifest.exports).map((entry) => `moments${entry.slice(1)}`);
      const example = path.join(ROOT, folder);
      const exampleFiles = [...sourceFiles(path.join(example, "src")), path.join(example, "astro.config.mjs")];
      const used: string[] = [];
      for (const file of exampleFiles) {
        const text = readFileSync(file, "utf8");
        for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)) {
          const specifier = match[1]!;
          if (specifier.startsWith(".")) {
            const target = path.resolve(path.dirname(file), specifier);
            expect(
              target.startsWith(example + path.sep),
              `${path.relative(ROOT, file)} reaches outside the example: ${specifier}`,
            ).toBe(true);
          } else if (specifier === "moments" || specifier.startsWith("moments/")) {
            used.push(specifier);
            expect(entries, `${path.relative(ROOT, file)} imports ${specifier}`).toContain(specifier);
          }
        }
      }
      expect(used).toContain("moments/starlight");
    },
  );

  it("keeps src/optim free of the site, the DOM and Plot", () => {
    for (const file of sourceFiles(path.join(ROOT, "src/optim"))) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/@observablehq\/plot|linkedom|astro|\bdocument\.|\bwindow\./);
    }
  });
});
