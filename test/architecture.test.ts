/**
 * Imports point one way: content → components → src/notebook, src/plot → src/optim, src/problems.
 * This test fails on an import that points the wrong way.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/paths.ts";

/** Which top-level areas each area may import from. */
const ALLOWED: Record<string, string[]> = {
  "src/optim": ["src/optim"],
  "src/problems": ["src/problems", "src/optim"],
  "src/run": ["src/run", "src/optim", "src/problems"],
  "src/plot": ["src/plot", "src/run", "src/optim", "src/problems"],
  "src/notebook": ["src/notebook", "src/plot", "src/run", "src/optim", "src/problems"],
  "src/markdown": ["src/markdown", "src/notebook", "src/plot"],
  "src/site": ["src/site"],
  "src/export": ["src/export", "src/notebook", "src/markdown", "src/optim", "src/problems", "src/run", "src/plot"],
  components: ["components", "src/notebook", "src/plot", "src/site"],
};

function areaOf(file: string): string | undefined {
  const relative = path.relative(ROOT, file).split(path.sep).join("/");
  return Object.keys(ALLOWED).find((area) => relative === area || relative.startsWith(`${area}/`));
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
      const target = areaOf(path.resolve(path.dirname(file), match[1]!));
      if (target && !ALLOWED[from]!.includes(target)) wrong.push(`${match[1]} (${target})`);
    }
    expect(wrong, `${path.relative(ROOT, file)} must not import these`).toEqual([]);
  });

  it("keeps src/optim free of the site, the DOM and Plot", () => {
    for (const file of sourceFiles(path.join(ROOT, "src/optim"))) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/@observablehq\/plot|linkedom|astro|\bdocument\.|\bwindow\./);
    }
  });
});
