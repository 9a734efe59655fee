import { describe, expect, it } from "vitest";
import { isCellFence, parseCellFence } from "../../src/markdown/cell-fence.ts";

describe("cell fences", () => {
  it("recognises ```ts cell and ```typescript cell only", () => {
    expect(isCellFence("ts", "cell")).toBe(true);
    expect(isCellFence("typescript", "cell id=a")).toBe(true);
    expect(isCellFence("ts", "")).toBe(false);
    expect(isCellFence("ts", "cells")).toBe(false);
    expect(isCellFence("js", "cell")).toBe(false);
  });

  it("parses id and timeout", () => {
    expect(parseCellFence("cell")).toEqual({});
    expect(parseCellFence('cell id=adam-run timeout="120"')).toEqual({ id: "adam-run", timeout: 120 });
  });

  it("says what was wrong with an option", () => {
    expect(() => parseCellFence("cell id=Adam_Run")).toThrow(
      'cell option id must be lowercase letters, digits and hyphens, starting with a letter; received "Adam_Run"',
    );
    expect(() => parseCellFence("cell timeout=-3")).toThrow(
      'cell option timeout must be a number of seconds in (0, 3600]; received "-3"',
    );
    expect(() => parseCellFence("cell timeout")).toThrow('received ""');
  });
});
