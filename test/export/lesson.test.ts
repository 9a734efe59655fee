/** MDX → the exports' document model: prose and cells in page order, what only the site renders made portable. */
import { describe, expect, it } from "vitest";
import { linkResolver, proseText, type Block, type Lesson } from "../../src/markdown/lesson.ts";
import { cell, demo, lessonFiles, lessonSource, PAGE_URL, parseLesson } from "./support.ts";

const resolveLink = linkResolver({ pageUrl: PAGE_URL, pagePath: "/course/lessons/demo/", base: "/course/" });
const parse = (body: string) => parseLesson(demo(body), { resolveLink });
const prose = (lesson: Lesson, i = 0) => {
  const blocks = lesson.blocks.filter((block): block is Extract<Block, { kind: "prose" }> => block.kind === "prose");
  return proseText(blocks[i]!.parts, (value) => `⟨${lesson.values[value]!.expression}⟩`);
};

describe("parseLesson", () => {
  it("keeps prose and cells in page order, with their ids, numbers and default timeouts", () => {
    const lesson = parse(
      ["# One", "", "Text.", "", cell("a", "const x = 1;"), "", "Between.", "", "```ts cell\nx\n```", "", "End."].join(
        "\n",
      ),
    );
    expect(
      lesson.blocks.map((block) => (block.kind === "prose" ? "prose" : `${block.kind}:${block.id}:${block.number}`)),
    ).toEqual(["prose", "cell:a:1", "prose", "cell:cell-2:2", "prose"]);
    expect(lesson.blocks[1]).toMatchObject({ source: "const x = 1;", timeout: 10, paired: false });
    expect(prose(lesson)).toBe("# One\n\nText.");
  });

  it("copies the prose as written: lists, emphasis, inline code and math untouched", () => {
    const text = [
      "- **Adam** keeps $m_t$ and `v`:",
      "  1. nested *item*",
      "",
      "$$",
      "\\hat m_t = m_t / (1 - \\beta_1^t)",
      "$$",
    ].join("\n");
    expect(prose(parse(text))).toBe(text);
  });

  it("turns each <Value> into a slot with its expression and format, in page order", () => {
    const lesson = parse('Step <Value of="firstStep.uncorrected" sig="2" />, then <Value of="t" />.');
    expect(lesson.values).toEqual([
      { expression: "firstStep.uncorrected", format: { sig: 2 }, line: 1 },
      { expression: "t", format: {}, line: 1 },
    ]);
    expect(prose(lesson)).toBe("Step ⟨firstStep.uncorrected⟩, then ⟨t⟩.");
  });

  it("rejects a <Value> with bad attributes, naming the file and line", () => {
    expect(() => parse('\n\nA <Value of="x" digits="a" />.')).toThrow(
      'demo.mdx:3: <Value> digits must be an integer in [0, 20]; received "a"',
    );
  });

  it("numbers labelled equations as the page does: \\label → \\tag{n}, \\eqref → (n)", () => {
    const lesson = parse(
      [
        "$$",
        "a = 1 \\label{first}",
        "$$",
        "",
        "$$",
        "b = 2 \\label{second}",
        "$$",
        "",
        "By $\\eqref{second}$ and $x = \\eqref{first}$.",
      ].join("\n"),
    );
    expect(prose(lesson)).toBe(
      ["$$", "a = 1 \\tag{1}", "$$", "", "$$", "b = 2 \\tag{2}", "$$", "", "By (2) and $x = \\text{(1)}$."].join("\n"),
    );
  });

  it("unwraps <Paired>: the equation as prose, its \\pair labels shown as the code's //: markers; the cell marked paired", () => {
    const lesson = parse(
      [
        "<Paired>",
        "",
        "$$",
        "\\begin{aligned}",
        "m_t &\\leftarrow \\beta_1 m_{t-1} \\pair{m} \\\\",
        "\\hat m_t &\\leftarrow m_t \\pair{m_hat}",
        "\\end{aligned}",
        "$$",
        "",
        cell("moments", "m = beta1 * m; //: m\nmHat = m; //: m_hat"),
        "",
        "</Paired>",
      ].join("\n"),
    );
    expect(lesson.blocks.map((block) => block.kind)).toEqual(["prose", "cell"]);
    expect(prose(lesson)).toContain("m_t &\\leftarrow \\beta_1 m_{t-1} \\qquad\\texttt{//: m} \\\\");
    expect(prose(lesson)).toContain("\\qquad\\texttt{//: m\\_hat}");
    expect(prose(lesson)).not.toMatch(/Paired|\\pair/);
    expect(lesson.blocks[1]).toMatchObject({
      id: "moments",
      paired: true,
      source: "m = beta1 * m; //: m\nmHat = m; //: m_hat",
    });
  });

  it("makes links absolute: relative ones against the page, site paths under the base path", () => {
    const lesson = parse(
      "See [Adam](../adam/), [the library](/reference/cell-library/#inputs), [here](#setup) and [PyTorch](https://pytorch.org).",
    );
    expect(prose(lesson)).toBe(
      "See [Adam](https://moments.example.org/course/lessons/adam/), " +
        "[the library](https://moments.example.org/course/reference/cell-library/#inputs), " +
        "[here](https://moments.example.org/course/lessons/demo/#setup) and [PyTorch](https://pytorch.org).",
    );
  });

  it("drops imports and {…} expressions, keeps other components' content", () => {
    const lesson = parse(
      [
        'import X from "./x.astro";',
        "",
        "Before {/* a note */}after.",
        "",
        "<Aside>",
        "",
        "Inside.",
        "",
        "</Aside>",
      ].join("\n"),
    );
    expect(prose(lesson)).toBe("Before after.\n\nInside.");
  });

  it("splits an exercise into starter, solution, checks and hints", () => {
    const lesson = parse(
      cell(
        "step",
        [
          "function step(x: number) { return x; }",
          "// --- solution",
          "function step(x: number) { return x - 0.2 * x; }",
          "// --- checks",
          'check("one step", () => expect(step(1)).toBeCloseTo(0.8));',
          "// --- hint",
          "// The gradient of x² is 2x.",
        ].join("\n"),
        "exercise",
      ),
    );
    expect(lesson.blocks).toEqual([
      {
        kind: "exercise",
        id: "step",
        number: 1,
        timeout: 10,
        exercise: {
          starter: "function step(x: number) { return x; }",
          solution: "function step(x: number) { return x - 0.2 * x; }",
          checks: 'check("one step", () => expect(step(1)).toBeCloseTo(0.8));',
          hints: ["The gradient of x² is 2x."],
        },
      },
    ]);
  });

  it("rejects a malformed fence with the file and line", () => {
    expect(() => parse("Text.\n\n```ts cell speed=3\nx\n```")).toThrow('demo.mdx:3: unknown cell option "speed"');
  });

  it.each(lessonFiles())("finds every cell of %s where the page does", (file) => {
    const source = lessonSource(file);
    const lesson = parseLesson(source);
    const fences = [...source.body.matchAll(/^```(?:ts|typescript) (cell|exercise)\b/gm)];
    expect(lesson.blocks.filter((block) => block.kind !== "prose")).toHaveLength(fences.length);
    expect(lesson.values).toHaveLength(source.body.match(/<Value\b/g)?.length ?? 0);
  });
});
