import { compile } from "@mdx-js/mdx";
import rehypeKatex from "rehype-katex";
import remarkMath from "remark-math";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import rehypeKatexStrict from "../../src/markdown/rehype-katex-strict.ts";

const render = (mdx: string) =>
  compile(new VFile({ path: "/project/content/lessons/02-x.mdx", value: mdx }), {
    remarkPlugins: [remarkMath],
    rehypePlugins: [
      [rehypeKatex, { strict: "error" }],
      [rehypeKatexStrict, { root: "/project" }],
    ],
  }).then(String);

describe("rehypeKatexStrict", () => {
  it("lets valid TeX through, rendered", async () => {
    expect(await render("Inline $\\hat m_t$ and\n\n$$\n\\frac{a}{b}\n$$\n")).toContain("katex");
  });

  it("fails the build on invalid TeX with file, line, column and KaTeX's reason", async () => {
    await expect(render("Fine.\n\nBroken $\\frac{1}{\\sqrtt{v}}$ here.")).rejects.toThrow(
      /content\/lessons\/02-x\.mdx:3:8: invalid TeX: Undefined control sequence: \\sqrtt/,
    );
  });

  it("fails on TeX that KaTeX accepts only loosely (strict mode), such as accented text in math mode", async () => {
    await expect(render("$$\nx = é\n$$")).rejects.toThrow(/02-x\.mdx:1:1: invalid TeX: .*unicodeTextInMathMode/);
  });
});
