/**
 * The sanitizer outside a browser. DOMPurify needs a real DOM: under linkedom it reports itself unsupported, and the
 * sanitizer must then fail closed (markup shown as text), never pass markup through. What it keeps and drops in a
 * browser is tested in Chromium, with hostile outputs (test/e2e/notebook-hostile.test.ts).
 */
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { MAX_OUTPUT_MARKUP, sanitizeHtml } from "../../src/notebook/page/sanitize.ts";

const { document } = parseHTML("<!doctype html><html><body></body></html>");
const clean = (html: string) => {
  const holder = document.createElement("div");
  holder.append(sanitizeHtml(html, document as unknown as Document));
  return holder;
};

describe("sanitizeHtml without a DOM DOMPurify can use", () => {
  it("shows the markup as text instead of passing it through", () => {
    const holder = clean('<img src=x onerror="alert(1)"><style>h1 { visibility: hidden }</style>');
    expect(holder.querySelectorAll("img, style").length).toBe(0);
    expect(holder.textContent).toBe('<img src=x onerror="alert(1)"><style>h1 { visibility: hidden }</style>');
  });

  it("refuses markup larger than a page can show, with a note that says why", () => {
    const holder = clean("<b></b>".repeat(MAX_OUTPUT_MARKUP / 7 + 1));
    expect(holder.querySelectorAll("b").length).toBe(0);
    expect(holder.textContent).toBe(
      "This output was not shown: it has 2.0 MB of markup, more than a page can show without freezing.",
    );
  });
});
