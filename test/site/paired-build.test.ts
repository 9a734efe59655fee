/** Equations beside code, as built: rows, labels, heights and values are in the static HTML (no JavaScript needed). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DIST } from "../support/paths.ts";

const html = readFileSync(path.join(DIST, "reference/cell-library/index.html"), "utf8");
const block = html.slice(
  html.indexOf('id="paired-demo-paired"'),
  html.indexOf("</section>", html.indexOf('id="paired-demo"')),
);

describe("a paired block as built", () => {
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

describe("the lessons use equations beside code", () => {
  const blockOf = (page: string, cell: string) => {
    const lesson = readFileSync(path.join(DIST, page, "index.html"), "utf8");
    const start = lesson.indexOf(`id="${cell}-paired"`);
    expect(start, `${page}: ${cell}`).toBeGreaterThan(0);
    return lesson.slice(start, lesson.indexOf("</section>", lesson.indexOf(`id="${cell}"`, start)));
  };
  const labels = (html: string) => [...html.matchAll(/<li[^>]*data-pair-eq="(\w+)"/g)].map((m) => m[1]);

  it("Algorithm 1 of Adam, line by line, with its values as built", () => {
    const block = blockOf("lessons/adam", "algorithm-by-hand");
    expect(labels(block)).toEqual(["t", "g", "m", "v", "mHat", "vHat", "theta"]);
    expect(block).toContain('<span class="pair-value" data-pair-value="t" data-pagefind-ignore>= 10</span>');
  });

  it("the AdaGrad and RMSprop updates", () => {
    expect(labels(blockOf("lessons/adagrad", "adagrad-by-hand"))).toEqual(["s", "theta"]);
    expect(labels(blockOf("lessons/rmsprop", "rmsprop-by-hand"))).toEqual(["v", "theta"]);
  });
});
