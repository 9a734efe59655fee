/**
 * The course's lessons, checked in the built site (dist/): every lesson built with its cells run, valid frontmatter
 * in the right part, at least one equation, cell and accessible plot, links that resolve, numbers in the prose
 * filled in, and seed 003's tables as the library computes them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { adam } from "../../src/optim/index.ts";
import { numpyVector } from "../../src/plot/index.ts";
import { bowl } from "../../src/problems/index.ts";
import { minimize } from "../../src/run/index.ts";
import { frontmatterField } from "../../src/site/course.ts";
import { lessonSlug } from "../../src/site/lessons.ts";
import { lessonFields } from "../../src/site/schema.ts";
import { SEED_003_STEPS, SEED_003_TABLE } from "../optim/seed-003.ts";
import { DIST, ROOT } from "../support/paths.ts";

const LESSONS = path.join(ROOT, "content/lessons");
const files = readdirSync(LESSONS)
  .filter((file) => file.endsWith(".mdx"))
  .sort();

/** The course as the issue orders it: each file's number and part. */
const PLAN: [string, string][] = [
  ["00", "Start here"],
  ["01", "Start here"],
  ["02", "Gradient descent"],
  ["03", "Gradient descent"],
  ["04", "Adaptive learning rates"],
  ["05", "Adaptive learning rates"],
  ["06", "Adaptive learning rates"],
  ["07", "Adam"],
  ["08", "Adam"],
  ["09", "Adam"],
  ["10", "Adam"],
  ["11", "Beyond Adam"],
  ["12", "Beyond Adam"],
  ["13", "Beyond Adam"],
  ["14", "Beyond Adam"],
  ["15", "Beyond Adam"],
  ["16", "Under the hood"],
  ["17", "Adam in practice"],
  ["18", "Adam in practice"],
  ["19", "Adam in practice"],
  ["20", "Adam in practice"],
  ["21", "Adam in practice"],
  ["22", "Adam in practice"],
];
const PART_OF = new Map(PLAN);

const pageOf = (file: string) => path.join(DIST, lessonSlug(`lessons/${file}`), "index.html");
const htmlOf = (file: string) => readFileSync(pageOf(file), "utf8");
/** The page's <main>: the lesson itself, without the sidebar and header. */
const mainOf = (file: string) => {
  const html = htmlOf(file);
  return html.slice(html.indexOf("<main"), html.lastIndexOf("</main>"));
};
/** The pre-rendered output of the cell with this id. */
const outputOf = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}" data-state`);
  expect(start, `cell ${id}`).toBeGreaterThan(0);
  const output = html.indexOf("data-cell-output", start);
  return html.slice(output, html.indexOf("</section>", output));
};
/** Cell outputs' text with tags removed and entities decoded, as a reader sees it. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("the course", () => {
  it("has the lessons of the plan, in order", () => {
    expect(files.map((file) => file.slice(0, 2))).toEqual(PLAN.map(([number]) => number));
  });

  it.each(files)("%s: its frontmatter passes the schema and puts it in its part", (file) => {
    const source = readFileSync(path.join(LESSONS, file), "utf8");
    const field = (name: string) => frontmatterField(source, name);
    expect(field("title")?.length, "title").toBeGreaterThan(3);
    expect(field("description")?.length, "description").toBeGreaterThan(20);
    const seeds = field("seeds");
    const parsed = lessonFields.parse({
      part: field("part"),
      seeds: seeds === undefined ? undefined : JSON.parse(seeds),
    });
    expect(parsed.part).toBe(PART_OF.get(file.slice(0, 2)));
  });
});

describe.each(files)("%s, built", (file) => {
  it("is a page of the site", () => {
    expect(existsSync(pageOf(file)), pageOf(file)).toBe(true);
  });

  it("has an equation rendered by KaTeX, cells that ran without error, and a plot", () => {
    const main = mainOf(file);
    expect(main).toMatch(/class="katex"/);
    expect(main.match(/<section class="cell[^"]*" data-cell /g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(main).not.toContain("out-error");
    expect(main).toMatch(/class="out out-figure"><(figure|svg)/);
  });

  it("labels and describes every plot for screen readers, and labels its axes", () => {
    const svgs = [...mainOf(file).matchAll(/<svg[^>]*class="plot-[^"]*"[^>]*>/g)].map((m) => m[0]);
    expect(svgs.length).toBeGreaterThan(0);
    for (const svg of svgs) {
      expect(svg, svg.slice(0, 200)).toMatch(/aria-label="[^"]{10,}"/);
      expect(svg, svg.slice(0, 200)).toMatch(/aria-description="[^"]{20,}"/);
    }
    const main = mainOf(file);
    expect(main).toMatch(/aria-label="x-axis label"/);
    expect(main).toMatch(/aria-label="y-axis label"/);
  });

  it("invites an edit and cites its sources", () => {
    const main = mainOf(file);
    expect(main).toMatch(/<strong>Try this\.<\/strong>/);
    expect(main).toMatch(/<h2 id="references"/);
  });

  it("has every number of its prose filled in by the cells", () => {
    const prose = text(mainOf(file).replace(/<section class="cell[\s\S]*?<\/section>/g, ""));
    expect(prose).not.toMatch(/<Value|\bNaN\b|\bundefined\b|\[object Object\]/);
  });

  it("links only to pages that exist", () => {
    const page = `/${lessonSlug(`lessons/${file}`)}/`;
    for (const [, href] of mainOf(file).matchAll(/<a[^>]* href="([^"#]+)(#[^"]*)?"/g)) {
      if (/^[a-z]+:/.test(href!)) continue; // external
      const target = new URL(href!, `http://site${page}`).pathname;
      expect(
        existsSync(path.join(DIST, target, target.endsWith("/") ? "index.html" : "")),
        `${href} from ${page}`,
      ).toBe(true);
    }
  });
});

describe("seed 003's tables", () => {
  const lines = (rows: readonly (readonly number[])[]) =>
    rows.map((row, i) => `Epoch ${SEED_003_STEPS[i]! - 1}, current state: ${numpyVector(row)}`).join("\n");
  const corrected = minimize(bowl(), adam({ lr: 0.02, betas: [0.9, 0.9999], eps: 1e-8 }), { steps: 151 });

  it("are the seed's own lines on the bias-correction page, without correction", () => {
    const html = htmlOf("08-bias-correction.mdx");
    expect(text(outputOf(html, "seed-003-uncorrected"))).toContain(lines(SEED_003_TABLE));
  });

  it("match the library's corrected Adam on the bias-correction and one-page lessons", () => {
    const expected = lines(SEED_003_STEPS.map((t) => corrected.x[t]!));
    expect(text(outputOf(htmlOf("08-bias-correction.mdx"), "seed-003-corrected"))).toContain(expected);
    expect(text(outputOf(htmlOf("01-adam-in-one-page.mdx"), "corrected"))).toContain(expected);
  });
});

describe("inputs", () => {
  it("gives the decay-rate lesson sliders for β₁, 1 − β₂ and α", () => {
    const output = outputOf(htmlOf("09-decay-rates.mdx"), "beta-sliders");
    expect(output.match(/class="widget widget-slider"/g)).toHaveLength(3);
    for (const label of ["β₁", "1 − β₂", "α"]) expect(output).toContain(`<span class="widget-label">${label}</span>`);
  });
});
