/**
 * The built site as files: self-contained (nothing fetched from another origin), and the SEO basics — titles,
 * descriptions, canonical URLs, a sitemap — on every page. On the fixture site (test/fixtures/platform).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PLATFORM_DIST as DIST } from "./fixture.ts";

const files = readdirSync(DIST, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => path.join(entry.parentPath, entry.name));
const html = files.filter((file) => file.endsWith(".html"));
const read = (file: string) => readFileSync(file, "utf8");
const relative = (file: string) => path.relative(DIST, file);
const EXTERNAL = /^(https?:)?\/\//i;

describe("the built site is self-contained", () => {
  it("has pages to check", () => {
    expect(html.length).toBeGreaterThanOrEqual(8); // home, 404, the kernel's page and five lessons
  });

  it.each(html.map((file) => [relative(file), file]))("%s fetches nothing from another origin", (_, file) => {
    const text = read(file);
    const fetched = [
      ...text.matchAll(/<(?:script|img|iframe|audio|video|source|track|embed)\b[^>]*\bsrc="([^"]+)"/gi),
      ...text.matchAll(
        /<link\b(?=[^>]*\brel="(?:stylesheet|preload|modulepreload|prefetch|icon|manifest|apple-touch-icon|preconnect|dns-prefetch)")[^>]*\bhref="([^"]+)"/gi,
      ),
      ...text.matchAll(/<(?:image|use|feImage)\b[^>]*\b(?:xlink:)?href="([^"]+)"/gi),
      ...text.matchAll(/url\(\s*["']?([^"')]+)/gi),
      ...text.matchAll(/@import\s+["']([^"']+)/gi),
    ].map((match) => match[1]!);
    expect(fetched.filter((url) => EXTERNAL.test(url))).toEqual([]);
  });

  it("has no stylesheet or script that fetches from another origin", () => {
    const offending: string[] = [];
    for (const file of files.filter((f) => /\.(css|js)$/.test(f))) {
      const text = read(file);
      const patterns = file.endsWith(".css")
        ? [/url\(\s*["']?((?:https?:)?\/\/[^"')]+)/gi, /@import\s+["']((?:https?:)?\/\/[^"']+)/gi]
        : [
            /\bimport\s*\(\s*["'`]((?:https?:)?\/\/[^"'`]+)/g,
            /\bfrom\s*["']((?:https?:)?\/\/[^"']+)/g,
            /\b(?:fetch|importScripts)\s*\(\s*["'`]((?:https?:)?\/\/[^"'`]+)/g,
            /\bnew\s+(?:Worker|SharedWorker|EventSource|WebSocket)\s*\(\s*["'`]((?:https?:|wss?:)?\/\/[^"'`]+)/g,
          ];
      for (const pattern of patterns)
        for (const match of text.matchAll(pattern)) offending.push(`${relative(file)}: ${match[1]}`);
    }
    expect(offending).toEqual([]);
  });

  it("serves KaTeX's fonts itself", () => {
    expect(files.some((file) => /KaTeX_Main-Regular\.[\w-]+\.woff2$/.test(file))).toBe(true);
  });
});

describe("SEO basics", () => {
  // (notebook-kernel.html is the kernel's sandboxed page, not a page for readers.)
  const pages = html.filter((file) => !file.endsWith("404.html") && !file.endsWith("notebook-kernel.html"));

  it.each(pages.map((file) => [relative(file), file]))(
    "%s has a title, a description and a canonical URL",
    (_, file) => {
      const text = read(file);
      expect(text).toMatch(/<title>[^<]{3,}<\/title>/);
      const description = /<meta name="description" content="([^"]*)"/.exec(text)?.[1];
      expect(description?.length ?? 0).toBeGreaterThan(20);
      const canonical = /<link rel="canonical" href="([^"]+)"/.exec(text)?.[1];
      const route = relative(file).replace(/index\.html$/, "");
      expect(canonical).toMatch(new RegExp(`^https?://[^/]+/${route.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
    },
  );

  it("gives every page its own title", () => {
    const titles = pages.map((file) => /<title>([^<]*)<\/title>/.exec(read(file))![1]);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("lists every page in the sitemap", () => {
    const sitemap = read(path.join(DIST, "sitemap-0.xml"));
    const listed = [...sitemap.matchAll(/<loc>https?:\/\/[^/]+\/([^<]*)<\/loc>/g)].map((match) => match[1]);
    const routes = pages.map((file) => relative(file).replace(/index\.html$/, ""));
    expect([...listed].sort()).toEqual([...routes].sort());
  });

  it("has a 404 page", () => {
    expect(read(path.join(DIST, "404.html"))).toContain("Page not found");
  });
});
