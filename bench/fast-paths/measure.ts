/**
 * The measurements of `npm run bench`, the same code in Node and in a Chromium worker (TF.js is handed in, set up by
 * the caller for its platform). Each contender's median over rounds; contenders of one section are measured in the
 * same process. The copy, ours and TF.js wasm take turns, round after round; TF.js cpu, far slower, comes after in a
 * block of its own (a TF.js tensor belongs to the backend that made it).
 *
 * 1. One Adam step (lr 1e-3, PyTorch's defaults) on n parameters: a plain memory copy of n floats (the bandwidth
 *    baseline); ours with x, grad, m, v in wasm memory (`fastFloat32Array`: the SIMD kernel in place), ours on
 *    ordinary Float32Arrays (what a reader makes with `new Float32Array(n)`, `x.map(…)`, `x.slice()`), a hand-written
 *    float32 loop (hand-written.ts); ours on Float64Arrays (the readable loop) and the same hand-written loop in
 *    float64; TF.js's `tf.train.adam` on its wasm and cpu backends.
 * 2. The digits MLP 64-32-10, 100 full-batch epochs of Adam (lr 0.01) on the 1,438 training images, from the same
 *    initial weights: ours (the fast passes and the fast step, as `trainModel` runs in float32) and TF.js wasm
 *    (`optimizer.minimize` of `tf.losses.softmaxCrossEntropy`). The final training losses are reported too: the two
 *    must have done the same training.
 */
import type * as TF from "@tensorflow/tfjs";
import { adam, fastFloat32Array, zerosLike } from "../../src/optim/index.ts";
import { handWrittenAdamFloat32, handWrittenAdamFloat64 } from "./hand-written.ts";
import { loadDigits, mlp, rng, type Batch } from "../../src/problems/index.ts";
import { callsFor, median, msPerCall } from "./timing.ts";

export interface StepTiming {
  /** Who: one of {@link CONTENDERS}, "TF.js wasm" or "TF.js cpu". */
  name: string;
  msPerStep: number;
  /** Bytes moved per step: 2 × 4n for the copy, 7 × 4n for an Adam step (read x, g, m, v; write x, m, v), 7 × 8n in float64. */
  bytes: number;
  rounds: number;
}

export interface TrainingTiming {
  name: string;
  seconds: number;
  finalLoss: number;
  runs: number;
}

export interface Measurements {
  platform: string;
  tfjs: string;
  adam: { n: number; timings: StepTiming[] }[];
  mlp: { epochs: number; images: number; timings: TrainingTiming[] };
}

export interface MeasureOptions {
  sizes: number[];
  /** Rounds per contender at the largest size (more at smaller ones). */
  rounds: number;
  /** Repeats of each 100-epoch training. */
  trainingRuns: number;
  epochs: number;
  progress?: (line: string) => void;
}

type Tf = typeof TF;

/** The names of the Adam step's contenders besides TF.js, as report.ts reads them. */
export const CONTENDERS = {
  copy: "memory copy",
  resident: "ours, wasm-resident",
  plain: "ours, Float32Array",
  handWritten: "hand-written f32",
  readable64: "ours, Float64Array",
  handWritten64: "hand-written f64",
} as const;

export async function measure(tf: Tf, platform: string, options: MeasureOptions): Promise<Measurements> {
  tf.enableProdMode(); // TF.js at its fastest: no per-op debug checks (and no console advice)
  const adamRows: Measurements["adam"] = [];
  for (const n of options.sizes) {
    options.progress?.(`${platform}: Adam step, n = ${n.toExponential(0)}`);
    adamRows.push({ n, timings: await adamStep(tf, n, n >= 5e6 ? options.rounds : 2 * options.rounds) });
  }
  options.progress?.(`${platform}: digits MLP, ${options.epochs} epochs`);
  return {
    platform,
    tfjs: `${tf.version.tfjs}, wasm SIMD ${tf.env().getBool("WASM_HAS_SIMD_SUPPORT")}, threads ${tf.env().getBool("WASM_HAS_MULTITHREAD_SUPPORT")}`, // prettier-ignore
    adam: adamRows,
    mlp: await mlpTraining(tf, options.epochs, options.trainingRuns),
  };
}

async function adamStep(tf: Tf, n: number, rounds: number): Promise<StepTiming[]> {
  const random = rng(1);
  const values = Float32Array.from({ length: n }, () => random.normal());
  const gradient = Float32Array.from({ length: n }, () => random.normal());

  const x = fastFloat32Array(n);
  const grad = zerosLike(x);
  x.set(values);
  grad.set(gradient);
  const resident = adam();
  const residentState = resident.init(x);
  const [plainX, plainGrad] = [values.slice(), gradient.slice()];
  const plain = adam();
  const plainState = plain.init(plainX);
  const [handX, handGrad] = [values.slice(), gradient.slice()];
  const handState = { m: new Float32Array(n), v: new Float32Array(n), t: 0 };
  const [x64, grad64] = [Float64Array.from(values), Float64Array.from(gradient)];
  const readable64 = adam();
  const readable64State = readable64.init(x64);
  const [handX64, handGrad64] = [Float64Array.from(values), Float64Array.from(gradient)];
  const handState64 = { m: new Float64Array(n), v: new Float64Array(n), t: 0 };
  const copyTarget = new Float32Array(n);

  await tf.setBackend("wasm");
  const tfVariable = tf.variable(tf.tensor1d(values));
  const tfGrad = tf.tensor1d(gradient);
  const tfAdam = tf.train.adam(1e-3);
  const contenders = [
    { name: CONTENDERS.copy, bytes: 8 * n, run: () => copyTarget.set(plainX) },
    { name: CONTENDERS.resident, bytes: 28 * n, run: () => resident.step(x, grad, residentState) },
    { name: CONTENDERS.plain, bytes: 28 * n, run: () => plain.step(plainX, plainGrad, plainState) },
    { name: CONTENDERS.handWritten, bytes: 28 * n, run: () => handWrittenAdamFloat32(handX, handGrad, handState) },
    { name: CONTENDERS.readable64, bytes: 56 * n, run: () => readable64.step(x64, grad64, readable64State) },
    { name: CONTENDERS.handWritten64, bytes: 56 * n, run: () => handWrittenAdamFloat64(handX64, handGrad64, handState64) }, // prettier-ignore
    {
      name: "TF.js wasm",
      bytes: 28 * n,
      run: () => tfAdam.applyGradients([{ name: tfVariable.name, tensor: tfGrad }]),
    },
  ];
  // In alternation, round after round, so that the machine's load at any moment weighs on all of them alike.
  const calls = contenders.map(({ run }) => callsFor(run, 30));
  const samples = contenders.map((): number[] => []);
  for (let round = 0; round < rounds; round++)
    contenders.forEach(({ run }, k) => samples[k]!.push(msPerCall(run, calls[k]!)));
  const timings = contenders.map(({ name, bytes }, k) => ({ name, bytes, msPerStep: median(samples[k]!), rounds }));
  tfAdam.dispose();
  tf.dispose([tfVariable, tfGrad]);

  // TF.js cpu, slow (a second or two per step at 1e7), in a block of its own on its own backend.
  await tf.setBackend("cpu");
  const variable = tf.variable(tf.tensor1d(values));
  const g = tf.tensor1d(gradient);
  const optimizer = tf.train.adam(1e-3);
  const run = () => optimizer.applyGradients([{ name: variable.name, tensor: g }]);
  run();
  const cpuRounds = n >= 5e6 ? 3 : rounds;
  const cpuSamples = Array.from({ length: cpuRounds }, () => msPerCall(run, 1));
  timings.push({ name: "TF.js cpu", bytes: 28 * n, msPerStep: median(cpuSamples), rounds: cpuRounds });
  optimizer.dispose();
  tf.dispose([variable, g]);
  return timings;
}

async function mlpTraining(tf: Tf, epochs: number, runs: number): Promise<Measurements["mlp"]> {
  const { train } = loadDigits();
  const model = mlp();
  const start = model.initialParameters({ seed: 0, float32: true });
  const inputs = fastFloat32Array(train.inputs.length);
  inputs.set(train.inputs);
  const batch: Batch = { inputs, labels: train.labels, size: train.size, features: train.features };

  const ours = () => {
    const params = fastFloat32Array(model.dimension);
    params.set(start);
    const grad = zerosLike(params);
    const optimizer = adam({ lr: 0.01 });
    const state = optimizer.init(params);
    const started = performance.now();
    for (let epoch = 0; epoch < epochs; epoch++) {
      model.lossAndGradient(params, batch, grad);
      optimizer.step(params, grad, state);
    }
    return { seconds: (performance.now() - started) / 1000, finalLoss: model.loss(params, batch) };
  };

  await tf.setBackend("wasm");
  const [hidden, classes] = [32, 10];
  const w1 = transposed(start.subarray(0, 64 * hidden), hidden, 64);
  const w2 = transposed(start.subarray(64 * hidden + hidden, 64 * hidden + hidden + classes * hidden), classes, hidden);
  const x = tf.tensor2d(Float32Array.from(train.inputs), [train.size, 64]);
  const y = tf.oneHot(tf.tensor1d(train.labels, "int32"), classes).toFloat();
  const theirs = () => {
    const variables = [
      tf.variable(tf.tensor2d(w1, [64, hidden])),
      tf.variable(tf.zeros([hidden])),
      tf.variable(tf.tensor2d(w2, [hidden, classes])),
      tf.variable(tf.zeros([classes])),
    ] as const;
    const [W1, b1, W2, b2] = variables;
    const loss = () => {
      const h = tf.relu(tf.add(tf.matMul(x, W1), b1));
      return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(h, W2), b2)) as TF.Scalar;
    };
    const optimizer = tf.train.adam(0.01);
    const started = performance.now();
    for (let epoch = 0; epoch < epochs; epoch++) optimizer.minimize(loss, false, [...variables]);
    const seconds = (performance.now() - started) / 1000;
    const finalLoss = tf.tidy(() => loss().dataSync()[0]!);
    optimizer.dispose();
    tf.dispose([...variables]);
    return { seconds, finalLoss };
  };

  ours();
  theirs(); // warm-up: compile, allocate
  type Run = { seconds: number; finalLoss: number };
  const results = { ours: [] as Run[], theirs: [] as Run[] };
  for (let run = 0; run < runs; run++) {
    results.ours.push(ours());
    results.theirs.push(theirs());
  }
  tf.dispose([x, y]);
  const summary = (name: string, list: Run[]) => ({
    name,
    seconds: median(list.map((r) => r.seconds)),
    finalLoss: list.at(-1)!.finalLoss,
    runs,
  });
  return {
    epochs,
    images: train.size,
    timings: [summary("ours, fast path", results.ours), summary("TF.js wasm", results.theirs)],
  };
}

/** A row-major rows×columns block, transposed (our W is outputs×inputs; TF.js multiplies x·W with W inputs×outputs). */
function transposed(block: ArrayLike<number>, rows: number, columns: number): Float32Array {
  const out = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out[c * rows + r] = block[r * columns + c]!;
  return out;
}
