/**
 * The build-time kernel: a Node worker thread running the same kernel as the browser's Web Worker, one per page.
 */
import { parentPort } from "node:worker_threads";
import { createKernel } from "./kernel.ts";
import { fullLibrary } from "./library.ts";
import type { FromKernel, ToKernel } from "./protocol.ts";

const port = parentPort!;
const post = (message: FromKernel) => port.postMessage(message);
let runId = 0;

const kernel = createKernel({
  realm: globalThis,
  library: fullLibrary(),
  emit: (cellId, output) => post({ type: "output", runId, cellId, output }),
});

process.on("uncaughtException", (error) => kernel.reportUncaught(error));
process.on("unhandledRejection", (reason) => kernel.reportUncaught(reason));

port.on("message", async (message: ToKernel) => {
  if (message.type === "evaluate") {
    post({ type: "values", runId: message.runId, values: await kernel.evaluate(message.expressions) });
    return;
  }
  if (message.type !== "run") return;
  runId = message.runId;
  const result = await kernel.run(message.cellId, message.source, {
    widgets: message.widgets,
    checks: message.checks,
    trace: message.trace,
  });
  post({ type: "done", runId: message.runId, cellId: message.cellId, ...result });
});

post({ type: "ready" });
