/**
 * What each page of a built site does with KaTeX's fonts in Chromium: the faces its HTML preloads, the fonts it
 * fetches, and the faces its math needs (the KaTeX faces loaded, less those inlined in the stylesheet as data: URLs).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { builtPages } from "../../scripts/budgets.ts";
import { katexFontUrls } from "../../src/site/katex-fonts.ts";
import { launchBrowser } from "./browser.ts";
import { serveStatic } from "./static-server.ts";

export interface PageFonts {
  url: string;
  preloaded: string[];
  fetched: string[];
  needed: string[];
}

export async function katexFontsInChromium(dist: string): Promise<PageFonts[]> {
  const browser = await launchBrowser();
  const server = await serveStatic(dist);
  try {
    const css = readdirSync(path.join(dist, "_astro")).filter((name) => name.endsWith(".css"));
    const fetchable = new Set(
      css.flatMap((name) => [...katexFontUrls(readFileSync(path.join(dist, "_astro", name), "utf8")).keys()]),
    );
    if (!fetchable.has("Main-Regular")) throw new Error(`${dist}: no stylesheet declares KaTeX_Main-Regular`);
    const pages: PageFonts[] = [];
    for (const url of builtPages(dist)) {
      const file = path.join(dist, url.endsWith(".html") ? url : `${url}index.html`);
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
      pages.push({ url, preloaded, fetched: [...fetched].sort(), needed });
    }
    return pages;
  } finally {
    await server.close();
    await browser.close();
  }
}
