/**
 * The schedules and clipGradNorm against PyTorch 1.13 (float64), from fixtures made by scripts/torch_fixtures_run.py
 * (test/run/fixtures; Python is never needed here).
 *
 * - Schedules: the rate of each of the first `steps` optimizer steps, α_t for t = 1 … steps, equals PyTorch's lr at
 *   epoch t − 1 to 1e-15·α + 1e-12·|α_t|. PyTorch updates its rate by ratios, step after step, and the library uses
 *   closed forms, so the two round differently: the largest gap is 4.3e-15·α, on the cosine run past 2·T_max, where
 *   PyTorch's ratios have piled up 25 roundings; the others stay within 1e-15·α.
 * - Trajectories: Adam, AdamW and SGD with a scheduler stepped after every optimizer step reach the same points, to
 *   1e-12 + 1e-9·|x| (the optimizers' own fixture tolerance): the optimizer reads α_t at the step PyTorch would.
 * - Clipping: clip_grad_norm_'s returned norm and the clipped gradients, to 1e-15 relative (sums in another order);
 *   on these cases they agree bit for bit.
 */
import { describe, expect, it } from "vitest";
import clipFixture from "./fixtures/clip-grad-norm.json" with { type: "json" };
import scheduleFixture from "./fixtures/schedules.json" with { type: "json" };
import { adam, adamw, sgd, type Optimizer } from "../../src/optim/index.ts";
import { quadratic } from "../../src/problems/index.ts";
import {
  clipGradNorm,
  cosineAnnealingLR,
  inverseSqrtDecay,
  linearLR,
  minimize,
  sequentialLR,
  stepLR,
  warmupCosine,
  type Schedule,
} from "../../src/run/index.ts";

interface ScheduleCall {
  kind: string;
  options?: Record<string, number>;
  schedules?: ScheduleCall[];
  milestones?: number[];
}

function makeSchedule(lr: number, call: ScheduleCall): Schedule {
  const options = call.options as never;
  switch (call.kind) {
    case "linearLR":
      return linearLR(lr, options);
    case "cosineAnnealingLR":
      return cosineAnnealingLR(lr, options);
    case "stepLR":
      return stepLR(lr, options);
    case "inverseSqrtDecay":
      return inverseSqrtDecay(lr);
    case "warmupCosine":
      return warmupCosine(lr, options);
    case "sequentialLR":
      return sequentialLR(
        call.schedules!.map((inner) => makeSchedule(lr, inner)),
        { milestones: call.milestones! },
      );
    default:
      throw new Error(`unknown schedule ${call.kind}`);
  }
}

const optimizers: Record<string, (options: Record<string, unknown>) => Optimizer> = {
  adam: (options) => adam(options),
  adamw: (options) => adamw(options),
  sgd: (options) => sgd(options),
};

describe("schedules against PyTorch 1.13's lr_scheduler", () => {
  let largest = 0;
  it.each(scheduleFixture.schedules.map((c) => [c.name, c] as const))("%s", (_, fixture) => {
    const schedule = makeSchedule(fixture.lr, fixture as ScheduleCall);
    fixture.rates.forEach((expected, k) => {
      const actual = schedule(k + 1);
      const gap = Math.abs(actual - expected);
      largest = Math.max(largest, gap / fixture.lr);
      expect(gap, `t = ${k + 1}`).toBeLessThanOrEqual(1e-15 * fixture.lr + 1e-12 * Math.abs(expected));
    });
  });

  it("differ from PyTorch by less than 1e-14·α (about 50 ulps) on every case", () => {
    expect(largest).toBeLessThan(1e-14);
  });
});

describe("optimizers with a schedule against PyTorch 1.13 (scheduler.step() after optimizer.step())", () => {
  it.each(scheduleFixture.trajectories.map((c) => [c.name, c] as const))("%s", (_, fixture) => {
    const schedule = makeSchedule(fixture.lr, fixture.schedule as ScheduleCall);
    const optimizer = optimizers[fixture.optimizer]!({ ...fixture.options, lr: schedule });
    const run = minimize(quadratic({ a: fixture.a }), optimizer, { x0: fixture.x0, steps: fixture.steps });
    fixture.x.forEach((expected, t) =>
      expected.forEach((value, i) =>
        expect(Math.abs(run.x[t]![i]! - value), `t = ${t}, x[${i}]`).toBeLessThanOrEqual(
          1e-12 + 1e-9 * Math.abs(value),
        ),
      ),
    );
  });
});

describe("clipGradNorm against PyTorch 1.13's clip_grad_norm_", () => {
  it.each(clipFixture.cases.map((c) => [c.name, c] as const))("%s", (_, fixture) => {
    const grads = fixture.grads.map((g) => Float64Array.from(g));
    const normType = fixture.normType === "Infinity" ? Infinity : (fixture.normType as number);
    const total = clipGradNorm(grads, fixture.maxNorm, { normType });
    expect(Math.abs(total - fixture.totalNorm)).toBeLessThanOrEqual(1e-15 * fixture.totalNorm);
    fixture.clipped.forEach((expected, k) =>
      expected.forEach((value, i) =>
        expect(Math.abs(grads[k]![i]! - value), `grad ${k}[${i}]`).toBeLessThanOrEqual(1e-15 * Math.abs(value)),
      ),
    );
  });
});
