import { describe, expect as vitestExpect, it } from "vitest";
import { createCheckRegistry, expect } from "../../src/notebook/kernel/expect.ts";

const failure = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return "passed";
};

describe("expect (exercise checks)", () => {
  it("passes and fails with messages that show both values", () => {
    vitestExpect(failure(() => expect(1).toBe(1))).toBe("passed");
    vitestExpect(failure(() => expect(0.97).toBeCloseTo(0.98, 3))).toBe(
      "expected 0.97 to be close to 0.98 (within 0.0005)",
    );
    vitestExpect(failure(() => expect(Float64Array.of(1, 2)).toBeCloseTo([1, 2.0000001], 5))).toBe("passed");
    vitestExpect(failure(() => expect({ a: [1, 2] }).toEqual({ a: [1, 2] }))).toBe("passed");
    vitestExpect(failure(() => expect({ a: [1, 2] }).toEqual({ a: [1, 3] }))).toBe(
      "expected { a: [1, 2] } to equal { a: [1, 3] }",
    );
    vitestExpect(failure(() => expect(NaN).toBeFinite())).toBe("expected NaN to be finite (no NaN or ±Infinity)");
    vitestExpect(failure(() => expect(3).not.toBe(3))).toBe("expected 3 not to be 3");
    vitestExpect(failure(() => expect(() => {}).toThrow())).toBe("expected the function to throw; it did not throw");
    vitestExpect(
      failure(() =>
        expect(() => {
          throw new Error("lr must be ≥ 0");
        }).toThrow("lr"),
      ),
    ).toBe("passed");
  });

  it("runs registered checks in order and reports each", async () => {
    const registry = createCheckRegistry();
    registry.check("passes", () => expect(2 + 2).toBe(4));
    registry.check("fails", () => expect(2 + 2).toBe(5));
    registry.check("throws", () => {
      throw new TypeError("x is not a function");
    });
    registry.check("teaches", () => {
      throw new Error("your m after step 1 is 0.6; expected 0.06 — is the (1 − β₁) factor missing?");
    });
    vitestExpect(await registry.run()).toEqual([
      { name: "passes", passed: true },
      { name: "fails", passed: false, message: "expected 4 to be 5" },
      { name: "throws", passed: false, message: "TypeError: x is not a function" },
      // A check's own message shows as written, without "Error: ".
      {
        name: "teaches",
        passed: false,
        message: "your m after step 1 is 0.6; expected 0.06 — is the (1 − β₁) factor missing?",
      },
    ]);
  });
});
