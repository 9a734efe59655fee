/**
 * Hosting under a sub-path: the fixture site (test/fixtures/platform) built with BASE_PATH=/moments/ and served only there. Every link, stylesheet,
 * script, font, the kernel's bundles and the search index must resolve under /moments/, and nothing is fetched from
 * another origin.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { buildPlatform } from "../support/build.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";
import type { Browser } from "playwright-core";
import { MATH } from "./fixture.ts";

const BASE = "/moments/";
let dist: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), "moments-base-"));
  buildPlatform({ BASE_PATH: BASE, PLATFORM_OUT_DIR: dist });
  server = await serveStatic(dist, BASE);
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe(`the site under ${BASE}`, () => {
  it("refers to everything under the base path, and every file it refers to exists", () => {
    const problems: string[] = [];
    const files = readdirSync(dist, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    for (const entry of files) {
      const file = path.join(entry.parentPath, entry.name);
      if (!/\.(html|css)$/.test(file)) continue;
      const text = readFileSync(file, "utf8");
      const urls = [
        ...text.matchAll(/\b(?:href|src)="(\/[^"#?]*)/g),
        ...text.matchAll(/url\(\s*["']?(\/[^"')#?]+)/g),
      ].map((match) => match[1]!);
      for (const url of urls) {
        if (!url.startsWith(BASE)) problems.push(`${path.relative(dist, file)}: ${url} is outside ${BASE}`);
        else {
          const target = path.join(dist, decodeURIComponent(url.slice(BASE.length)));
          if (!existsSync(target) && !existsSync(path.join(target, "index.html")))
            problems.push(`${path.relative(dist, file)}: ${url} does not exist`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("runs cells, draws plots, searches and loads fonts with every request under the base path", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const requests: { url: string; status: number }[] = [];
    page.on("response", (response) => requests.push({ url: response.url(), status: response.status() }));
    page.on("requestfailed", (request) => requests.push({ url: request.url(), status: 0 }));
    await page.goto(server.url + MATH);
    expect(await page.locator(".katex").count()).toBeGreaterThan(5);
    // Runs every cell above, then draws with the library's drawing module (loaded with Plot on first use).
    await page.locator("#grid .cell-run").click();
    await page.locator("#grid[data-state=ok]").waitFor({ timeout: 30_000 });
    expect(await page.locator("#grid [data-cell-output] svg").count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: /^Search/ }).click();
    // Pagefind's UI starts when the dialog first opens: on a busy machine it may miss what is typed before it listens.
    const input = page.locator("dialog[open] input");
    await expect
      .poll(
        async () => {
          await input.fill("");
          await input.fill("zymurgy");
          await page.waitForTimeout(1500);
          return page.locator(".pagefind-ui__result-link").count();
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    const firstResult = await page.locator(".pagefind-ui__result-link").first().getAttribute("href");
    expect(firstResult).toMatch(new RegExp(`^${BASE}`));
    await context.close();

    const origin = new URL(server.url).origin;
    // The kernel starts its bundles from blob: URLs inside its sandbox: local, not fetched.
    const fetched = requests.filter((r) => !/^(blob|data):/.test(r.url));
    expect(fetched.filter((r) => !r.url.startsWith(origin)).map((r) => r.url)).toEqual([]); // nothing from elsewhere
    expect(fetched.filter((r) => !new URL(r.url).pathname.startsWith(BASE)).map((r) => r.url)).toEqual([]);
    expect(fetched.filter((r) => r.status >= 400 || r.status === 0).map((r) => `${r.status} ${r.url}`)).toEqual([]);
    expect(requests.some((r) => /\/_astro\/browser-worker-[\w-]+\.js$/.test(r.url))).toBe(true); // the kernel came from the base
    expect(requests.some((r) => /\/pagefind\//.test(r.url))).toBe(true);
    expect(requests.some((r) => /KaTeX_.*\.woff2$/.test(r.url))).toBe(true);
  });
});
