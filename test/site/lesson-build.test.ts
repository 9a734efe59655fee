/** The built lesson, checked as files: math, cells and outputs are in the static HTML; no runtime loads up front. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DIST } from "../support/paths.ts";
import { pageWeight } from "../support/page-weight.ts";

const lessonFile = "lessons/adam-in-one-page/index.html";
const html = readFileSync(path.join(DIST, lessonFile), "utf8");

/** The HTML of one cell's pre-rendered output. */
function outputOf(id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `cell ${id}`).toBeGreaterThan(0);
  const output = html.indexOf("data-cell-output", start);
  return html.slice(output, html.indexOf("</section>", output));
}

describe("the built lesson", () => {
  it("has its equations rendered by KaTeX at build time (MathML for screen readers, no KaTeX script)", () => {
    expect(html.match(/class="katex"/g)!.length).toBeGreaterThan(10);
    expect(html).toContain('<annotation encoding="application/x-tex">');
    expect(html).toMatch(/\\hat m_t \\leftarrow m_t \/ \(1 - \\beta_1\^t\)/);
    expect(html).not.toMatch(/<script[^>]*katex/i);
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
    expect(cells).toEqual(["setup", "uncorrected", "first-step", "corrected", "paths"]);
    expect(html.match(/<button type="button" class="cell-run" aria-label="Run cell \d"/g)).toHaveLength(5);
    expect(html.match(/data-cell-output aria-live="polite"/g)).toHaveLength(5);
  });

  it("holds the seed-003 table, computed at build time, in the static HTML", () => {
    expect(outputOf("uncorrected")).toContain(
      [
        "Epoch 0, current state: [2.80000003 3.80000002]",
        "Epoch 30, current state: [ 0.27175946 -0.35494334]",
        "Epoch 60, current state: [-0.07373187 -0.06706317]",
        "Epoch 90, current state: [-0.02001478  0.0301726 ]",
        "Epoch 120, current state: [ 0.00082782 -0.0039881 ]",
        "Epoch 150, current state: [ 0.00094425 -0.00038352]",
      ].join("\n"),
    );
  });

  it("holds the plot cell's chart as inline SVG with an accessible label", () => {
    const output = outputOf("paths");
    expect(output).toMatch(/<svg[^>]*aria-label="Adam's paths on f\(x, y\) = x² \+ y² from \(3, 4\)/);
    expect(output.match(/<path/g)!.length).toBeGreaterThan(3);
  });

  it("loads no editor or kernel code before the reader interacts", () => {
    const weight = pageWeight(DIST, lessonFile);
    const before = weight.scripts.map((file) => readFileSync(path.join(DIST, file), "utf8")).join("\n");
    expect(before).not.toContain("moments-kernel"); // the worker's name, in the kernel client
    expect(before).not.toContain("cm-content"); // CodeMirror
    expect(before).toContain("__momentsCells"); // the small loader is there
  });
});
