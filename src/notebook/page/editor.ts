/**
 * The cell editor: CodeMirror 6 with TypeScript highlighting that uses the same token classes as the build-time
 * highlighter (highlight.ts), so nothing changes on screen when the editor replaces the static code.
 *
 * Keys: Shift+Enter runs and moves on, Ctrl/Cmd+Enter runs in place. Tab is not bound, so keyboard users always
 * leave the editor with Tab (and Escape, then Tab, works the same). This module is its own chunk, loaded only when
 * the reader starts editing. What knows TypeScript (diagnostics, hover, completion: language.ts) comes later, on the
 * first focus, through `setLanguage`.
 */
import { closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState, StateEffect, StateField, type Extension, type Range } from "@codemirror/state";
import {
  Decoration,
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightSpecialChars,
  keymap,
  type DecorationSet,
} from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";

export interface EditorHooks {
  /** Shift+Enter (advance = true) or Ctrl/Cmd+Enter (advance = false). */
  onRun(advance: boolean): void;
  /** The text changed. */
  onChange(code: string): void;
  /** The editor got the focus. */
  onFocus?(): void;
}

/** A cell paired with equations: its labelled lines carry their labels and the heights of their rows. */
export interface PairedOptions {
  /** The equation row height (rem) for each label. */
  rowHeights: Record<string, number>;
  /** The marker that ends a labelled line (`//: label`). */
  marker: RegExp;
}

export interface CellEditor {
  readonly dom: HTMLElement;
  getCode(): string;
  /** Replace the whole text (undoable with Ctrl+Z). */
  setCode(code: string): void;
  /** Mark one line (1-based) as where an error happened; `undefined` clears the mark. */
  markError(line: number | undefined): void;
  /** Focus, with the caret at a screen position if given. */
  focus(at?: { x: number; y: number }): void;
  /** Give the editor what knows the cell's language (language.ts), once it has loaded. */
  setLanguage(extension: Extension): void;
}

const setErrorLine = StateEffect.define<number | undefined>();

const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    if (transaction.docChanged) marks = Decoration.none; // the reader is fixing it
    for (const effect of transaction.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      if (line === undefined || line < 1 || line > transaction.state.doc.lines) {
        marks = Decoration.none;
      } else {
        const ranges: Range<Decoration>[] = [errorDecoration.range(transaction.state.doc.line(line).from)];
        marks = Decoration.set(ranges);
      }
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const errorDecoration = Decoration.line({ class: "cm-error-line", attributes: { "data-error-line": "true" } });

/** Line decorations for a paired cell: each labelled line gets its label; the first one, its row's height. */
function pairedLines(options: PairedOptions) {
  const build = (state: EditorState): DecorationSet => {
    const ranges: Range<Decoration>[] = [];
    const seen = new Set<string>();
    for (let number = 1; number <= state.doc.lines; number++) {
      const line = state.doc.line(number);
      const label = options.marker.exec(line.text)?.[1];
      if (!label) continue;
      const height = !seen.has(label) ? options.rowHeights[label] : undefined;
      seen.add(label);
      const attributes: Record<string, string> = { "data-pair-line": label };
      if (height) attributes.style = `--line-height: ${height}rem`;
      ranges.push(Decoration.line({ attributes }).range(line.from));
    }
    return Decoration.set(ranges);
  };
  return StateField.define<DecorationSet>({
    create: build,
    update: (decorations, transaction) => (transaction.docChanged ? build(transaction.state) : decorations),
    provide: (field) => EditorView.decorations.from(field),
  });
}

export function createEditor(
  parent: HTMLElement,
  code: string,
  label: string,
  hooks: EditorHooks,
  paired?: PairedOptions,
  language: Extension = [],
): CellEditor {
  const languageSlot = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: code,
      extensions: [
        keymap.of([
          { key: "Shift-Enter", run: () => (hooks.onRun(true), true) },
          { key: "Mod-Enter", run: () => (hooks.onRun(false), true) },
          ...closeBracketsKeymap,
          ...completionKeymap,
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
        errorLine,
        // A paired cell keeps one visual line per code line, so that its equation rows stay beside them.
        paired ? [pairedLines(paired), highlightActiveLine()] : EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": label }),
        languageSlot.of(language),
        EditorView.domEventHandlers({ focus: () => void hooks.onFocus?.() }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) hooks.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    dom: view.dom,
    getCode: () => view.state.doc.toString(),
    setCode(next) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    markError(line) {
      view.dispatch({ effects: setErrorLine.of(line) });
    },
    focus(at) {
      view.focus();
      const position = at ? view.posAtCoords(at) : null;
      if (position !== null) view.dispatch({ selection: { anchor: position } });
    },
    setLanguage(extension) {
      view.dispatch({ effects: languageSlot.reconfigure(extension) });
    },
  };
}
