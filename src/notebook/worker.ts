/// <reference lib="webworker" />
/**
 * The browser kernel: a module Web Worker holding the page's shared scope. The page talks to it through
 * `KernelClient` (client.ts); a stop terminates the whole worker, so no cell can freeze the page.
 */
import { createKernel } from "./kernel.ts";
import { createLibrary } from "./library.ts";
import type { FromKernel, ToKernel } from "./protocol.ts";

const post = (message: FromKernel) => self.postMessage(message);
let runId = 0;

const kernel = createKernel({
  realm: self as unknown as typeof globalThis,
  library: createLibrary(),
  emit: (cellId, output) => post({ type: "output", runId, cellId, output }),
});

self.addEventListener("error", (event) => {
  event.preventDefault();
  kernel.reportUncaught(event.error ?? event.message);
});
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  kernel.reportUncaught(event.reason);
});

self.onmessage = async (event: MessageEvent<ToKernel>) => {
  const message = event.data;
  if (message.type !== "run") return;
  runId = message.runId;
  const result = await kernel.run(message.cellId, message.source);
  post({ type: "done", runId: message.runId, cellId: message.cellId, ...result });
};

post({ type: "ready" });
