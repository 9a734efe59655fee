/** Build-time highlighting (src/notebook/highlight.ts): the editor's token classes, on the tokens the palette colours. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { highlightTypeScript, STYLED_TOKENS } from "../../src/notebook/build/highlight.ts";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"');

describe("highlightTypeScript", () => {
  const source = 'const x: number[] = [1, 2]; // two\nfor (const v of x) log(v.toFixed(2), "a<b");';

  it("keeps the source text exactly and marks the tokens the palette colours", () => {
    const html = highlightTypeScript(source);
    expect(text(html)).toBe(source);
    expect(html).toContain('<span class="tok-keyword">const</span>');
    expect(html).toContain('<span class="tok-variableName tok-definition">x</span>');
    expect(html).toContain('<span class="tok-typeName">number</span>');
    expect(html).toContain('<span class="tok-number">1</span>');
    expect(html).toContain('<span class="tok-comment">// two</span>');
    expect(html).toContain('<span class="tok-propertyName">toFixed</span>');
    expect(html).toContain('<span class="tok-string">&quot;a&lt;b&quot;</span>');
  });

  it("leaves punctuation, operators and plain names as text, not elements", () => {
    const html = highlightTypeScript(source);
    expect(html).not.toMatch(/tok-punctuation|tok-operator"|"tok-variableName"/);
    expect(html.match(/<span/g)!.length).toBe(13);
  });

  it("wraps each line in its own element when asked, with the text unchanged", () => {
    const html = highlightTypeScript(source, { lineAttributes: (line) => ({ "data-pair": `l${line}` }) });
    expect(html.match(/<span class="line" data-line="\d" data-pair="l\d">/g)).toHaveLength(2);
    expect(text(html)).toBe(source);
  });

  it("styles in notebook.css exactly the token classes it keeps", () => {
    const css = readFileSync(new URL("../../src/styles/notebook.css", import.meta.url), "utf8");
    const styledInCss = new Set([...css.matchAll(/\.(tok-[A-Za-z0-9]+)/g)].map((m) => m[1]!));
    expect([...styledInCss].sort()).toEqual([...STYLED_TOKENS].sort());
  });
});
