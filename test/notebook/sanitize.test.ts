import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { sanitizeHtml } from "../../src/notebook/sanitize.ts";

const { document } = parseHTML("<!doctype html><html><body></body></html>");
const clean = (html: string) => {
  const holder = document.createElement("div");
  holder.append(sanitizeHtml(html, document as unknown as Document));
  return holder.innerHTML;
};

describe("sanitizeHtml", () => {
  it("keeps text, tables and Plot's SVG", () => {
    const svg =
      '<svg viewBox="0 0 10 10" class="plot-1"><style>.plot-1 { fill: red }</style><g><path d="M0 0L1 1" /><text>x</text></g></svg>';
    expect(clean(svg)).toBe(svg);
    expect(clean('<pre class="out"><span class="i-number">1</span></pre>')).toBe(
      '<pre class="out"><span class="i-number">1</span></pre>',
    );
  });

  it("drops scripts, event handlers, foreign content and anything that fetches", () => {
    const out = clean(
      '<img src=x onerror="alert(1)"><svg onload="alert(2)"><script>alert(3)</script><a href="javascript:alert(4)">x</a>' +
        '<foreignObject><iframe></iframe></foreignObject><use href="https://evil.example/x.svg#a"></use>' +
        '<rect style="fill: url(https://evil.example/)"></rect><style>@import "https://evil.example/";</style></svg>',
    );
    expect(out).not.toMatch(/onerror|onload|script|alert|iframe|evil|img|foreignObject/i);
    expect(out).toContain("<svg>");
  });
});
