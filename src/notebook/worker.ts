/// <reference lib="webworker" />
/**
 * The browser kernel: a Web Worker holding the page's shared scope. Started by sandbox.ts inside a sandboxed iframe;
 * it talks to the page only through the MessagePort it receives first (in dev, through its own postMessage).
 */
import { createKernel } from "./kernel.ts";
import { createLibrary } from "./library.ts";
import type { FromKernel, ToKernel } from "./protocol.ts";

type Channel = { postMessage(message: unknown): void; addEventListener(type: "message", listener: (event: MessageEvent) => void): void };

let channel: Channel | undefined;
// Bound once, before any cell runs: a cell that patches MessagePort.prototype.postMessage later cannot see or
// forge the kernel's messages.
let send: (message: FromKernel) => void = () => {};
let runId = 0;

const kernel = createKernel({
  realm: self as unknown as typeof globalThis,
  library: createLibrary(),
  emit: (cellId, output) => send({ type: "output", runId, cellId, output }),
});

self.addEventListener("error", (event) => {
  event.preventDefault();
  kernel.reportUncaught(event.error ?? event.message);
});
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  kernel.reportUncaught(event.reason);
});

async function onMessage(event: MessageEvent<ToKernel>) {
  const message = event.data;
  if (message?.type !== "run") return; // `evaluate` is for the build only
  runId = message.runId;
  const result = await kernel.run(message.cellId, message.source, { widgets: message.widgets, checks: message.checks });
  send({ type: "done", runId: message.runId, cellId: message.cellId, ...result });
}

self.addEventListener(
  "message",
  (event: MessageEvent<{ type: "connect"; port?: MessagePort }>) => {
    if (channel || event.data?.type !== "connect") return;
    const port = event.data.port;
    channel = (port ?? self) as Channel;
    const post = port
      ? MessagePort.prototype.postMessage.bind(port)
      : (DedicatedWorkerGlobalScope.prototype.postMessage as (m: unknown) => void).bind(self);
    send = (message) => post(message);
    channel.addEventListener("message", onMessage as (event: MessageEvent) => void);
    port?.start();
    send({ type: "ready" });
  },
  { once: true },
);
