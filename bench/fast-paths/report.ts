/**
 * The text `npm run bench` prints for one platform's measurements: times, effective bandwidth and the ratios the
 * issue's goals are stated in, measured side by side in the same run. Nothing here passes or fails.
 */
import { CONTENDERS, type Measurements } from "./measure.ts";

const gbPerSecond = (bytes: number, ms: number) => bytes / ms / 1e6;
const fixed = (value: number, digits: number, width: number) => value.toFixed(digits).padStart(width);
const exponent = (n: number) => `1e${Math.round(Math.log10(n))}`;

export function report(m: Measurements): string[] {
  const lines = [`== ${m.platform} (TF.js ${m.tfjs}) ==`, ""];
  lines.push("1. Adam step on n parameters — GB/s counts 7 arrays × 4 bytes per parameter (float64: × 8; copy: 2 × 4)");
  const goals: string[] = [];
  for (const { n, timings } of m.adam) {
    const byName = new Map(timings.map((t) => [t.name, t]));
    const copy = byName.get(CONTENDERS.copy)!;
    const tfWasm = byName.get("TF.js wasm")!;
    const copyRate = gbPerSecond(copy.bytes, copy.msPerStep);
    lines.push(`   n = ${exponent(n)}            ms/step      GB/s   ÷ copy GB/s   speed × TF.js wasm   (median of)`);
    for (const t of timings) {
      const rate = gbPerSecond(t.bytes, t.msPerStep);
      const speed = t === copy ? "—".padStart(21) : `${fixed(tfWasm.msPerStep / t.msPerStep, 2, 20)}×`;
      lines.push(
        `   ${t.name.padEnd(20)} ${fixed(t.msPerStep, 3, 9)} ${fixed(rate, 2, 9)} ${fixed(rate / copyRate, 2, 13)} ` +
          `${speed}   ${t.rounds} rounds`,
      );
    }
    const speedOver = (name: string, yardstick: string) => byName.get(yardstick)!.msPerStep / byName.get(name)!.msPerStep; // prettier-ignore
    const plainOverHand = speedOver(CONTENDERS.plain, CONTENDERS.handWritten);
    const readableOverHand = speedOver(CONTENDERS.readable64, CONTENDERS.handWritten64);
    goals.push(`   Adam at ${exponent(n)}: a plain Float32Array steps ${plainOverHand.toFixed(2)}× as fast as the hand-written loop (goal ≥ 2: ${plainOverHand >= 2 ? "met" : "not met"})`); // prettier-ignore
    goals.push(`   Adam at ${exponent(n)}: the readable Float64Array loop ${readableOverHand.toFixed(2)}× as fast as the hand-written one (goal ≥ 1: ${readableOverHand >= 1 ? "met" : "not met"})`); // prettier-ignore
    if (n === Math.max(...m.adam.map((row) => row.n))) {
      const resident = byName.get(CONTENDERS.resident)!;
      const ofCopy = gbPerSecond(resident.bytes, resident.msPerStep) / copyRate;
      const overTf = tfWasm.msPerStep / resident.msPerStep;
      goals.push(`   Adam at ${exponent(n)}: wasm-resident ${ofCopy.toFixed(2)} × copy bandwidth (goal ≥ 0.8: ${ofCopy >= 0.8 ? "met" : "not met"})`); // prettier-ignore
      goals.push(`   Adam at ${exponent(n)}: wasm-resident ${overTf.toFixed(1)}× faster than TF.js wasm (goal ≥ 8: ${overTf >= 8 ? "met" : "not met"})`); // prettier-ignore
    }
  }
  const { epochs, images, timings } = m.mlp;
  lines.push(
    "",
    `2. Digits MLP 64-32-10: ${epochs} full-batch epochs of Adam (lr 0.01) on ${images} images, same start`,
  );
  const tfWasm = timings.find((t) => t.name === "TF.js wasm")!;
  for (const t of timings)
    lines.push(
      `   ${t.name.padEnd(20)} ${fixed(t.seconds, 3, 7)} s   ${fixed(t.seconds / tfWasm.seconds, 2, 5)} × TF.js wasm's time` +
        `   final training loss ${t.finalLoss.toFixed(4)}   (median of ${t.runs})`,
    );
  const ours = timings.find((t) => t.name === "ours, fast path")!;
  const share = ours.seconds / tfWasm.seconds;
  goals.push(
    `   MLP training: ${share.toFixed(2)} × TF.js wasm's time (goal ≤ 0.5: ${share <= 0.5 ? "met" : "not met"})`,
  );
  lines.push("", "   Goals, as measured in this run:", ...goals, "");
  return lines;
}
