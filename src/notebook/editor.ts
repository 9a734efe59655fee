/**
 * The cell editor: CodeMirror 6 with TypeScript highlighting that uses the same token classes as the build-time
 * highlighter (highlight.ts). Shift+Enter runs and moves on, Ctrl/Cmd+Enter runs in place. Tab is not captured,
 * so keyboard users can always leave the editor.
 */
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { drawSelection, EditorView, highlightSpecialChars, keymap } from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";

export interface EditorHooks {
  /** Shift+Enter (advance = true) or Ctrl/Cmd+Enter (advance = false). */
  onRun(advance: boolean): void;
  /** The text changed. */
  onChange?(source: string): void;
}

export function createEditor(parent: HTMLElement, source: string, label: string, hooks: EditorHooks): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: source,
      extensions: [
        keymap.of([
          { key: "Shift-Enter", run: () => (hooks.onRun(true), true) },
          { key: "Mod-Enter", run: () => (hooks.onRun(false), true) },
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        history(),
        drawSelection(),
        highlightSpecialChars(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        javascript({ typescript: true }),
        syntaxHighlighting(classHighlighter),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) hooks.onChange?.(update.state.doc.toString());
        }),
      ],
    }),
  });
}
