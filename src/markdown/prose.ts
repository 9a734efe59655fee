/**
 * A lesson's prose, portable: its Markdown source copied node by node, with what only the site renders rewritten (see
 * lesson.ts). Copying the source between the rewritten nodes keeps everything else exactly as written — list
 * markers, emphasis, indentation, math.
 */
import type { RootContent } from "mdast";
import type { ProsePart } from "./lesson.ts";

export interface ProseHooks {
  /** The page's equation numbers, by label (remark-equations.ts `equationNumbers`). */
  numbers: ReadonlyMap<string, number>;
  resolveLink(url: string): string;
  /** Register a `<Value>` (its node, attributes and line); returns the slot's index. */
  value(node: object, attributes: Record<string, string | null>, line: number): number;
}

interface Positioned {
  type: string;
  position?: { start: { offset?: number; line: number }; end: { offset?: number } };
  children?: Positioned[];
  value?: string;
  url?: string;
  name?: string | null;
  attributes?: { name: string; value: unknown }[];
}

const LABEL = /\\label\{([^}]*)\}/g;
const EQREF = /\\eqref\{([^}]*)\}/g;
const PAIR = /\\pair\{([^}]*)\}/g;

/** A function giving the portable prose of any node of a tree parsed from `source`. */
export function portableProse(source: string, hooks: ProseHooks): (node: RootContent) => ProsePart[] {
  const numbers = hooks.numbers;
  const start = (node: Positioned) => node.position?.start.offset ?? 0;
  const end = (node: Positioned) => node.position?.end.offset ?? start(node);
  const raw = (node: Positioned) => source.slice(start(node), end(node));

  /** A math node's TeX made portable: numbered tags and references, pair labels shown as code markers. */
  const tex = (text: string) =>
    text
      .replace(LABEL, (whole, label: string) =>
        numbers.has(label.trim()) ? `\\tag{${numbers.get(label.trim())}}` : whole,
      )
      .replace(EQREF, (whole, label: string) =>
        numbers.has(label.trim()) ? `\\text{(${numbers.get(label.trim())})}` : whole,
      )
      .replace(PAIR, (_, label: string) => `\\qquad\\texttt{//: ${label.trim().replace(/_/g, "\\_")}}`);

  return (node) => {
    const parts: ProsePart[] = [];
    const text = (value: string) => {
      if (!value) return;
      if (typeof parts.at(-1) === "string") parts[parts.length - 1] += value;
      else parts.push(value);
    };

    /** The node's source with each child replaced by its own emission (the "holes"). */
    const withChildren = (node: Positioned, from = start(node), to = end(node), tail?: (text: string) => string) => {
      let cursor = from;
      for (const child of node.children ?? []) {
        text(source.slice(cursor, start(child)));
        emit(child);
        cursor = end(child);
      }
      const rest = source.slice(cursor, to);
      text(tail ? tail(rest) : rest);
    };

    const replaceUrl = (text: string, url: string | undefined) => {
      if (!url) return text;
      const at = text.indexOf(url);
      return at < 0 ? text : text.slice(0, at) + hooks.resolveLink(url) + text.slice(at + url.length);
    };

    const emit = (node: Positioned) => {
      switch (node.type) {
        case "mdxjsEsm":
        case "mdxFlowExpression":
        case "mdxTextExpression":
          return;
        case "mdxJsxFlowElement":
        case "mdxJsxTextElement": {
          if (node.name === "Value") {
            parts.push({ value: hooks.value(node, valueAttributes(node), node.position?.start.line ?? 0) });
            return;
          }
          const children = node.children ?? [];
          if (children.length) withChildren(node, start(children[0]!), end(children.at(-1)!));
          return;
        }
        case "inlineMath": {
          const only = /^\s*\\eqref\{([^}]*)\}\s*$/.exec(node.value ?? "");
          if (only && numbers.has(only[1]!.trim())) text(`(${numbers.get(only[1]!.trim())})`);
          else text(tex(raw(node)));
          return;
        }
        case "math":
          text(tex(raw(node)));
          return;
        case "link":
          if (node.children?.length) withChildren(node, start(node), end(node), (tail) => replaceUrl(tail, node.url));
          else text(replaceUrl(raw(node), node.url));
          return;
        case "image":
        case "definition":
          text(replaceUrl(raw(node), node.url));
          return;
        default:
          if (node.children?.length) withChildren(node);
          else text(raw(node));
      }
    };

    emit(node as unknown as Positioned);
    return parts;
  };
}

/** A JSX element's attributes as strings (an expression attribute gives its source; a bare flag gives null). */
function valueAttributes(node: Positioned): Record<string, string | null> {
  return Object.fromEntries(
    (node.attributes ?? []).map((attribute) => {
      const value = attribute.value as string | { value: string } | null | undefined;
      return [
        attribute.name,
        value === null || value === undefined ? null : typeof value === "string" ? value : value.value,
      ];
    }),
  );
}
