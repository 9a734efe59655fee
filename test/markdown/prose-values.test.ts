import { compile } from "@mdx-js/mdx";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import remarkCells from "../../src/markdown/remark-cells.ts";
import remarkLesson, { type RemarkLessonOptions } from "../../src/markdown/remark-lesson.ts";

import { formatValue, parseValueAttributes } from "../../src/markdown/prose-values.ts";

/** remark-lesson builds the model remark-cells runs (the plugin puts it first). */
const lessonModel: [typeof remarkLesson, RemarkLessonOptions] = [
  remarkLesson,
  { root: "/project", routeOf: () => "/lessons/x/" },
];

const lesson = (mdx: string) =>
  compile(new VFile({ path: "/project/content/lessons/03-x.mdx", value: mdx }), {
    remarkPlugins: [lessonModel, [remarkCells, { component: "/Cell.astro", root: "/project" }]],
  }).then(String);

describe("<Value> in prose", () => {
  it("puts a value computed by the page's cells into the text at build time", async () => {
    const js = await lesson(
      "```ts cell\nconst firstStep = 0.02 * (1 - 0.9) / Math.sqrt(1 - 0.9999);\n```\n\n" +
        'The first step is <Value of="firstStep" digits="3" />, or <Value of="firstStep / 0.02" sig="2" /> times α.',
    );
    expect(js).toContain('"The first step is ", "0.200", ", or ", "10", " times α."');
    expect(js).not.toContain("Value");
  });

  it("formats percentages, significant digits, scientific notation and negative numbers", () => {
    const v = (value: number) => ({ value });
    expect(formatValue(v(0.9731), { percent: true, digits: 1 })).toBe("97.3%");
    expect(formatValue(v(0.000123456), { sig: 3 })).toBe("0.000123");
    expect(formatValue(v(2e-8), { sci: true, digits: 1 })).toBe("2.0 × 10⁻⁸");
    expect(formatValue(v(-0.07373187), { digits: 4 })).toBe("−0.0737");
    expect(formatValue({ value: "adam" }, {})).toBe("adam");
  });

  it("fails the build with file, line and the reason when an expression fails or an attribute is wrong", async () => {
    await expect(lesson('Intro.\n\nWe reach <Value of="missing.loss" digits="2" />.')).rejects.toThrow(
      'content/lessons/03-x.mdx:3: <Value of="missing.loss"> failed: ReferenceError: missing is not defined',
    );
    await expect(lesson('<Value of="1" precision="2" />')).rejects.toThrow(
      'content/lessons/03-x.mdx:1: <Value> has no attribute "precision"; the attributes are of, digits, sig, percent, sci',
    );
    expect(() => parseValueAttributes({ of: "x", digits: "two" })).toThrow(
      '<Value> digits must be an integer in [0, 20]; received "two"',
    );
  });
});
