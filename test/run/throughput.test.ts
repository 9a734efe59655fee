/**
 * The timing helpers the memory-bound lesson's live cell uses: the bytes each step is charged (what it reads and
 * writes), positive finite times, the fast flag's effect, and argument wording. Nothing asserts a speed.
 */
import { describe, expect, it } from "vitest";
import { adam, adamw, sgd } from "../../src/optim/index.ts";
import { msPerCall, timeCopy, timeStep } from "../../src/run/index.ts";

const quick = { rounds: 1, batchMs: 1 };

describe("timeStep and timeCopy", () => {
  it("charge each step with what it reads and writes: 4n × (3 + 2 × state vectors)", () => {
    const bytes = (optimizer: Parameters<typeof timeStep>[0]) => timeStep(optimizer, 100, quick).bytesPerStep;
    expect(bytes(adam())).toBe(7 * 4 * 100); // x, g, m, v in; x, m, v out
    expect(bytes(adamw({ amsgrad: true }))).toBe(9 * 4 * 100);
    expect(bytes(sgd())).toBe(3 * 4 * 100);
    expect(bytes(sgd({ momentum: 0.9 }))).toBe(5 * 4 * 100);
    expect(timeCopy(100, quick).bytesPerStep).toBe(2 * 4 * 100);
  });

  it("report a positive time and the bandwidth it means, on either path", () => {
    for (const timing of [timeStep(adam(), 1000, quick), timeStep(adam(), 1000, { ...quick, fast: true })]) {
      expect(timing.msPerStep).toBeGreaterThan(0);
      expect(timing.gbPerSecond).toBeCloseTo(timing.bytesPerStep / timing.msPerStep / 1e6, 9);
    }
    expect(timeStep(adam(), 10, { ...quick, fast: true }).fast).toBe(true);
  });

  it("time the median batch", () => {
    let calls = 0;
    expect(msPerCall(() => calls++, { rounds: 3, batchMs: 1 })).toBeGreaterThan(0);
    expect(calls).toBeGreaterThan(3);
  });

  it("name the argument, the range and the value received", () => {
    expect(() => timeStep(adam(), 0)).toThrow(new RangeError("timeStep: n must be an integer ≥ 1; received 0"));
    expect(() => timeCopy(1.5)).toThrow(new RangeError("timeCopy: n must be an integer ≥ 1; received 1.5"));
    expect(() => msPerCall(() => {}, { rounds: 0 })).toThrow(
      new RangeError("msPerCall: rounds must be an integer ≥ 1; received 0"),
    );
  });
});
