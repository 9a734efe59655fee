/** The build's record of each page's run: the line the build logs about its cells' time. */
import { describe, expect, it } from "vitest";
import { cellTimes } from "../../src/notebook/build/page-runs.ts";

describe("the build's cell times", () => {
  it("sum every page's kernel time and name the slowest pages, longest first", () => {
    const run = (ms: number, cells: number) => ({
      lesson: {},
      outputs: new Map(Array.from({ length: cells }, (_, i) => [`c${i}`, []])),
      values: [],
      ms,
    });
    const line = cellTimes(
      [
        ["/site/content/a.mdx", run(1200, 3)],
        ["/site/content/b.mdx", run(4500, 7)],
        ["/site/content/c.mdx", run(300, 1)],
      ],
      "/site",
      2,
    );
    expect(line).toBe(
      "cells of 3 pages ran in 6.0 s of kernel time; longest: content/b.mdx 4.5 s (7 cells), content/a.mdx 1.2 s (3 cells)",
    );
  });
});
