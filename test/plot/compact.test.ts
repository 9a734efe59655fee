/** Compact path data: rounded to 0.1 px, near-duplicate vertices of polylines dropped, endpoints kept. */
import { describe, expect, it } from "vitest";
import { compactPath } from "../../src/plot/compact.ts";

describe("compactPath", () => {
  it("rounds coordinates to a tenth of a pixel", () => {
    expect(compactPath("M1.234,5.678L10.449,20.051")).toBe("M1.2,5.7L10.4,20.1");
  });

  it("drops vertices within a pixel of the last one kept, but keeps each subpath's end", () => {
    expect(compactPath("M0,0L0.1,0L0.9,0L5,5L5.1,5L5.7,5.1")).toBe("M0,0L5,5L5.7,5.1");
    expect(compactPath("M0,0L0.2,0ZM3,3L3.1,3")).toBe("M0,0L0.2,0ZM3,3L3.1,3");
  });

  it("keeps every vertex that is far enough away", () => {
    expect(compactPath("M0,0L1,0L2,0L2,1.5")).toBe("M0,0L1,0L2,0L2,1.5");
  });

  it("only rounds paths with curve commands", () => {
    expect(compactPath("M0,0C1.234,1,2,2,3,3")).toBe("M0,0C1.2,1,2,2,3,3");
  });

  it("prints negative, zero and whole coordinates as JavaScript prints numbers", () => {
    expect(compactPath("M-0.04,-12.35L-1.96,300.0L-0.5,3")).toBe("M0,-12.3L-2,300L-0.5,3");
  });

  it("keeps a vertex exactly one pixel away (0.6 px across, 0.8 px down)", () => {
    expect(compactPath("M10.1,10.2L10.7,11")).toBe("M10.1,10.2L10.7,11");
  });

  it("reads exponents", () => {
    expect(compactPath("M1e-7,2L3,4")).toBe("M0,2L3,4");
  });
});
