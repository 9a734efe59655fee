/**
 * Where the kernel lives: a Web Worker inside a hidden, sandboxed iframe (`sandbox="allow-scripts"`) whose page,
 * `notebook-kernel.html`, has a policy of its own (kernel-frame.ts).
 *
 * Why not a plain worker: a worker shares the page's renderer process, and a cell that grows the JavaScript heap
 * until V8 gives up crashes the whole tab. Chromium runs sandboxed iframes in a process of their own, so the same cell
 * only takes down the iframe; the page notices (the iframe's heartbeat stops, its port closes) and starts a new
 * kernel. The sandbox's opaque origin also means cell code has no access to the site's storage (the reader's saved
 * edits), cookies or DOM — isolation by construction rather than by deleting globals.
 *
 * The iframe cannot load the site's scripts (its origin is opaque), so the page fetches the kernel's single-file
 * bundle and hands over its text; the iframe starts it from a Blob and connects it to the page by a MessagePort.
 * In `astro dev` (no bundle) the kernel runs as a plain module worker instead.
 */
import { KERNEL_FRAME_FILE } from "../shared/kernel-frame-file.ts";
import plotRuntimeUrl from "../kernel/plot-runtime.ts?worker&url";
import kernelUrl from "../kernel/browser-worker.ts?worker&url";

export interface Sandbox {
  /** The kernel's end of the conversation (a MessagePort, or the Worker itself in dev). */
  port: MessagePort | Worker;
  /** Tear the kernel down: whatever it is doing stops at once. */
  dispose(): void;
}

/** Milliseconds of silence from a visible page's sandbox after which the kernel is declared dead. */
const HEARTBEAT_TIMEOUT_MS = 3000;

/** The kernel's page (kernel-frame.ts), under the site's base path. */
const FRAME_URL = `${import.meta.env.BASE_URL.replace(/\/?$/, "/")}${KERNEL_FRAME_FILE}`;

let kernelCode: Promise<[string, string]> | undefined;

/** The kernel's code and the plot runtime's, fetched once per page (both in parallel). */
function loadKernelCode(): Promise<[string, string]> {
  const text = (url: string) =>
    fetch(url).then((response) => {
      if (!response.ok) throw new Error(`could not load the kernel (${url}): HTTP ${response.status}`);
      return response.text();
    });
  kernelCode ??= Promise.all([text(kernelUrl), text(plotRuntimeUrl)]);
  kernelCode.catch(() => (kernelCode = undefined));
  return kernelCode;
}

/** Start a kernel. `onDeath` is called once if it dies by itself (crash, out of memory). */
export async function startSandbox(onDeath: () => void): Promise<Sandbox> {
  if (import.meta.env.DEV) return startDevWorker(onDeath);
  const iframe = document.createElement("iframe");
  iframe.setAttribute("sandbox", "allow-scripts");
  iframe.title = "Notebook kernel";
  iframe.tabIndex = -1;
  iframe.setAttribute("aria-hidden", "true");
  iframe.className = "notebook-kernel";
  iframe.style.cssText =
    "position:fixed;width:1px;height:1px;left:-10px;top:-10px;border:0;opacity:0;pointer-events:none";
  iframe.src = FRAME_URL;
  const loaded = new Promise((resolve) => iframe.addEventListener("load", resolve, { once: true }));
  document.body.append(iframe);
  const [[code, plotCode]] = await Promise.all([loadKernelCode(), loaded]);
  performance.mark("moments:sandbox-loaded");

  const kernel = new MessageChannel();
  const control = new MessageChannel();
  let lastBeat = performance.now();
  let dead = false;
  const die = () => {
    if (dead) return;
    dead = true;
    dispose();
    onDeath();
  };
  control.port1.onmessage = () => (lastBeat = performance.now());
  control.port1.addEventListener("close", die); // Chromium: fires when the iframe's process goes away
  const onVisibility = () => (lastBeat = performance.now()); // timers in hidden pages are throttled
  document.addEventListener("visibilitychange", onVisibility);
  const monitor = setInterval(() => {
    if (document.visibilityState === "visible" && performance.now() - lastBeat > HEARTBEAT_TIMEOUT_MS) die();
  }, 500);
  function dispose() {
    dead = true;
    clearInterval(monitor);
    document.removeEventListener("visibilitychange", onVisibility);
    kernel.port1.close();
    control.port1.close();
    iframe.remove();
  }
  const page = location.href;
  iframe.contentWindow!.postMessage({ code, plotCode, page, kernel: kernel.port2, control: control.port2 }, "*", [
    kernel.port2,
    control.port2,
  ]);
  kernel.port1.start();
  return { port: kernel.port1, dispose };
}

function startDevWorker(onDeath: () => void): Sandbox {
  const worker = new Worker(new URL("../kernel/browser-worker.ts", import.meta.url), {
    type: "module",
    name: "moments-kernel",
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    onDeath();
  });
  worker.postMessage({ type: "connect", page: location.href });
  return { port: worker, dispose: () => worker.terminate() };
}
