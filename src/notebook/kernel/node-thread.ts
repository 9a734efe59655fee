/**
 * The build-time kernel: a Node worker thread running the same kernel as the browser's Web Worker, one per page.
 * Its library is the course's (the modules in `workerData.library`, loaded as Node loads them) and the drawing kit.
 */
import { parentPort, workerData } from "node:worker_threads";
import { pathToFileURL } from "node:url";
import type { FromKernel, ToKernel } from "../shared/protocol.ts";
import { drawingKit } from "./drawing-kit.ts";
import { hostKernel } from "./host.ts";

const port = parentPort!;
const post = (message: FromKernel) => port.postMessage(message);

const modules = (workerData as { library?: string[] } | undefined)?.library ?? [];
const library: Record<string, unknown> = drawingKit();
for (const module of modules) Object.assign(library, await import(pathToFileURL(module).href));

const { kernel, handle } = hostKernel({ realm: globalThis, library }, post, { evaluate: true });

process.on("uncaughtException", (error) => kernel.reportUncaught(error));
process.on("unhandledRejection", (reason) => kernel.reportUncaught(reason));

port.on("message", (message: ToKernel) => void handle(message));

post({ type: "ready" });
