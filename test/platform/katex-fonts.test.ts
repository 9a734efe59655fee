/** KaTeX font preloads (src/site/katex-fonts.ts): each page preloads exactly the KaTeX faces its math uses. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { builtPages } from "../../scripts/budgets.ts";
import { katexFaces, katexFontUrls, preloadKatexFonts } from "../../src/site/katex-fonts.ts";
import { launchBrowser } from "../support/browser.ts";
import { DIST } from "../support/paths.ts";
import { serveStatic } from "../support/static-server.ts";

const page = (...tex: string[]) =>
  `<html><head><link rel="stylesheet" href="/_astro/common.css"></head><body>${tex.map((t) => katex.renderToString(t, { displayMode: true })).join("")}</body></html>`;
const CSS = `@font-face{font-family:KaTeX_Main;src:url(/_astro/KaTeX_Main-Regular.B22N.woff2)format("woff2"),url(/_astro/KaTeX_Main-Regular.x.woff)format("woff")}
@font-face{font-family:KaTeX_Math;src:url(/_astro/KaTeX_Math-Italic.t53AETM-.woff2)format("woff2")}
@font-face{font-family:KaTeX_Size3;src:url(data:font/woff2;base64,d09GMgABAAAAAA4oAA4AAAAAHbQ)format("woff2")}`;

describe("katexFaces", () => {
  it("reads the faces from KaTeX's class names", () => {
    expect(katexFaces(page("1 + 2"))).toEqual(["Main-Regular"]);
    expect(katexFaces(page("x_t"))).toEqual(["Main-Regular", "Math-Italic"]);
    expect(katexFaces(page("\\mathbb{R}^n"))).toContain("AMS-Regular");
    expect(katexFaces(page("\\mathcal{L}"))).toContain("Caligraphic-Regular");
    expect(katexFaces(page("\\mathbf{g}"))).toContain("Main-Bold");
    expect(katexFaces(page("\\boldsymbol{\\theta}"))).toContain("Math-BoldItalic");
    expect(katexFaces(page("\\sum_i x_i"))).toContain("Size2-Regular"); // a display-size operator
    expect(katexFaces(page("\\big( x \\big)"))).toContain("Size1-Regular");
    expect(katexFaces(page("\\Bigg( x \\Bigg)"))).toContain("Size4-Regular");
    expect(katexFaces('<p>No math here, only a class="mathnormal" look-alike</p>')).toEqual([]);
  });
});

describe("preloadKatexFonts", () => {
  it("puts a preload for each face before the first stylesheet, with the URL its stylesheet declares", () => {
    const html = preloadKatexFonts(page("x + 1"), (href) => (href === "/_astro/common.css" ? CSS : ""));
    const links = [
      ...html.matchAll(/<link rel="preload" href="([^"]+)" as="font" type="font\/woff2" crossorigin/g),
    ].map((m) => m[1]);
    expect(links).toEqual(["/_astro/KaTeX_Main-Regular.B22N.woff2", "/_astro/KaTeX_Math-Italic.t53AETM-.woff2"]);
    expect(html.indexOf('rel="preload"')).toBeLessThan(html.indexOf('rel="stylesheet"'));
    expect(preloadKatexFonts(html, () => CSS)).toBe(html); // idempotent
  });

  it("skips a face inlined in the stylesheet and leaves pages without math alone", () => {
    expect(katexFontUrls(CSS).has("Size3-Regular")).toBe(false);
    const plain = '<html><head><link rel="stylesheet" href="/a.css"></head><body><p>Prose</p></body></html>';
    expect(preloadKatexFonts(plain, () => CSS)).toBe(plain);
  });
});

describe("the built site", () => {
  it("preloads on every page exactly the KaTeX fonts Chromium uses, and fetches no other font", async () => {
    const browser = await launchBrowser();
    const server = await serveStatic(DIST);
    try {
      const css = readdirSync(path.join(DIST, "_astro")).filter((name) => name.endsWith(".css"));
      const fetchable = new Set(
        css.flatMap((name) => [...katexFontUrls(readFileSync(path.join(DIST, "_astro", name), "utf8")).keys()]),
      );
      expect(fetchable.has("Main-Regular")).toBe(true);
      let withMath = 0;
      for (const url of builtPages(DIST)) {
        const file = path.join(DIST, url.endsWith(".html") ? url : `${url}index.html`);
        const preloaded = [
          ...readFileSync(file, "utf8").matchAll(
            /<link rel="preload" href="[^"]*\/KaTeX_([A-Za-z0-9]+-[A-Za-z]+)\.[^"]*"/g,
          ),
        ]
          .map((m) => m[1]!)
          .sort();
        const context = await browser.newContext();
        const tab = await context.newPage();
        const fetched = new Set<string>();
        tab.on("request", (request) => {
          if (request.resourceType() === "font")
            fetched.add(
              decodeURIComponent(new URL(request.url()).pathname)
                .split("/")
                .pop()!
                .split(".")[0]!
                .replace(/^KaTeX_/, ""),
            );
        });
        await tab.goto(server.url + url, { waitUntil: "networkidle" });
        const used = await tab.evaluate(async () => {
          await document.fonts.ready;
          const style = (face: FontFace) => {
            const bold = face.weight === "bold" || Number(face.weight) >= 600;
            const italic = face.style === "italic";
            return bold && italic ? "BoldItalic" : bold ? "Bold" : italic ? "Italic" : "Regular";
          };
          return [...document.fonts]
            .filter((face) => face.status === "loaded" && face.family.replace(/"/g, "").startsWith("KaTeX_"))
            .map((face) => `${face.family.replace(/"/g, "").slice("KaTeX_".length)}-${style(face)}`);
        });
        await context.close();
        // A face inlined in the stylesheet (a data: URL; Size3 is small enough) is used but never fetched.
        const needed = used.filter((face) => fetchable.has(face)).sort();
        expect({ url, preloaded }).toEqual({ url, preloaded: needed });
        expect({ url, fetched: [...fetched].sort() }).toEqual({ url, fetched: needed });
        if (needed.length) withMath++;
      }
      expect(withMath).toBeGreaterThan(15);
    } finally {
      await server.close();
      await browser.close();
    }
  }, 300_000);
});
