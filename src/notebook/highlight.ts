/**
 * Highlight cell code at build time with the same parser and token classes (`tok-keyword`, …) that the live
 * CodeMirror editor uses, so the page does not change when the editor takes over.
 */
import { classHighlighter, highlightCode } from "@lezer/highlight";
import { typescriptLanguage } from "@codemirror/lang-javascript";
import { escapeHtml } from "./html.ts";

export function highlightTypeScript(source: string): string {
  let html = "";
  highlightCode(
    source,
    typescriptLanguage.parser.parse(source),
    classHighlighter,
    (text, classes) => {
      html += classes ? `<span class="${classes}">${escapeHtml(text)}</span>` : escapeHtml(text);
    },
    () => {
      html += "\n";
    },
  );
  return html;
}
