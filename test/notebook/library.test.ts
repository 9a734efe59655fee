import { describe, expect, it } from "vitest";
import { coreLibrary } from "../../src/notebook/kernel/library-core.ts";
import { plotLibrary } from "../../src/notebook/kernel/library-plot.ts";
import { PLOT_LIBRARY_NAMES } from "../../src/notebook/kernel/plot-names.ts";

describe("the cell library", () => {
  it("lists exactly the drawing names the browser kernel loads on first use", () => {
    expect([...PLOT_LIBRARY_NAMES].sort(), "keep src/notebook/plot-names.ts in step with src/plot/index.ts").toEqual(
      Object.keys(plotLibrary()).sort(),
    );
  });

  it("keeps the core and the drawing parts apart (no name in both)", () => {
    const core = Object.keys(coreLibrary());
    expect(core.filter((name) => (PLOT_LIBRARY_NAMES as readonly string[]).includes(name))).toEqual([]);
    expect(core).toEqual(
      expect.arrayContaining(["adam", "sgd", "rosenbrock", "minimize", "rng", "loadDigits", "trainModel"]),
    );
  });
});
