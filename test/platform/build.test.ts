/**
 * The fixture site as built, checked as files: math is rendered by KaTeX at build and self-hosted; cells are
 * pre-rendered with their DOM contract and outputs; a paired block has its rows, labels, heights and values in the
 * static HTML; and no editor or kernel code loads before the reader interacts.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pageWeight } from "../support/page-weight.ts";
import { MATH, NOTEBOOK, PLATFORM_DIST as DIST } from "./fixture.ts";

const lessonFile = `${MATH}index.html`;
const html = readFileSync(path.join(DIST, lessonFile), "utf8");

/** The HTML of one cell's pre-rendered output. */
function outputOf(id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `cell ${id}`).toBeGreaterThan(0);
  const output = html.indexOf("data-cell-output", start);
  return html.slice(output, html.indexOf("</section>", output));
}

describe("a built page", () => {
  it("has its equations rendered by KaTeX at build time (MathML for screen readers, no KaTeX script)", () => {
    expect(html.match(/class="katex"/g)!.length).toBeGreaterThan(10);
    expect(html).toContain('<annotation encoding="application/x-tex">');
    expect(html).toContain("a_t = \\beta\\, a_{t-1} + (1 - \\beta)\\, x_t");
    expect(html).not.toMatch(/<script[^>]*katex/i);
  });

  it("numbers its labelled equations and links each \\eqref to its equation", () => {
    expect(html.match(/class="katex-display"/g)!.length).toBeGreaterThanOrEqual(2);
    const targets = [...html.matchAll(/<a [^>]*href="#(eq-[\w-]+)"/g)].map((m) => m[1]!);
    expect(new Set(targets).size).toBe(2);
    for (const id of targets) expect(html).toContain(`id="${id}"`);
  });

  it("self-hosts KaTeX's stylesheet and fonts", () => {
    const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)]
      .map((m) => readFileSync(path.join(DIST, m[1]!), "utf8"))
      .join("");
    expect(css).toContain(".katex");
    expect(css).toMatch(/url\(\/_astro\/KaTeX_Main-Regular\.[\w-]+\.woff2\)/);
    expect(readdirSync(path.join(DIST, "_astro")).some((f) => /^KaTeX_Main-Regular\..*\.woff2$/.test(f))).toBe(true);
  });

  it("pre-renders each cell with the DOM contract: data-cell, id, data-state, a Run button, a live output", () => {
    const roots = [...html.matchAll(/<section [^>]*\bdata-cell\b[^>]*>/g)].map((m) => m[0]);
    expect(roots.every((tag) => /\bdata-state="idle"/.test(tag))).toBe(true);
    const cells = roots.map((tag) => /\bid="([\w-]+)"/.exec(tag)?.[1]);
    expect(cells).toEqual(["setup", "summary", "curve", "grid"]);
    expect(html.match(/<button type="button" class="cell-run" aria-label="Run cell \d"/g)).toHaveLength(4);
    expect(html.match(/data-cell-output aria-live="polite"/g)).toHaveLength(4);
  });

  it("holds the outputs and the prose's values computed at build time, charts as inline SVG", () => {
    expect(outputOf("summary")).toMatch(/first corrected: \d\.\d{4}, first raw: 0\.\d{4}/);
    expect(html).toMatch(/After 60 steps the average is \d\.\d{3} and the corrected one\s+\d\.\d{3}/);
    expect(outputOf("curve").match(/<path/g)!.length).toBeGreaterThanOrEqual(2);
    expect(outputOf("grid")).toMatch(/<svg[^>]*aria-label="1 − βᵗ for three β and four t"/);
  });

  it("loads no editor or kernel code before the reader interacts", () => {
    const weight = pageWeight(DIST, lessonFile);
    const before = weight.scripts.map((file) => readFileSync(path.join(DIST, file), "utf8")).join("\n");
    expect(before).not.toContain("moments-kernel"); // the worker's name, in the kernel client
    expect(before).not.toContain("cm-content"); // CodeMirror
    expect(before).toContain("__momentsCells"); // the small loader is there
  });
});

describe("a paired block as built", () => {
  const page = readFileSync(path.join(DIST, `${NOTEBOOK}index.html`), "utf8");
  const block = page.slice(
    page.indexOf('id="paired-demo-paired"'),
    page.indexOf("</section>", page.indexOf('id="paired-demo"')),
  );

  it("renders every equation row with KaTeX, with its label, the value from the build's run, and a description", () => {
    const rows = [...block.matchAll(/<li class="paired-slot paired-row"[^>]*data-pair-eq="(\w+)"[^>]*>/g)].map(
      (m) => m[1],
    );
    expect(rows).toEqual(["g", "m", "v", "mHat", "vHat", "theta"]);
    expect(block).toContain('<span class="pair-value" data-pair-value="theta" data-pagefind-ignore>= 0.07625</span>');
    expect(block.match(/class="katex"/g)!.length).toBeGreaterThanOrEqual(12); // both sides of six rows
    expect(block).toContain(
      '<span id="paired-demo-paired-m">Computed by the code on line 5: m = beta1 * m + (1 - beta1) * g;</span>',
    );
  });

  it("gives each labelled code line its label and its row's height, so the columns align without JavaScript", () => {
    expect(block).toMatch(/<span class="line" data-line="4" data-pair-line="g" style="--line-height: [\d.]+rem">/);
    expect(block).toMatch(/<li class="paired-slot" style="--slot-height: 1.4rem" aria-hidden="true"><\/li>/); // an unpaired line
    // The code's text is still exactly the cell's source (line breaks kept in hidden spans).
    expect(block).toContain('</span><span class="nl">\n</span><span class="line" data-line="2">');
  });

  it("carries highlight rules for its own labels", () => {
    expect(block).toContain(
      '#paired-demo-paired:has([data-pair-eq="mHat"]:is(:hover, :focus-visible)) [data-pair-line="mHat"]',
    );
  });
});
