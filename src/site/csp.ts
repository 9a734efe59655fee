/**
 * A Content-Security-Policy on every built page, as a `<meta http-equiv>` tag (a static host cannot be relied on to
 * send headers). Each directive, and why:
 *
 * - `default-src 'none'`: anything not named below is refused.
 * - `script-src 'self' 'sha256-…' 'wasm-unsafe-eval'`: scripts only from the site's own files and the page's own
 *   inline scripts, each by the hash of its exact text, computed here after the build. Markup injected later — a
 *   forged output's `<script>`, an `on*` attribute, a `javascript:` URL — matches no hash and never runs. No
 *   `'unsafe-eval'`: nothing on the page may compile strings (cells compile in the kernel's page, which has a policy
 *   of its own: src/notebook/kernel-frame.ts). `'wasm-unsafe-eval'` lets Pagefind's search compile its WebAssembly;
 *   it allows no JavaScript eval.
 * - `style-src 'self' 'unsafe-inline'`: KaTeX sets inline `style` attributes on nearly every glyph, and Astro inlines
 *   small stylesheets; a hash per attribute value is not practical. Styles cannot run script; what an output may style
 *   is contained by the sanitizer and `contain: paint` (src/notebook/sanitize.ts).
 * - `img-src 'self' data:`, `font-src 'self' data:`: the site's images and KaTeX's fonts (small ones are inlined as
 *   data: URLs by Vite).
 * - `connect-src 'self'`: Pagefind's index, the kernel's code, the downloads, and the course files a cell may fetch.
 * - `frame-src 'self'`: the kernel's sandboxed page.
 * - `worker-src 'self'`, `manifest-src 'self'`, `media-src 'self'`: the site's own, should it have any.
 * - `object-src 'none'`, `base-uri 'self'`, `form-action 'self'`: no plugins, no `<base>` that moves relative URLs
 *   elsewhere, no form posting off the site.
 *
 * No third-party origin appears anywhere: nothing loads from outside the site.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { parse, type DefaultTreeAdapterMap } from "parse5";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

/** The policy for a page whose inline scripts have these texts. */
export function pagePolicy(inlineScripts: readonly string[]): string {
  const hashes = [...new Set(inlineScripts.map((text) => `'sha256-${sha256(text)}'`))].sort();
  return [
    "default-src 'none'",
    ["script-src 'self'", ...hashes, "'wasm-unsafe-eval'"].join(" "),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

const CSP_META = /<meta http-equiv="Content-Security-Policy"/i;

/**
 * The page with its policy at the start of its `<head>` (a policy applies only to what follows it), after the
 * `<meta charset>` if that comes first (it must stay within the first 1024 bytes). A page that states its own policy
 * (the kernel's page) is left alone.
 */
export function withPolicy(html: string): string {
  if (CSP_META.test(html)) return html;
  const document = parse(html, { sourceCodeLocationInfo: true });
  const scripts: string[] = [];
  let head: Element | undefined;
  walk(document, (element) => {
    if (element.tagName === "head") head ??= element;
    if (element.tagName === "script" && isJavaScript(element) && !attribute(element, "src"))
      scripts.push(element.childNodes.map((child) => ("value" in child ? child.value : "")).join(""));
  });
  const first = head?.childNodes.find((child): child is Element => "tagName" in child);
  const charsetFirst = first?.tagName === "meta" && attribute(first, "charset") !== undefined;
  const at = (charsetFirst ? first.sourceCodeLocation : head?.sourceCodeLocation?.startTag)?.endOffset;
  if (at === undefined) throw new Error("csp: a built page has no <head> to put its policy in");
  const meta = `<meta http-equiv="Content-Security-Policy" content="${pagePolicy(scripts)}">`;
  return html.slice(0, at) + meta + html.slice(at);
}

/** Astro integration: after the build, give every built page its policy. Runs after every other HTML rewrite. */
export function contentSecurityPolicy(): AstroIntegration {
  return {
    name: "moments:content-security-policy",
    hooks: {
      "astro:build:done": ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        let pages = 0;
        for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
          if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
          const file = path.join(entry.parentPath, entry.name);
          const html = readFileSync(file, "utf8");
          const rewritten = withPolicy(html);
          if (rewritten !== html) {
            writeFileSync(file, rewritten);
            pages++;
          }
        }
        logger.info(`Content-Security-Policy added to ${pages} pages`);
      },
    },
  };
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64");
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

/** A script the browser would run: no type, a JavaScript MIME type, or a module (not JSON data blocks). */
function isJavaScript(element: Element): boolean {
  const type = attribute(element, "type")?.trim().toLowerCase();
  return !type || type === "module" || type === "text/javascript" || type === "application/javascript";
}

function walk(node: Node, visit: (element: Element) => void): void {
  if ("tagName" in node) visit(node);
  const children = "content" in node && node.tagName === "template" ? node.content.childNodes : [];
  for (const child of [...("childNodes" in node ? node.childNodes : []), ...children]) walk(child, visit);
}
