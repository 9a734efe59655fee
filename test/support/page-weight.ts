/**
 * What a built page makes the browser fetch before any interaction: the scripts its HTML references (including
 * inline ones) and their static-import closure, the stylesheets, and their sizes gzipped.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface PageWeight {
  /** Script files loaded before interaction (paths relative to dist). */
  scripts: string[];
  jsGzip: number;
  inlineJsGzip: number;
  cssGzip: number;
}

const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

export function pageWeight(dist: string, htmlFile: string, base = "/"): PageWeight {
  const html = readFileSync(path.join(dist, htmlFile), "utf8");
  const toFile = (url: string) => path.join(dist, url.replace(new RegExp(`^${base}`), "").split(/[?#]/)[0]!);
  const scripts = new Set<string>();
  const queue = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => toFile(m[1]!));
  let inline = "";
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/type="(application\/(ld\+)?json|text\/plain)"/.test(m[1]!)) continue;
    inline += m[2];
    for (const imp of m[2]!.matchAll(/import\s*(?:[\w*{}\s,]+from\s*)?["']([^"']+\.js)["']/g))
      queue.push(toFile(imp[1]!));
  }
  while (queue.length) {
    const file = queue.shift()!;
    if (scripts.has(file) || !existsSync(file)) continue;
    scripts.add(file);
    const code = readFileSync(file, "utf8");
    // Static imports only: `import x from "./a.js"`, `import "./a.js"`, `export … from "./a.js"`; not `import("…")`.
    for (const m of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g))
      queue.push(path.resolve(path.dirname(file), m[1]!));
  }
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) =>
    readFileSync(toFile(m[1]!)),
  );
  const inlineCss = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!).join("");
  return {
    scripts: [...scripts].map((file) => path.relative(dist, file)),
    jsGzip: [...scripts].reduce((sum, file) => sum + gz(readFileSync(file)), 0),
    inlineJsGzip: inline ? gz(inline) : 0,
    cssGzip: (css.length ? gz(Buffer.concat(css)) : 0) + (inlineCss ? gz(inlineCss) : 0),
  };
}
