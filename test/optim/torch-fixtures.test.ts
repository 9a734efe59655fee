/**
 * Every optimizer against PyTorch 1.13 (float64) on the fixtures of scripts/torch_fixtures.py: the same options, the
 * same start, the same gradients, x compared at every recorded step and the state after the last one.
 *
 * Tolerance |ours − torch| ≤ 1e-12 + 1e-9·|torch| (test/optim/fixtures/README.md says why). Torch's CPU kernels fuse
 * multiply-adds and JavaScript cannot, so results differ in the last bits; two cases amplify that difference past any
 * fixed tolerance, and only their first steps are compared (EARLY_STEPS_ONLY).
 */
import { describe, expect, it } from "vitest";
import type { Vector } from "../../src/optim/index.ts";
import { describeCase, fixtures, optimizerFor, PROBLEMS, type Case } from "./torch-fixtures.ts";

const ABSOLUTE = 1e-12;
const RELATIVE = 1e-9;

/** Cases compared on their first steps only, with the step up to which they are; measured, see the README. */
const EARLY_STEPS_ONLY: Record<string, number> = {
  // 0.5 − lr·1e30 then + lr·1e30: torch's fused x + (−lr)·g keeps lr·1e30's rounding error (7.3e11) where
  // JavaScript rounds the product first and cancels it exactly, so x₃ after step 2 is −7.3e11 there and 0 here.
  'sgd {"lr":0.015} on tape': 1,
  // Within 0.12% of the tolerance until step 1500, then the path oscillates across the valley floor, where
  // √(v − ḡ²) cancels: the gap grows ×1000 every 20 steps (6e-3 of the tolerance at 1520, 1e2 at 1540).
  'rmsprop {"lr":0.001,"centered":true} on rosenbrock': 1500,
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

/** Replays a case; returns x at each recorded step (up to `upTo`) and the final state. */
function replay(optimizerName: string, testCase: Case, upTo = testCase.steps) {
  const optimizer = optimizerFor(optimizerName, testCase);
  const x = Float64Array.from(testCase.x0);
  const grad = new Float64Array(x.length);
  const state = optimizer.init(x);
  const path: Float64Array[] = [];
  for (let t = 1; t <= upTo; t++) {
    if (testCase.gradients) grad.set(testCase.gradients[t - 1]!);
    else PROBLEMS[testCase.problem as keyof typeof PROBLEMS].gradient(x, grad);
    optimizer.step(x, grad, state);
    if (t % testCase.every === 0) path.push(x.slice());
  }
  return { path, state: state as Record<string, number | Vector> };
}

it("lists only early-steps cases that exist", () => {
  const names = fixtures.flatMap((fixture) =>
    fixture.cases.map((testCase) => describeCase(fixture.optimizer, testCase)),
  );
  expect(names).toEqual(expect.arrayContaining(Object.keys(EARLY_STEPS_ONLY)));
});

describe.each(fixtures.map((fixture) => [fixture.optimizer, fixture] as const))(
  "%s matches PyTorch 1.13",
  (_, fixture) => {
    const cases = fixture.cases.map((testCase) => [describeCase(fixture.optimizer, testCase), testCase] as const);
    it.each(cases)("%s", (name, testCase) => {
      const early = EARLY_STEPS_ONLY[name];
      const { path, state } = replay(fixture.optimizer, testCase, early ?? testCase.steps);
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
