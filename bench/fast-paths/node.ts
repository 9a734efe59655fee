/**
 * The Node half of `npm run bench`: runs the measurements in this process (its own, so the Chromium half that follows
 * starts with the memory free) and prints them as JSON on the last line of stdout.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { measure, type MeasureOptions } from "./measure.ts";

const options = JSON.parse(process.argv[2]!) as MeasureOptions;
const platform = `Node ${process.versions.node} (V8 ${process.versions.v8.split("-")[0]})`;
const result = await measure(tf, platform, { ...options, progress: (line) => console.error(`  … ${line}`) });
console.log(JSON.stringify(result));
