import { compile } from "@mdx-js/mdx";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import rehypeLinks from "../../src/markdown/rehype-links.ts";

const routes = new Set(["/", "/lessons/adam/", "/lessons/bias-correction/", "/reference/cell-library/"]);
const render = (mdx: string, base = "/") =>
  compile(new VFile({ path: "/project/content/lessons/07-adam.mdx", value: mdx }), {
    rehypePlugins: [[rehypeLinks, { base, routes, routeOf: () => "/lessons/adam/", root: "/project" }]],
  }).then(String);

describe("internal links", () => {
  it("put the base path in front of root-relative links and leave the rest alone", async () => {
    const js = await render(
      "See [bias](/lessons/bias-correction/#why), [relative](../bias-correction/), [here](#setup) and [MDN](https://developer.mozilla.org/).\n\n## Setup",
      "/moments/",
    );
    expect(js).toContain('href: "/moments/lessons/bias-correction/#why"');
    expect(js).toContain('href: "../bias-correction/"');
    expect(js).toContain('href: "#setup"');
    expect(js).toContain('href: "https://developer.mozilla.org/"');
  });

  it("fail the build on a link to no page, or to an anchor the page does not have", async () => {
    await expect(render("Intro.\n\nSee [this](/lessons/nope/).")).rejects.toThrow(
      "content/lessons/07-adam.mdx:3: the link /lessons/nope/ leads to no page of this site",
    );
    await expect(render("See [that](../missing/).")).rejects.toThrow(
      "the link ../missing/ leads to no page of this site",
    );
    await expect(render("See [there](#nowhere).\n\n## Somewhere")).rejects.toThrow(
      "content/lessons/07-adam.mdx:1: the link #nowhere names no heading or equation on this page",
    );
  });
});
