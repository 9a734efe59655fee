/**
 * A small reader for the markup the notebook produces (Plot's charts, the kernel's tables): top-level elements of a
 * string, their attributes and their text. Not a general HTML parser — it reads what `outerHTML` writes: quoted
 * attributes, closed elements, `/>` or void elements without a closing tag.
 *
 * The figure and table converters work on strings so that one code path serves a live element in an exported
 * notebook (its `outerHTML`) and an output the build stored as HTML; re-parsing into a DOM would lower-case SVG's
 * camel-cased names (`clipPath`, `linearGradient`) and break the SVG.
 */

export interface MarkupElement {
  tag: string;
  attributes: Record<string, string>;
  /** The element's markup, as written. */
  outer: string;
  /** Its content, as written. */
  inner: string;
}

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
const RAW_TEXT = new Set(["style", "script"]);

/** The elements at the top level of `markup` (text between them is skipped). */
export function topElements(markup: string): MarkupElement[] {
  const found: MarkupElement[] = [];
  let i = 0;
  for (;;) {
    const open = markup.indexOf("<", i);
    if (open < 0) break;
    if (markup[open + 1] === "/" || markup[open + 1] === "!") {
      i = tagEnd(markup, open) + 1;
      continue;
    }
    const head = readTag(markup, open);
    if (!head) {
      i = open + 1;
      continue;
    }
    if (head.selfClosing) {
      found.push({ tag: head.tag, attributes: head.attributes, outer: markup.slice(open, head.end), inner: "" });
      i = head.end;
      continue;
    }
    const close = closingTag(markup, head.end, head.tag);
    found.push({
      tag: head.tag,
      attributes: head.attributes,
      outer: markup.slice(open, close.end),
      inner: markup.slice(head.end, close.start),
    });
    i = close.end;
  }
  return found;
}

/** The text of some markup: tags dropped, character references decoded, `<style>` and `<script>` left out. */
export function markupText(markup: string): string {
  return decodeEntities(markup.replace(/<(style|script)\b[\s\S]*?<\/\1>/gi, "").replace(/<[^>]*>/g, ""));
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Escape text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

interface TagHead {
  tag: string;
  attributes: Record<string, string>;
  selfClosing: boolean;
  /** Index just after the tag's `>`. */
  end: number;
}

function readTag(markup: string, open: number): TagHead | undefined {
  const end = tagEnd(markup, open);
  const body = markup.slice(open + 1, end);
  const tag = /^[A-Za-z][\w:-]*/.exec(body)?.[0];
  if (!tag) return undefined;
  const attributes: Record<string, string> = {};
  for (const match of body.slice(tag.length).matchAll(/([^\s"'=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g))
    attributes[match[1]!] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? "");
  const selfClosing = body.trimEnd().endsWith("/") || VOID.has(tag.toLowerCase());
  return { tag, attributes, selfClosing, end: end + 1 };
}

/** The index of the `>` that ends the tag starting at `open` (quote-aware). */
function tagEnd(markup: string, open: number): number {
  let quote = "";
  for (let i = open + 1; i < markup.length; i++) {
    const c = markup[i]!;
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return i;
  }
  return markup.length - 1;
}

/** Where the element opened just before `from` closes: the start and end of its closing tag. */
function closingTag(markup: string, from: number, tag: string): { start: number; end: number } {
  if (RAW_TEXT.has(tag.toLowerCase())) {
    const start = markup.toLowerCase().indexOf(`</${tag.toLowerCase()}`, from);
    if (start < 0) return { start: markup.length, end: markup.length };
    return { start, end: tagEnd(markup, start) + 1 };
  }
  let depth = 1;
  let i = from;
  for (;;) {
    const open = markup.indexOf("<", i);
    if (open < 0) return { start: markup.length, end: markup.length };
    const end = tagEnd(markup, open) + 1;
    if (markup[open + 1] === "/") {
      depth--;
      if (depth === 0) return { start: open, end };
      i = end;
      continue;
    }
    if (markup[open + 1] === "!") {
      i = end;
      continue;
    }
    const head = readTag(markup, open);
    if (head && !head.selfClosing) {
      if (RAW_TEXT.has(head.tag.toLowerCase())) {
        i = closingTag(markup, head.end, head.tag).end;
        continue;
      }
      depth++;
    }
    i = end;
  }
}
