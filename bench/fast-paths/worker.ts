/// <reference lib="webworker" />
/**
 * The Chromium half of `npm run bench`: a dedicated worker (where the notebook's cells run too) measuring the same
 * things as the Node half. The page hands it the options and where TF.js's .wasm files are served.
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { measure, type MeasureOptions } from "./measure.ts";

self.onmessage = async (event: MessageEvent<{ options: MeasureOptions; wasmPaths: string }>) => {
  const { options, wasmPaths } = event.data;
  setWasmPaths(wasmPaths);
  const version = /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? "?";
  try {
    const result = await measure(tf, `Chromium ${version}, dedicated worker`, {
      ...options,
      progress: (line) => postMessage({ progress: line }),
    });
    postMessage({ result });
  } catch (error) {
    postMessage({ error: String((error as Error)?.stack ?? error) });
  }
};
