/**
 * trainModel and startTraining on the real digits: the loss falls with Adam, a seed fixes the whole history, onEpoch
 * sees every record and can stop the run, schedules see the step count, and errors say what was wrong.
 */
import { describe, expect, it } from "vitest";
import { adam, sgd } from "../../src/optim/index.ts";
import { loadDigits, mlp, softmaxRegression } from "../../src/problems/index.ts";
import { startTraining, trainModel, type EpochRecord } from "../../src/run/index.ts";

const data = loadDigits();
const withoutTime = (history: EpochRecord[]) => history.map(({ seconds: _, ...record }) => record);

describe("trainModel", () => {
  it.each([
    ["softmax regression", softmaxRegression(), 0.7],
    ["the MLP", mlp(), 0.8],
  ])("lowers %s's loss with Adam (lr 0.01, batches of 128) within 3 epochs", (_, model, accuracy) => {
    const { history } = trainModel(model, adam({ lr: 0.01 }), { data, epochs: 3, seed: 1 });
    expect(history.map((record) => record.epoch)).toEqual([0, 1, 2, 3]);
    const [start, , , end] = history as [EpochRecord, EpochRecord, EpochRecord, EpochRecord];
    expect(start.trainLoss).toBeGreaterThan(2); // about ln 10
    expect(end.trainLoss).toBeLessThan(0.5 * start.trainLoss);
    expect(end.testLoss).toBeLessThan(0.5 * start.testLoss);
    expect(start.testAccuracy).toBeLessThan(0.3);
    expect(end.testAccuracy).toBeGreaterThan(accuracy);
    expect(end.step).toBe(3 * Math.ceil(1438 / 128)); // 12 steps an epoch
  });

  it("gives the same history and parameters for the same seed, another for another seed", () => {
    const run = (seed: number) => trainModel(mlp(), adam({ lr: 0.01 }), { data, epochs: 2, seed });
    const first = run(7);
    const second = run(7);
    expect(withoutTime(second.history)).toEqual(withoutTime(first.history));
    expect(second.parameters).toEqual(first.parameters);
    expect(run(8).parameters).not.toEqual(first.parameters);
    expect(first.history[0]!.seconds).toBe(0);
    expect(first.history[2]!.seconds).toBeGreaterThanOrEqual(first.history[1]!.seconds);
  });

  it("calls onEpoch with each record, epoch 0 first, and stops when it returns false", () => {
    const seen: number[] = [];
    const result = trainModel(softmaxRegression(), adam(), {
      data,
      epochs: 5,
      onEpoch: (record) => {
        seen.push(record.epoch);
        return record.epoch < 2;
      },
    });
    expect(seen).toEqual([0, 1, 2]);
    expect(result.history).toHaveLength(3);
    expect(trainModel(softmaxRegression(), adam(), { data, epochs: 0, onEpoch: () => false }).history).toHaveLength(1);
  });

  it("hands a schedule lr: t => … the step count, one step per batch", () => {
    const steps: number[] = [];
    const lr = (t: number) => (steps.push(t), 0.1 / Math.sqrt(t));
    trainModel(softmaxRegression(), sgd({ lr }), { data, epochs: 2, batchSize: 500 }); // ⌈1438/500⌉ = 3 a epoch
    expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("takes one step an epoch with the whole training set as the batch", () => {
    const { history } = trainModel(softmaxRegression(), adam({ lr: 0.05 }), { data, epochs: 3, batchSize: 1438 });
    expect(history.map((record) => record.step)).toEqual([0, 1, 2, 3]);
  });

  it("trains in float32 when asked, or when the start is a Float32Array", () => {
    const model = mlp();
    const float32 = trainModel(model, adam({ lr: 0.01 }), { data, epochs: 2, float32: true });
    expect(float32.parameters).toBeInstanceOf(Float32Array);
    const same = trainModel(model, adam({ lr: 0.01 }), {
      data,
      epochs: 2,
      initial: model.initialParameters({ float32: true }),
    });
    expect(same.parameters).toEqual(float32.parameters);
    const float64 = trainModel(model, adam({ lr: 0.01 }), { data, epochs: 2 });
    expect(float32.history[2]!.trainLoss).toBeCloseTo(float64.history[2]!.trainLoss, 4);
  });

  it("starts from a copy of `initial`, so several optimizers can share a start", () => {
    const start = mlp().initialParameters({ seed: 9 });
    const before = start.slice();
    const withAdam = trainModel(mlp(), adam({ lr: 0.01 }), { data, epochs: 1, initial: start });
    const withSgd = trainModel(mlp(), sgd({ lr: 0.1 }), { data, epochs: 1, initial: start });
    expect(start).toEqual(before);
    expect(withAdam.history[0]).toEqual(withSgd.history[0]);
    expect(withAdam.model).toBe("MLP 64-32-10, ReLU");
    expect(withAdam.optimizer).toBe("adam");
  });

  it("names the option, the allowed range and the value received", () => {
    const model = softmaxRegression();
    expect(() => trainModel(model, adam(), { data, batchSize: 2000 })).toThrow(
      new RangeError(
        "trainModel: batchSize must be at most the number of training examples; received batchSize 2000, data.train.size 1438",
      ),
    );
    expect(() => trainModel(model, adam(), { data, epochs: -1 })).toThrow(
      new RangeError("trainModel: epochs must be an integer ≥ 0; received -1"),
    );
    expect(() => trainModel(model, adam(), { epoch: 3 } as never)).toThrow(
      new TypeError(
        'trainModel: unknown option "epoch" (received 3); did you mean "epochs"? the options are data, batchSize, seed, initial, float32, fast, epochs, onEpoch',
      ),
    );
    expect(() => trainModel(model, adam(), { data, initial: [1, 2] })).toThrow(
      new RangeError("trainModel: initial must be an array of 650 finite numbers; received [1, 2]"),
    );
    expect(() => trainModel(model, adam(), { data: [] as never })).toThrow(
      new TypeError("trainModel: data must be an object { train, test } such as loadDigits(); received []"),
    );
    expect(() => trainModel(mlp({ inputs: 10 }), adam(), { data })).toThrow(
      new RangeError("trainModel: data.train.features must be 10; received 64"),
    );
    expect(() => trainModel("mlp" as never, adam())).toThrow(
      new TypeError('trainModel: model must be a classifier such as mlp(); received "mlp"'),
    );
    expect(() => trainModel(model, adam as never)).toThrow(
      new TypeError("trainModel: optimizer must be an optimizer such as adam(); received a function"),
    );
    expect(() => startTraining(model, adam(), { data, onEpoch: () => {} } as never)).toThrow(
      new TypeError(
        'startTraining: unknown option "onEpoch" (received a function); the options are data, batchSize, seed, initial, float32, fast',
      ),
    );
  });
});

describe("startTraining", () => {
  it("lets runs take turns, epoch by epoch, with the histories they would have alone", () => {
    const options = { data, seed: 2 };
    const runs = [
      startTraining(mlp(), adam({ lr: 0.01 }), options),
      startTraining(mlp(), sgd({ lr: 0.1, momentum: 0.9, nesterov: true }), options),
    ];
    for (let epoch = 1; epoch <= 2; epoch++) for (const run of runs) expect(run.nextEpoch().epoch).toBe(epoch);
    const alone = trainModel(mlp(), sgd({ lr: 0.1, momentum: 0.9, nesterov: true }), { ...options, epochs: 2 });
    expect(withoutTime(runs[1]!.history)).toEqual(withoutTime(alone.history));
    expect(runs[1]!.parameters).toEqual(alone.parameters);
  });
});
