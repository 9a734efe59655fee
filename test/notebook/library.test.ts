/**
 * The course library as the plugin resolves it (src/notebook/build/library.ts): names derived from the modules
 * themselves, drawing modules told apart by their imports, and a clear error for each way a library can be wrong.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gatherModule, resolveLibrary } from "../../src/notebook/build/library.ts";
import { COURSE_LIBRARY } from "../../src/site/course.ts";
import { ROOT } from "../support/paths.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "moments-library-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const module = (name: string, text: string) => {
  writeFileSync(path.join(scratch, name), text);
  return name;
};

describe("our course library", () => {
  it("gives every export of its modules, and loads the ones that import Plot lazily", async () => {
    const library = await resolveLibrary(COURSE_LIBRARY, ROOT);
    expect([...library.names.keys()]).toEqual(
      expect.arrayContaining(["adam", "sgd", "rosenbrock", "minimize", "rng", "loadDigits", "trainModel", "lossChart"]),
    );
    expect(library.drawing).toEqual([path.join(ROOT, "src/plot/index.ts")]);
    expect(library.drawingNames).toContain("pathsChart");
    expect(library.drawingNames).not.toContain("adam");
    expect(library.eager).toHaveLength(3);
  });
});

describe("resolveLibrary", () => {
  it("accepts a module that only imports Plot's types as eager", async () => {
    const file = module("types.ts", 'import type { PlotOptions } from "@observablehq/plot";\nexport const k = 1;\n');
    const library = await resolveLibrary([file], scratch);
    expect(library.drawing).toEqual([]);
    expect([...library.names.keys()]).toEqual(["k"]);
  });

  it("says which option names a module that does not exist", async () => {
    await expect(resolveLibrary(["./missing.ts"], scratch)).rejects.toThrow(
      /^moments: library must name a module of the site; received "\.\/missing\.ts" \(.*missing\.ts does not exist\)$/,
    );
    await expect(resolveLibrary([module("ok.ts", "export const ok = 1;\n"), "./gone.ts"], scratch)).rejects.toThrow(
      /^moments: library\[1\] must name a module/,
    );
  });

  it("refuses a name exported by two modules, naming both", async () => {
    const a = module("a.ts", "export const fit = 1;\n");
    const b = module("b.ts", "export const fit = 2;\n");
    await expect(resolveLibrary([a, b], scratch)).rejects.toThrow(
      'moments: "fit" is exported by both a.ts and b.ts; a cell could not tell them apart',
    );
  });

  it("refuses a name of the notebook's own, and a default export", async () => {
    const own = module("own.ts", "export const display = () => {};\n");
    await expect(resolveLibrary([own], scratch)).rejects.toThrow(
      /exports "display", one of the notebook's own names \(display, progress, .*Plot, document\); rename it$/,
    );
    const fallback = module("fallback.ts", "export default 1;\n");
    await expect(resolveLibrary([fallback], scratch)).rejects.toThrow(/has a default export; cells see names/);
  });

  it("reports a module that fails to load with its own error", async () => {
    const broken = module("broken.ts", "throw new Error('no data file');\n");
    await expect(resolveLibrary([broken], scratch)).rejects.toThrow(
      'moments: library ("broken.ts") failed to load: no data file',
    );
  });
});

describe("gatherModule", () => {
  it("gathers the modules into one object, later modules after earlier ones", () => {
    expect(gatherModule(["/a.ts", "/b.ts"])).toBe(
      'import * as m0 from "/a.ts";\nimport * as m1 from "/b.ts";\nexport const library = Object.assign({}, m0, m1);\n',
    );
    expect(gatherModule([])).toContain("Object.assign({}, {})");
  });
});
