/**
 * KaTeX font preloads (src/site/katex-fonts.ts): each page preloads exactly the KaTeX faces its math uses. The built
 * site is the fixture's, whose equations page uses faces beyond Main and Math (AMS, Caligraphic, bold, sizes).
 */
import katex from "katex";
import { describe, expect, it } from "vitest";
import { katexFaces, katexFontUrls, preloadKatexFonts } from "../../src/site/katex-fonts.ts";
import { katexFontsInChromium } from "../support/katex-fonts.ts";
import { MATH, PLATFORM_DIST as DIST } from "./fixture.ts";

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
    const pages = await katexFontsInChromium(DIST);
    for (const { url, preloaded, fetched, needed } of pages) {
      expect({ url, preloaded }).toEqual({ url, preloaded: needed });
      expect({ url, fetched }).toEqual({ url, fetched: needed });
    }
    // notebook, math, long, search and prose have math; the equations page uses faces beyond Main and Math.
    expect(pages.filter((page) => page.needed.length > 0).length).toBeGreaterThanOrEqual(5);
    expect(pages.find((page) => page.url === MATH)!.needed).toEqual(
      expect.arrayContaining(["AMS-Regular", "Caligraphic-Regular", "Main-Bold", "Math-BoldItalic", "Size1-Regular"]),
    );
  }, 300_000);
});
