/**
 * The build-time kernel: a Node worker thread running the same kernel as the browser's Web Worker, one per page.
 * Its library is the course's (the modules in `workerData.library`, loaded as Node loads them) and the drawing kit.
 */
import { parentPort, workerData } from "node:worker_threads";
import { pathToFileURL } from "node:url";
import type { FromKernel, ToKernel } from "../shared/protocol.ts";
import { drawingKit } from "./drawing-kit.ts";
import { createKernel } from "./kernel.ts";

const port = parentPort!;
const post = (message: FromKernel) => port.postMessage(message);
let runId = 0;

const modules = (workerData as { library?: string[] } | undefined)?.library ?? [];
const library: Record<string, unknown> = drawingKit();
for (const module of modules) Object.assign(library, await import(pathToFileURL(module).href));

const kernel = createKernel({
  realm: globalThis,
  library,
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
