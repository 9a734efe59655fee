/** Charts as standalone SVG files, tables as text: the exports' forms of the notebook's figure and table outputs. */
import { describe, expect, it } from "vitest";
import { standaloneSvg } from "../../src/export/runtime/figure-svg.ts";
import { decodeEntities, markupText, topElements } from "../../src/export/runtime/markup.ts";
import { textTable } from "../../src/export/runtime/text-table.ts";
import { drawingKit } from "../../src/notebook/kernel/drawing-kit.ts";
import { outputFor } from "../../src/notebook/shared/outputs.ts";

const { Plot } = drawingKit() as { Plot: typeof import("@observablehq/plot") };

/** The chart's markup as the build stores it (a figure output's HTML). */
const markupOf = (chart: unknown) => (outputFor(chart) as { html: string }).html;

/** Well-formed XML, as far as tags go: every element closed in order, names matched case-sensitively. */
function expectWellFormed(xml: string) {
  const open: string[] = [];
  for (const tag of xml
    .replace(/<style>[\s\S]*?<\/style>/g, "<style/>")
    .matchAll(/<(\/?)([A-Za-z][\w:-]*)\b(?:"[^"]*"|'[^']*'|[^>"'])*?(\/?)>/g)) {
    if (tag[3]) continue;
    if (tag[1]) expect(open.pop(), `closing </${tag[2]}>`).toBe(tag[2]);
    else open.push(tag[2]!);
  }
  expect(open).toEqual([]);
  expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);)/i);
}

describe("standaloneSvg", () => {
  it("makes a chart's <svg> a document: the SVG namespace and a white background", () => {
    const chart = Plot.plot({ ariaLabel: "a line", marks: [Plot.lineY([1, 3, 2])] });
    const { svg, label } = standaloneSvg(markupOf(chart))!;
    expect(label).toBe("a line");
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*viewBox="0 0 640 400"[^>]*><rect width="100%" height="100%" fill="white"\/><style>/,
    );
    expectWellFormed(svg);
  });

  it("keeps SVG's camel-cased names (a re-parsed DOM would lower-case clipPath)", () => {
    const chart = Plot.plot({
      x: { domain: [0, 1] },
      marks: [
        Plot.dot(
          [
            [0.5, 0.5],
            [3, 3],
          ],
          { clip: true },
        ),
      ],
    });
    const { svg } = standaloneSvg(markupOf(chart))!;
    expect(svg).toContain("<clipPath");
    expect(svg).toContain("clip-path=");
    expectWellFormed(svg);
  });

  it("lays out a figure as one SVG: title, legend swatches with their labels, the chart, the caption", () => {
    const chart = Plot.plot({
      title: "Two runs",
      caption: "Loss & more",
      color: {
        legend: true,
        domain: ["without bias correction", "with bias correction"],
        range: ["#D55E00", "#0072B2"],
      },
      ariaLabel: "two lines",
      marks: [Plot.lineY([1, 2], { stroke: () => "with bias correction" })],
    });
    const html = markupOf(chart);
    expect(html).toMatch(/^<figure/);
    const { svg, label } = standaloneSvg(html)!;
    expect(label).toBe("two lines");
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="640" height="(\d+)" viewBox="0 0 640 \1"/,
    );
    expect(svg).toContain('<text x="0" y="21" font-size="16" font-weight="600">Two runs</text>');
    expect(svg).toContain('<svg fill="#D55E00" height="15" width="15">');
    expect(svg).toMatch(/<text x="\d+" y="12" dy="0.32em">without bias correction<\/text>/);
    expect(svg).toContain(">Loss &amp; more</text>");
    expect(svg.indexOf("Two runs")).toBeLessThan(svg.indexOf("without bias correction"));
    expect(svg.indexOf('aria-label="two lines"')).toBeLessThan(svg.indexOf("Loss &amp; more"));
    expectWellFormed(svg);
  });

  it("says when markup holds no chart", () => {
    expect(standaloneSvg("<div>text</div>")).toBeUndefined();
    expect(standaloneSvg("")).toBeUndefined();
  });
});

describe("the markup reader", () => {
  it("finds top-level elements with their attributes, through nesting, void elements and <style>", () => {
    const elements = topElements('<p class="a">x<br><b>y</b></p><style>a > b { }</style><svg width="2"><rect/></svg>');
    expect(elements.map((element) => [element.tag, element.attributes, element.inner])).toEqual([
      ["p", { class: "a" }, "x<br><b>y</b>"],
      ["style", {}, "a > b { }"],
      ["svg", { width: "2" }, "<rect/>"],
    ]);
  });

  it("reads text with character references decoded and styles left out", () => {
    expect(markupText("<span>a&#160;&lt;b&gt; &amp; &quot;c&quot;<style>x{}</style></span>")).toBe('a\u00a0<b> & "c"');
    expect(decodeEntities("&#x2212;1 &unknown;")).toBe("−1 &unknown;");
  });
});

describe("textTable", () => {
  it("pads columns, right-aligns numbers, and keeps the note of rows left out", () => {
    const rows = Array.from({ length: 22 }, (_, i) => ({ name: i === 0 ? "adam" : "sgd", "loss ×10": i * 1.5 }));
    const text = textTable(markupOf(rows));
    expect(text.split("\n").slice(0, 4)).toEqual([
      "name │ loss ×10",
      "─────┼─────────",
      "adam │        0",
      "sgd  │      1.5",
    ]);
    expect(text.split("\n").at(-1)).toBe("First 20 of 22 rows");
  });
});
