import { compile } from "@mdx-js/mdx";
import remarkMath from "remark-math";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import remarkCells from "../../src/markdown/remark-cells.ts";
import remarkLesson, { type RemarkLessonOptions } from "../../src/markdown/remark-lesson.ts";

import remarkPaired, { parseRows } from "../../src/markdown/remark-paired.ts";

/** remark-lesson builds the model remark-cells runs (the plugin puts it first). */
const lesson: [typeof remarkLesson, RemarkLessonOptions] = [
  remarkLesson,
  { root: "/project", routeOf: () => "/lessons/x/" },
];

const PAIRED = "/components/Paired.astro";

const compileLesson = (mdx: string) =>
  compile(new VFile({ path: "/project/content/lessons/07-adam.mdx", value: mdx }), {
    remarkPlugins: [
      remarkMath,
      lesson,
      [remarkPaired, { component: PAIRED, root: "/project" }],
      [remarkCells, { component: "/Cell.astro", root: "/project" }],
    ],
  }).then(String);

const block = (math: string, code: string) =>
  `Intro.\n\n<Paired>\n\n$$\n${math}\n$$\n\n\`\`\`ts cell id=step\n${code}\n\`\`\`\n\n</Paired>\n`;

const MATH = String.raw`\begin{aligned}
m_t &\leftarrow \beta_1 m_{t-1} + (1 - \beta_1)\, g_t \pair{m} \\
\hat m_t &\leftarrow \frac{m_t}{1 - \beta_1^t} \pair{mHat}
\end{aligned}`;
const CODE = [
  "let m = 0;",
  "for (let t = 1; t <= 2; t++) {",
  "  m = 0.9 * m + 0.1 * 4;            //: m",
  "  const mHat = m / (1 - 0.9 ** t);  //: mHat",
  "}",
].join("\n");

describe("<Paired>: equations beside code", () => {
  it("splits an aligned block into rows at top-level \\\\ (not inside braces), with their lines", () => {
    const rows = parseRows(String.raw`\begin{aligned}
a &= \frac{1}{2} \\[4pt]
b &= \text{x \\ y} \\
c &= 3
\end{aligned}`);
    expect(rows.map((row) => [row.tex, row.line])).toEqual([
      ["a &= \\frac{1}{2}", 1],
      ["b &= \\text{x \\\\ y}", 2],
      ["c &= 3", 3],
    ]);
  });

  it("renders each row with KaTeX beside the cell, with its values from the build's run", async () => {
    const js = await compileLesson(block(MATH, CODE));
    expect(js).toContain(`import Paired from "${PAIRED}"`);
    const rows = JSON.parse(/rows: ("(?:[^"\\]|\\.)*")/.exec(js)![1]!);
    const parsed = JSON.parse(rows);
    expect(parsed.map((row: { label: string }) => row.label)).toEqual(["m", "mHat"]);
    expect(parsed[1].lhs).toContain('class="katex"');
    expect(parsed[1].height).toBeGreaterThan(parsed[0].height); // a fraction is taller
    // t = 2: m = 0.9·0.4 + 0.4 = 0.76; m̂ = 0.76 / 0.19 = 4.
    expect(js).toContain('values: "{\\"m\\":\\"0.76\\",\\"mHat\\":\\"4\\"}"');
    expect(js).not.toContain('paired: "true"'); // the page reads pairing from the container's data-paired
    expect(js).toContain('data-pair-line=\\"mHat\\" style=\\"--line-height:');
  });

  it("fails the build on a label used on one side only, with the file and line", async () => {
    await expect(compileLesson(block(MATH, CODE.replace("//: mHat", "")))).rejects.toThrow(
      'content/lessons/07-adam.mdx:5: the equation row labelled "mHat" has no code line ending in //: mHat in the paired cell',
    );
    await expect(compileLesson(block(MATH, CODE.replace("//: m\n", "//: m\n  //: extra\n")))).rejects.toThrow(
      "content/lessons/07-adam.mdx:16: code line 4 is labelled //: extra but no equation row has \\pair{extra}",
    );
  });

  it("requires one label per row, one equation, one cell, and valid TeX", async () => {
    await expect(compileLesson(block(MATH.replace(" \\pair{m}", ""), CODE))).rejects.toThrow(
      /07-adam\.mdx:\d+: each equation row needs exactly one \\pair\{label\}/,
    );
    await expect(compileLesson("<Paired>\n\n$$\nx\n$$\n\n</Paired>")).rejects.toThrow(
      "<Paired> must hold exactly one display equation ($$ … $$) and one ```ts cell; found 1 equation(s), 0 cell(s) and 0 other block(s)",
    );
    await expect(compileLesson(block(MATH.replace("\\frac", "\\fracc"), CODE))).rejects.toThrow(
      /07-adam\.mdx:\d+: invalid TeX in a paired equation row: Undefined control sequence: \\fracc/,
    );
  });
});
