/** `/notebook-kernel.html`: the kernel's sandboxed page (src/notebook/build/kernel-frame.ts), built as a static file. */
import { kernelFrameHtml } from "../../notebook/build/kernel-frame.ts";

export function GET() {
  return new Response(kernelFrameHtml(), { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
