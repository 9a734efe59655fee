/// <reference lib="webworker" />
/**
 * The browser kernel: a Web Worker holding the page's shared scope. Started by sandbox.ts inside a sandboxed iframe;
 * it talks to the page only through the MessagePort it receives first (in dev, through its own postMessage).
 */
import { library } from "virtual:moments/eager";
import { DRAWING_NAMES } from "virtual:moments/names";
import { courseFetch } from "../shared/course-fetch.ts";
import { DRAWING_KIT_NAMES } from "../shared/names.ts";
import { hostKernel } from "./host.ts";
import type { FetchAnswer, FromKernel, ToKernel } from "../shared/protocol.ts";

type Channel = {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
};

let channel: Channel | undefined;
// Bound once, before any cell runs: a cell that patches MessagePort.prototype.postMessage later cannot see or
// forge the kernel's messages.
let send: (message: FromKernel) => void = () => {};
/** Cells' fetches waiting for the page's answer, by request id. */
const fetches = new Map<number, (answer: FetchAnswer) => void>();
let nextFetch = 1;
/** Blob URL of the plot runtime bundle, from the sandbox. */
let plotRuntimeUrl: string | undefined;
/** In `astro dev` there is no bundle: the module worker imports the drawing library instead. */
let devPlotLibrary: Record<string, unknown> | undefined;

const { kernel, handle } = hostKernel(
  {
    realm: self as unknown as typeof globalThis,
    library,
    lazyLibrary: {
      names: [...DRAWING_KIT_NAMES, ...DRAWING_NAMES],
      load() {
        if (devPlotLibrary) return devPlotLibrary;
        if (!plotRuntimeUrl) throw new Error("the plot runtime is not available in this kernel");
        importScripts(plotRuntimeUrl); // synchronous: the cell that touched Plot just waits a moment
        return (self as unknown as { __momentsPlotLibrary: Record<string, unknown> }).__momentsPlotLibrary;
      },
    },
  },
  (message) => send(message),
  { evaluate: false },
);

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
  if (message?.type === "fetched") {
    fetches.get(message.requestId)?.(message);
    fetches.delete(message.requestId);
    return;
  }
  await handle(message);
}

self.addEventListener(
  "message",
  async (event: MessageEvent<{ type: "connect"; port?: MessagePort; plotRuntime?: string; page?: string }>) => {
    if (channel || event.data?.type !== "connect") return;
    const ask = (url: string) =>
      new Promise<FetchAnswer>((resolve) => {
        const requestId = nextFetch++;
        fetches.set(requestId, resolve);
        send({ type: "fetch", requestId, url });
      });
    const base = import.meta.env.BASE_URL.replace(/\/?$/, "/");
    Object.defineProperty(self, "fetch", {
      value: courseFetch(event.data.page ?? self.location.href, base, ask),
      writable: true,
      configurable: true,
    });
    if (import.meta.env.DEV) {
      const [{ drawingKit }, drawing] = await Promise.all([
        import("./drawing-kit.ts"),
        import("virtual:moments/drawing"),
      ]);
      devPlotLibrary = { ...drawingKit(), ...drawing.library };
    }
    const port = event.data.port;
    plotRuntimeUrl = event.data.plotRuntime;
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
