/**
 * Highlight cell code at build time with the same parser and token classes (`tok-keyword`, …) that the live
 * CodeMirror editor uses, so the page does not change when the editor takes over.
 *
 * Only tokens the palette colours (src/styles/notebook.css) get an element: punctuation, operators and plain names
 * stay text. Wrapping every token made cell code two thirds of a lesson's elements (4,000 of 6,700 on
 * implementation-details), and every element costs the page's style, layout and selector work while it loads.
 */
import { classHighlighter, highlightCode } from "@lezer/highlight";
import { typescriptLanguage } from "@codemirror/lang-javascript";
import { escapeHtml } from "../shared/html.ts";

/** The token classes notebook.css styles; test/notebook/highlight.test.ts keeps the list and the stylesheet in step. */
export const STYLED_TOKENS: ReadonlySet<string> = new Set([
  "tok-keyword",
  "tok-controlKeyword",
  "tok-operatorKeyword",
  "tok-modifier",
  "tok-string",
  "tok-string2",
  "tok-regexp",
  "tok-number",
  "tok-bool",
  "tok-atom",
  "tok-null",
  "tok-comment",
  "tok-lineComment",
  "tok-blockComment",
  "tok-propertyName",
  "tok-typeName",
  "tok-className",
  "tok-definition",
]);

const styled = (classes: string) => classes.split(" ").some((name) => STYLED_TOKENS.has(name));

export interface HighlightOptions {
  /**
   * Wrap each line in a `<span class="line">` with these attributes (1-based line number): used by cells paired
   * with equations, whose lines carry their labels and heights. The text stays exactly the source.
   */
  lineAttributes?: (line: number) => Record<string, string>;
}

export function highlightTypeScript(source: string, options: HighlightOptions = {}): string {
  const { lineAttributes } = options;
  let html = "";
  let line = 1;
  const open = () => {
    if (!lineAttributes) return;
    const attributes = Object.entries(lineAttributes(line))
      .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
      .join("");
    html += `<span class="line" data-line="${line}"${attributes}>`;
  };
  open();
  highlightCode(
    source,
    typescriptLanguage.parser.parse(source),
    classHighlighter,
    (text, classes) => {
      html += classes && styled(classes) ? `<span class="${classes}">${escapeHtml(text)}</span>` : escapeHtml(text);
    },
    () => {
      // Between block-level lines a line break would render as an extra empty line; it stays in the text (the
      // cell's source is the code's textContent) but in an element the styles hide.
      html += lineAttributes ? '</span><span class="nl">\n</span>' : "\n";
      line++;
      open();
    },
  );
  if (lineAttributes) html += "</span>";
  return html;
}
