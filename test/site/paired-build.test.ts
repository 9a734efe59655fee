/**
 * Our lessons' equations beside code, as built: Algorithm 1 of Adam and the AdaGrad and RMSprop updates, with their
 * values. (How a paired block is built is tested on the platform's fixture site, test/platform/build.test.ts.)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DIST } from "../support/paths.ts";

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
