/**
 * Preload the KaTeX fonts each page uses.
 *
 * KaTeX's fonts are declared in the common stylesheet, so the browser discovers them only after it has fetched and
 * applied that stylesheet and laid the math out. On a slow connection the page is painted first, with the fallback
 * font's metrics, and every paragraph that holds math moves when the real fonts arrive: Lighthouse measured a
 * cumulative layout shift of 0.21 on the decay-rates lesson on its mobile profile. A `<link rel="preload">` for
 * each face the page's math uses starts those downloads with the stylesheet's.
 *
 * Which faces a page uses follows from KaTeX's class names (the rules of katex.css, listed in FACES); the built
 * pages are rewritten after the build (`katexFontPreloads`, an Astro integration), where the hashed font URLs are
 * known. test/site/katex-fonts.test.ts checks in Chromium that on every page the fonts preloaded are exactly the
 * fonts fetched: one missing moves text, one extra wastes bandwidth (and Chromium warns about it).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";

/**
 * The KaTeX face (the font file's name, as in KaTeX_Main-Regular.woff2) that each class, or set of classes on one
 * element, selects in katex.css. Every element of KaTeX's output inherits KaTeX_Main (regular) from `.katex`.
 */
const FACES: readonly (readonly [classes: readonly string[], face: string])[] = [
  [["mathnormal"], "Math-Italic"],
  [["boldsymbol"], "Math-BoldItalic"],
  [["mathit"], "Main-Italic"],
  [["textit"], "Main-Italic"],
  [["mathbf"], "Main-Bold"],
  [["textbf"], "Main-Bold"],
  [["amsrm"], "AMS-Regular"],
  [["mathbb"], "AMS-Regular"],
  [["textbb"], "AMS-Regular"],
  [["mathcal"], "Caligraphic-Regular"],
  [["mathfrak"], "Fraktur-Regular"],
  [["textfrak"], "Fraktur-Regular"],
  [["mathboldfrak"], "Fraktur-Bold"],
  [["textboldfrak"], "Fraktur-Bold"],
  [["mathtt"], "Typewriter-Regular"],
  [["texttt"], "Typewriter-Regular"],
  [["mathscr"], "Script-Regular"],
  [["textscr"], "Script-Regular"],
  [["mathsf"], "SansSerif-Regular"],
  [["textsf"], "SansSerif-Regular"],
  [["mathboldsf"], "SansSerif-Bold"],
  [["textboldsf"], "SansSerif-Bold"],
  [["mathsfit"], "SansSerif-Italic"],
  [["mathitsf"], "SansSerif-Italic"],
  [["textitsf"], "SansSerif-Italic"],
  [["delimsizing", "size1"], "Size1-Regular"],
  [["delimsizing", "size2"], "Size2-Regular"],
  [["delimsizing", "size3"], "Size3-Regular"],
  [["delimsizing", "size4"], "Size4-Regular"],
  [["delim-size1"], "Size1-Regular"],
  [["delim-size4"], "Size4-Regular"],
  [["op-symbol", "small-op"], "Size1-Regular"],
  [["op-symbol", "large-op"], "Size2-Regular"],
];

/** The KaTeX faces a page's math uses, sorted ("Main-Regular", "Math-Italic", …); none without math. */
export function katexFaces(html: string): string[] {
  if (!/class="katex"/.test(html)) return [];
  const faces = new Set(["Main-Regular"]);
  for (const [, list] of html.matchAll(/class="([^"]*)"/g)) {
    const classes = new Set(list!.split(/\s+/));
    for (const [needs, face] of FACES) if (needs.every((name) => classes.has(name))) faces.add(face);
  }
  return [...faces].sort();
}

/** The woff2 URL of each KaTeX face declared in a stylesheet, by face name. */
export function katexFontUrls(css: string): Map<string, string> {
  const urls = new Map<string, string>();
  for (const [, url, face] of css.matchAll(
    /url\(\s*["']?([^"')]*\/KaTeX_([A-Za-z0-9]+-[A-Za-z]+)\.[^"')]*\.woff2)["']?\s*\)/g,
  ))
    urls.set(face!, url!);
  return urls;
}

/**
 * The page with a preload link for each KaTeX face its math uses, placed before its first stylesheet so that the
 * fonts download alongside it. `readCss` returns a stylesheet's text given its href as written in the page.
 */
export function preloadKatexFonts(html: string, readCss: (href: string) => string): string {
  const faces = katexFaces(html);
  if (!faces.length || html.includes("data-katex-preload")) return html;
  const urls = new Map<string, string>();
  for (const [, href] of html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g))
    for (const [face, url] of katexFontUrls(readCss(href!))) urls.set(face, url);
  // A face without a URL of its own is inlined in the stylesheet as a data: URL (Vite inlines small assets): there
  // is nothing to fetch.
  const links = faces
    .filter((face) => urls.has(face))
    .map(
      (face) =>
        `<link rel="preload" href="${urls.get(face)}" as="font" type="font/woff2" crossorigin data-katex-preload>`,
    )
    .join("");
  const at = html.indexOf('<link rel="stylesheet"');
  return at < 0 ? html.replace("</head>", `${links}</head>`) : html.slice(0, at) + links + html.slice(at);
}

/** Astro integration: after the build, add the KaTeX font preloads to every built page. */
export function katexFontPreloads(): AstroIntegration {
  let base = "/";
  return {
    name: "moments:katex-font-preloads",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base.endsWith("/") ? config.base : `${config.base}/`;
      },
      "astro:build:done": ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const readCss = (href: string) => {
          if (!href.startsWith(base)) throw new Error(`katex-fonts: stylesheet ${href} lies outside the base ${base}`);
          return readFileSync(path.join(out, href.slice(base.length)), "utf8");
        };
        let pages = 0;
        for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
          if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
          const file = path.join(entry.parentPath, entry.name);
          const html = readFileSync(file, "utf8");
          const rewritten = preloadKatexFonts(html, readCss);
          if (rewritten !== html) {
            writeFileSync(file, rewritten);
            pages++;
          }
        }
        logger.info(`KaTeX font preloads added to ${pages} pages`);
      },
    },
  };
}
