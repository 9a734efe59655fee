/** The kernel's sandboxed page (src/notebook/kernel-frame.ts), built as a static file. */
import { kernelFrameHtml } from "../notebook/kernel-frame.ts";

export function GET() {
  return new Response(kernelFrameHtml(), { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
