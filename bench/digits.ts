/**
 * Epoch times of the reference (plain JS) digit classifiers with Adam, as ratios against a peer measured in the same
 * run: the MLP against softmax regression, float32 against float64, minibatches of 128 against the full batch.
 * Prints numbers only; nothing is gated on time.
 *
 *     npx node bench/digits.ts [epochs]
 *
 * Each configuration runs in its own Node process: once a function has seen both Float32Array and Float64Array
 * parameters, V8's inline caches turn polymorphic and both get slower (about 1.5× here), which would blur the float32
 * comparison. In a process, one warm-up run of 5 epochs, then three runs of `epochs` epochs (default 100); the
 * median time per epoch is reported (training plus the per-epoch test evaluation, as `trainModel` records them).
 * STACK.md's anchor for 100 full-batch epochs in plain JS: softmax ≈ 0.32 s, MLP ≈ 1.07 s.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { adam } from "../src/optim/index.ts";
import { loadDigits, mlp, softmaxRegression } from "../src/problems/index.ts";
import { trainModel } from "../src/run/index.ts";

const CASES = {
  "softmax, full batch, float64": { model: "softmax", batch: "full", float32: false },
  "MLP, full batch, float64": { model: "mlp", batch: "full", float32: false },
  "softmax, batch 128, float64": { model: "softmax", batch: 128, float32: false },
  "MLP, batch 128, float64": { model: "mlp", batch: 128, float32: false },
  "MLP, batch 128, float32": { model: "mlp", batch: 128, float32: true },
} as const;
type CaseName = keyof typeof CASES;

const epochs = Number(process.argv[2] ?? 100);
const only = process.argv[3] as CaseName | undefined;

/** Median seconds per epoch and the final test accuracy of one configuration, in this process. */
function measure(name: CaseName): { seconds: number; accuracy: number } {
  const { model, batch, float32 } = CASES[name];
  const data = loadDigits();
  const batchSize = batch === "full" ? data.train.size : batch;
  const run = (epochCount: number) => {
    const classifier = model === "mlp" ? mlp() : softmaxRegression();
    const options = { data, epochs: epochCount, batchSize, float32, fast: false }; // the readable loops, always
    const { history } = trainModel(classifier, adam({ lr: 1e-2 }), options);
    return { seconds: history.at(-1)!.seconds / epochCount, accuracy: history.at(-1)!.testAccuracy };
  };
  run(5);
  return [run(epochs), run(epochs), run(epochs)].sort((a, b) => a.seconds - b.seconds)[1]!;
}

if (only) {
  console.log(JSON.stringify(measure(only)));
} else {
  const self = fileURLToPath(import.meta.url);
  const results = new Map(
    (Object.keys(CASES) as CaseName[]).map((name) => {
      const output = execFileSync(process.execPath, [self, String(epochs), name], { encoding: "utf8" });
      return [name, JSON.parse(output) as { seconds: number; accuracy: number }] as const;
    }),
  );
  console.log(
    `digits: 1438 training images, ${epochs} epochs of Adam (lr 0.01) per run, median of 3, one process each`,
  );
  for (const [name, { seconds, accuracy }] of results)
    console.log(
      `${name.padEnd(30)} ${(seconds * 1000).toFixed(2).padStart(6)} ms/epoch  ` +
        `${(seconds * epochs).toFixed(2)} s for ${epochs}  test accuracy ${accuracy.toFixed(3)}`,
    );
  const ratio = (a: CaseName, b: CaseName) =>
    console.log(`${`${a} / ${b}`.padEnd(62)} ${(results.get(a)!.seconds / results.get(b)!.seconds).toFixed(2)}×`);
  ratio("MLP, full batch, float64", "softmax, full batch, float64");
  ratio("MLP, batch 128, float64", "softmax, batch 128, float64");
  ratio("MLP, batch 128, float32", "MLP, batch 128, float64");
  ratio("MLP, batch 128, float64", "MLP, full batch, float64");
}
