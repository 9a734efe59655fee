/**
 * Lion, Adafactor and Muon against float64 ports of their reference sources (google/automl's lion_pytorch.py,
 * PyTorch's _adafactor.py and _muon.py) run on PyTorch 1.13: the fixtures of scripts/torch_fixtures_ports.py, with
 * the same options, start, gradients and shapes, x compared at every recorded step and the state after the last one.
 *
 * Tolerance |ours − reference| ≤ 1e-10 + 1e-8·|reference| for all three, Muon included (the fixtures' README gives
 * the measured gaps: the largest is a few thousandths of this). Two Rosenbrock cases amplify any last-bit difference
 * past every fixed tolerance, and are compared on their first steps only (EARLY_STEPS_ONLY).
 */
import { describe, expect, it } from "vitest";
import type { Vector } from "../../src/optim/index.ts";
import { describePortCase, portFixtures, replayPortCase } from "./torch-ports.ts";

const ABSOLUTE = 1e-10;
const RELATIVE = 1e-8;

/** Cases compared on their first steps only, with the step up to which they are; measured, see the README. */
const EARLY_STEPS_ONLY: Record<string, number> = {
  // The path's own sensitivity: in the library alone, x₀ moved by one ulp is 0.15 tolerances away at step 120 and
  // 1.2 at step 720 (here 0.40 at 600); then the paths part (3e5 tolerances at 820).
  'adafactor {"lr":0.05,"d":2} on rosenbrock': 600,
  // Normalised steps of fixed length near the minimum: x moved by one ulp at step 1500 is 1.1 tolerances away at
  // step 1600 and 2e5 at 1620. Up to 1580 the gap to the reference stays below 1e-6 tolerances.
  'muon {"lr":0.002,"nsCoefficients":[1.5,-0.5,0]} on rosenbrock [1×2]': 1580,
};

/** The largest deviation of `actual` from `expected`, in units of the tolerance: ≤ 1 passes. */
function deviation(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const ratio = Math.abs(actual[i]! - expected[i]!) / (ABSOLUTE + RELATIVE * Math.abs(expected[i]!));
    if (!(ratio <= worst)) worst = ratio; // NaN counts as the worst
  }
  return worst;
}

it("lists only early-steps cases that exist", () => {
  const names = portFixtures.flatMap((fixture) =>
    fixture.cases.map((testCase) => describePortCase(fixture.optimizer, testCase)),
  );
  expect(names).toEqual(expect.arrayContaining(Object.keys(EARLY_STEPS_ONLY)));
  expect(new Set(names).size).toBe(names.length);
});

it("covers the three optimizers, with vectors and matrices", () => {
  expect(portFixtures.map(({ optimizer }) => optimizer).sort()).toEqual(["adafactor", "lion", "muon"]);
  for (const { cases } of portFixtures) expect(cases.some(({ shape }) => shape !== undefined)).toBe(true);
});

describe.each(portFixtures.map((fixture) => [fixture.optimizer, fixture] as const))(
  "%s matches its reference port",
  (_, fixture) => {
    const cases = fixture.cases.map((testCase) => [describePortCase(fixture.optimizer, testCase), testCase] as const);
    it.each(cases)("%s", (name, testCase) => {
      const early = EARLY_STEPS_ONLY[name];
      const { path, state } = replayPortCase(fixture, early ? { ...testCase, steps: early } : testCase);
      path.forEach((x, k) => {
        expect(
          deviation(x, testCase.x[k]!),
          `x after step ${(k + 1) * testCase.every}: ${[...x]} vs ${testCase.x[k]}`,
        ).toBeLessThanOrEqual(1);
      });
      if (early) return; // the fixture's state is the one after the last step
      for (const [key, expected] of Object.entries(testCase.state)) {
        const actual = state[key]!;
        const worst =
          typeof expected === "number"
            ? deviation([actual as number], [expected])
            : deviation(actual as Vector, expected);
        expect(
          worst,
          `state.${key}: ${typeof actual === "number" ? actual : [...(actual as Vector)]} vs ${expected}`,
        ).toBeLessThanOrEqual(1);
      }
      expect(Object.keys(state).sort()).toEqual(Object.keys(testCase.state).sort());
    });
  },
);
