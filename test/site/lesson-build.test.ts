/**
 * Our Adam-in-one-page lesson as built, checked as files: its equations, cells and outputs (seed 003's table, the
 * paths chart) are in the static HTML. (What every built page must be — self-hosted KaTeX, the cell DOM, no runtime
 * up front — is tested on the platform's fixture site, test/platform/build.test.ts.)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DIST } from "../support/paths.ts";

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

  it("pre-renders each cell with the DOM contract: data-cell, id, data-state, a Run button, a live output", () => {
    const roots = [...html.matchAll(/<section [^>]*\bdata-cell\b[^>]*>/g)].map((m) => m[0]);
    expect(roots.every((tag) => /\bdata-state="idle"/.test(tag))).toBe(true);
    const cells = roots.map((tag) => /\bid="([\w-]+)"/.exec(tag)?.[1]);
    expect(cells).toEqual(["setup", "uncorrected", "first-step", "corrected", "paths", "first-step-exercise"]);
    expect(html.match(/<button type="button" class="cell-run" aria-label="Run cell \d"/g)).toHaveLength(6);
    expect(html.match(/data-cell-output aria-live="polite"/g)).toHaveLength(6);
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
});
