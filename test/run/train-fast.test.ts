/**
 * trainModel in float32 takes the WebAssembly fast paths (parameters, gradient, state and data in wasm memory) unless
 * `fast: false` (ordinary arrays: the model's readable passes, the optimizer's kernel on copies); the two runs follow
 * each other closely. Over a few epochs the float32 roundings of the two paths
 * (see test/problems/fast-classifiers.test.ts and test/optim/fast-path.test.ts) stay far below the curves' own
 * changes: the losses agree within 1e-4 relative and the test accuracy within one image of 359.
 */
import { describe, expect, it } from "vitest";
import { adam, fastPathAvailable, isWasmResident, sgd, type Optimizer, type StepCount } from "../../src/optim/index.ts";
import { loadDigits, mlp, softmaxRegression, type Classifier } from "../../src/problems/index.ts";
import { startTraining, trainModel } from "../../src/run/index.ts";

const data = loadDigits();

describe.runIf(fastPathAvailable())("trainModel on the fast paths", () => {
  // Each row's optimizer has its own state type: the table holds them as optimizers of some state.
  it.each<[string, () => Classifier, () => Optimizer<StepCount, unknown>, number]>([
    ["MLP, Adam, batches of 128", () => mlp(), () => adam({ lr: 0.01 }), 128],
    ["MLP, SGD with momentum, full batch", () => mlp(), () => sgd({ lr: 0.5, momentum: 0.9 }), 1438],
    ["softmax regression, AMSGrad, batches of 200", () => softmaxRegression(), () => adam({ amsgrad: true, lr: 0.05 }), 200], // prettier-ignore
  ])("%s: follows the run in ordinary arrays", (_, model, optimizer, batchSize) => {
    const options = { data, epochs: 4, batchSize, float32: true, seed: 2 };
    const fast = trainModel(model(), optimizer(), options);
    const reference = trainModel(model(), optimizer(), { ...options, fast: false });
    expect(isWasmResident(fast.parameters)).toBe(true);
    expect(isWasmResident(reference.parameters)).toBe(false);
    fast.history.forEach((record, epoch) => {
      const other = reference.history[epoch]!;
      expect(record.step).toBe(other.step);
      for (const key of ["trainLoss", "testLoss"] as const)
        expect(Math.abs(record[key] - other[key]), `${key} at epoch ${epoch}`).toBeLessThanOrEqual(1e-4 * other[key]);
      expect(Math.abs(record.testAccuracy - other.testAccuracy)).toBeLessThanOrEqual(1 / data.test.size + 1e-12);
    });
  });

  it("keeps float64 runs, and float32 runs with fast: false, in ordinary arrays", () => {
    expect(trainModel(mlp(), adam(), { data, epochs: 0 }).parameters).toBeInstanceOf(Float64Array);
    const training = startTraining(mlp(), adam(), { data, float32: true, fast: false });
    expect([training.parameters instanceof Float32Array, isWasmResident(training.parameters)]).toEqual([true, false]);
  });

  it("leaves the caller's data and start untouched", () => {
    const start = mlp().initialParameters({ seed: 3, float32: true });
    const [before, pixels] = [start.slice(), data.train.inputs.slice()];
    trainModel(mlp(), adam(), { data, epochs: 1, initial: start });
    expect(start).toEqual(before);
    expect(data.train.inputs).toEqual(pixels);
  });
});
