/**
 * The page that hosts the kernel: `notebook-kernel.html`, loaded by sandbox.ts into a hidden iframe with
 * `sandbox="allow-scripts"` (an opaque origin: no storage, no cookies, no access to the page).
 *
 * It is a file of its own, not a `srcdoc`, because a `srcdoc` document inherits the page's Content-Security-Policy,
 * and the page forbids `eval` while the kernel is made of it (every cell is compiled into a function). This page has
 * its own policy, the kernel's: script only from its own boot script (by hash) and from the Blob URLs it makes of the
 * kernel's code; `eval` allowed; no network at all (`connect-src 'none'`), so a cell's only way to fetch is the
 * page's, which serves files of the course and nothing else (client.ts). The worker started from a Blob inherits
 * this policy.
 */
import { createHash } from "node:crypto";

/**
 * Waits for one message from the page: the kernel's code, the plot runtime's code, the page's URL and two ports.
 * Starts the kernel worker from a Blob, hands it its port, and beats a heartbeat on the other port so the page can
 * tell a live kernel from a crashed one.
 */
export const KERNEL_FRAME_BOOT = `onmessage = (event) => {
  if (event.source !== parent || !event.data || typeof event.data.code !== "string") return;
  onmessage = null;
  const { code, plotCode, page, kernel, control } = event.data;
  const url = (text) => URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
  const worker = new Worker(url(code), { name: "moments-kernel" });
  worker.postMessage({ type: "connect", port: kernel, plotRuntime: url(plotCode), page }, [kernel]);
  setInterval(() => control.postMessage("beat"), 250);
};`;

/** The kernel page's policy. */
export function kernelFramePolicy(): string {
  const boot = createHash("sha256").update(KERNEL_FRAME_BOOT).digest("base64");
  return [
    "default-src 'none'",
    `script-src 'sha256-${boot}' blob: 'unsafe-eval'`,
    "worker-src blob:",
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

export function kernelFrameHtml(): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${kernelFramePolicy()}">` +
    `<title>Notebook kernel</title><script>${KERNEL_FRAME_BOOT}</script></head><body></body></html>`
  );
}
