/**
 * The page chrome stays put while a long lesson streams in: Chromium lays out and paints a document before all of it
 * has arrived, and nothing already shown may move when the rest comes. On the fixture's long page.
 */
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage } from "../support/notebook-page.ts";
import { LONG, startFixture } from "./fixture.ts";

let site: Awaited<ReturnType<typeof startFixture>>;
beforeAll(async () => {
  site = await startFixture();
});
afterAll(() => site?.close());

/**
 * A server that hands out `page` in two parts — everything before `split`, then, when `release` is called, the
 * rest — and passes every other request to the built site.
 */
async function streamingServer(page: string, split: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = createServer(async (request, response) => {
    const upstream = await fetch(new URL(request.url!.replace(/^\//, ""), site.server.url));
    if (request.url !== `/${page}`) {
      response.writeHead(upstream.status, {
        "content-type": upstream.headers.get("content-type") ?? "application/octet-stream",
      });
      response.end(Buffer.from(await upstream.arrayBuffer()));
      return;
    }
    const html = await upstream.text();
    const at = html.indexOf(split);
    expect(at).toBeGreaterThan(0);
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    // Enough bytes that Chromium starts rendering instead of waiting for more (it buffers the first kilobytes).
    response.write(html.slice(0, at) + `<!--${" ".repeat(64 * 1024)}-->`);
    await released;
    response.end(html.slice(at));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/${page}`,
    release,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe("a lesson that streams in", () => {
  it("keeps its table of contents where it ends up while the main pane has not arrived", async () => {
    const stream = await streamingServer(LONG, '<div class="main-pane');
    const { context, page } = await newPage(site.browser, { viewport: { width: 1350, height: 940 } });
    try {
      await page.goto(stream.url, { waitUntil: "commit" });
      // The table of contents is in the document and styled (a fixed panel on a wide screen); the lesson is not.
      await page.waitForFunction(() => {
        const sidebar = document.querySelector(".right-sidebar");
        return (
          sidebar && getComputedStyle(sidebar).position === "fixed" && sidebar.textContent!.includes("The last section")
        );
      });
      expect(await page.locator(".main-pane").count()).toBe(0);
      const before = await page.locator(".right-sidebar").evaluate((e) => e.getBoundingClientRect().left);
      stream.release();
      await page.waitForLoadState("load");
      expect(await page.locator(".main-pane .sl-markdown-content").count()).toBe(1);
      const after = await page.locator(".right-sidebar").evaluate((e) => e.getBoundingClientRect().left);
      // Starlight's column: the right sidebar's width from the right edge of a 1350 px viewport.
      expect(after).toBeGreaterThan(1350 / 2);
      expect(before).toBe(after);
    } finally {
      await context.close();
      await stream.close();
    }
  });
});
