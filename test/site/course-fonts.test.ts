/**
 * Our course's pages preload exactly the KaTeX faces their math uses, and fetch no other font (the mechanism is
 * tested on the platform's fixture site, test/platform/katex-fonts; this guards our lessons' real equations).
 */
import { describe, expect, it } from "vitest";
import { katexFontsInChromium } from "../support/katex-fonts.ts";
import { DIST } from "../support/paths.ts";

describe("our course's KaTeX fonts", () => {
  it("are preloaded on every page exactly as Chromium uses them, and no other font is fetched", async () => {
    const pages = await katexFontsInChromium(DIST);
    for (const { url, preloaded, fetched, needed } of pages) {
      expect({ url, preloaded }).toEqual({ url, preloaded: needed });
      expect({ url, fetched }).toEqual({ url, fetched: needed });
    }
    expect(pages.filter((page) => page.needed.length > 0).length).toBeGreaterThan(15);
  }, 300_000);
});
