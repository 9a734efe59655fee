import { compile } from "@mdx-js/mdx";
import rehypeKatex from "rehype-katex";
import remarkMath from "remark-math";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import remarkEquations, { trustEquationLinks } from "../../src/markdown/remark-equations.ts";
import rehypeKatexStrict from "../../src/markdown/rehype-katex-strict.ts";

const render = (mdx: string) =>
  compile(new VFile({ path: "/project/content/lessons/08-bias.mdx", value: mdx }), {
    remarkPlugins: [remarkMath, [remarkEquations, { root: "/project" }]],
    rehypePlugins: [
      [rehypeKatex, { strict: "error", trust: trustEquationLinks }],
      [rehypeKatexStrict, { root: "/project" }],
    ],
  }).then(String);

describe("numbered equations", () => {
  it("numbers labelled display equations in page order and links \\eqref to them", async () => {
    const js = await render(
      [
        "$$\nm_t = \\beta_1 m_{t-1} + (1 - \\beta_1) g_t \\label{first}\n$$",
        "",
        "$$\nv_t = \\beta_2 v_{t-1} + (1 - \\beta_2) g_t^2 \\label{second}\n$$",
        "",
        "By $\\eqref{second}$, and inside a formula: $x = \\eqref{first}$.",
      ].join("\n"),
    );
    expect(js).toMatch(/id: "eq-first"/);
    expect(js).toMatch(/id: "eq-second"/);
    expect(js).toContain("\\\\tag{1}"); // in the TeX annotation
    expect(js).toContain("\\\\tag{2}");
    expect(js).toMatch(/href: "#eq-second",[^}]*children: "\(2\)"/);
    expect(js).toMatch(/href: "#eq-first"/); // the \href inside KaTeX
    expect(js).not.toContain("\\\\label");
  });

  it("fails the build on an unknown or duplicate label, with the file and line", async () => {
    await expect(render("Intro.\n\nSee $\\eqref{nowhere}$.")).rejects.toThrow(
      "content/lessons/08-bias.mdx:3: \\eqref{nowhere} refers to no equation on this page (it has no \\label{…})",
    );
    await expect(render("$$\na \\label{x}\n$$\n\n$$\nb \\label{x}\n$$")).rejects.toThrow(
      "content/lessons/08-bias.mdx:5: \\label{x} is used twice on this page",
    );
    await expect(render("Inline $a \\label{x}$.")).rejects.toThrow("\\label{x} needs a display equation");
  });

  it("lets KaTeX follow only links to equations", () => {
    expect(trustEquationLinks({ command: "\\href", url: "#eq-adam" })).toBe(true);
    expect(trustEquationLinks({ command: "\\href", url: "javascript:alert(1)" })).toBe(false);
    expect(trustEquationLinks({ command: "\\url", url: "#eq-adam" })).toBe(false);
  });
});
