/**
 * Clean markup that comes from the kernel before it enters the page.
 *
 * Outputs are built in the kernel, where the reader's (or a shared link's) code runs and can forge any message, so
 * the page trusts none of it. Two layers, each enough on its own for what it covers:
 *
 * 1. **DOMPurify** (its HTML and SVG profiles) removes scripts, event handlers, `javascript:` URLs and every other
 *    way markup can run code. It is a kept library made for exactly this; a hand-written allowlist is not.
 * 2. **Containment** (our rules, on top): nothing kept may reach outside its own output box.
 *    - No `<style>` of any kind (`<svg><style>` included): a style element in the page styles the *whole* page, and
 *      CSS has no way to scope a foreign stylesheet short of parsing and rewriting it. Plot's own stylesheet only sets
 *      defaults (display, max-width, white-space, legend layout), which `notebook.css` states for every chart.
 *    - No element that can leave its box or take input: forms and controls (the notebook builds inputs itself from
 *      plain data), `<dialog>`, the `popover`/`popovertarget`/`commandfor` attributes (the top layer escapes any
 *      containment), `<foreignObject>`, SMIL animation, media and images.
 *    - Links and references only inside the output: `href`s must be fragments of the output's own ids, and ids are
 *      renamed per output, so an output can neither clobber a page id (a cell's, the sidebar's) nor `<use>` one.
 *    - Inline styles keep only what stays in the box: animations, transitions and any `url()` are dropped. What is
 *      kept cannot escape either: each output box has `contain: paint` (notebook.css), which makes it the containing
 *      block of `position: fixed` descendants and clips everything they paint — and so every click they could take —
 *      to the box, whatever their `z-index`.
 * 3. **Size**: markup over {@link MAX_OUTPUT_MARKUP} characters or {@link MAX_OUTPUT_NODES} nodes is not shown (a
 *    million-node output would freeze the page while it parses); the reader gets a note saying so.
 *
 * The page's Content-Security-Policy (src/site/csp.ts) is a third layer: even markup that slipped through could
 * neither run inline script nor load anything from another origin.
 */
import createDOMPurify, { type Config, type DOMPurify } from "dompurify";

/** Characters of markup one output may have. The course's largest chart is ≈ 75 KB. */
export const MAX_OUTPUT_MARKUP = 2_000_000;
/** Elements and text nodes one output may have. */
export const MAX_OUTPUT_NODES = 100_000;

const FORBID_TAGS = [
  "style",
  "link",
  "meta",
  "base",
  "foreignObject",
  "form",
  "input",
  "button",
  "textarea",
  "select",
  "option",
  "optgroup",
  "label",
  "fieldset",
  "dialog",
  "img",
  "image",
  "picture",
  "source",
  "video",
  "audio",
  "track",
  "iframe",
  "object",
  "embed",
  "feImage",
  "animate",
  "animateMotion",
  "animateTransform",
  "set",
  "discard",
];
const FORBID_ATTR = [
  "popover",
  "popovertarget",
  "popovertargetaction",
  "command",
  "commandfor",
  "interestfor",
  "autofocus",
  "contenteditable",
  "accesskey",
  "tabindex",
  "draggable",
  "inert",
  "name",
  "srcset",
  "formaction",
];
const CONFIG: Config = {
  USE_PROFILES: { html: true, svg: true, svgFilters: true },
  FORBID_TAGS,
  FORBID_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  KEEP_CONTENT: true,
};

/** Inline style properties dropped: they animate forever or fetch. */
const DROPPED_STYLE = /^(animation|transition|-webkit-animation|-webkit-transition|behavior|-moz-binding)/i;
/** A `url(…)` that points anywhere but a fragment of the same output. */
const FOREIGN_URL = /url\(\s*(?!['"]?#)/i;
const FRAGMENT_URL = /url\(\s*(['"]?)#([^)'"]+)\1\s*\)/g;

let purifier: DOMPurify | undefined;
let outputCount = 0;

/** Sanitized, contained markup as a fragment of `document`; a note instead when the markup is too large. */
export function sanitizeHtml(html: string, document: Document = globalThis.document): DocumentFragment {
  const fragment = document.createDocumentFragment();
  if (html.length > MAX_OUTPUT_MARKUP) {
    fragment.append(tooLarge(document, `${(html.length / 1e6).toFixed(1)} MB of markup`));
    return fragment;
  }
  purifier ??= createDOMPurify(document.defaultView ?? globalThis.window);
  if (!purifier.isSupported) {
    // Fail closed: a browser DOMPurify cannot protect gets the markup as text.
    fragment.append(document.createTextNode(html));
    return fragment;
  }
  const template = document.createElement("template");
  template.innerHTML = html;
  const nodes = countNodes(template.content, MAX_OUTPUT_NODES + 1);
  if (nodes > MAX_OUTPUT_NODES) {
    fragment.append(tooLarge(document, `more than ${MAX_OUTPUT_NODES.toLocaleString("en")} nodes`));
    return fragment;
  }
  const clean = purifier.sanitize(template.content, { ...CONFIG, RETURN_DOM_FRAGMENT: true }) as DocumentFragment;
  contain(clean, `o${++outputCount}-`);
  fragment.append(document.importNode(clean, true));
  return fragment;
}

function tooLarge(document: Document, what: string): HTMLElement {
  const note = document.createElement("span");
  note.className = "out-note";
  note.textContent = `This output was not shown: it has ${what}, more than a page can show without freezing.`;
  return note;
}

function countNodes(root: Node, limit: number): number {
  const walker = root.ownerDocument!.createTreeWalker(root, 0x1 | 0x4); // elements and text
  let count = 0;
  while (walker.nextNode() && ++count < limit);
  return count;
}

/** Rename ids into the output's own namespace, keep references to them, drop every other reference and style. */
function contain(root: DocumentFragment, prefix: string): void {
  const elements = [...root.querySelectorAll("*")];
  const ids = new Set<string>();
  for (const element of elements) {
    const id = element.getAttribute("id");
    if (id !== null) {
      ids.add(id);
      element.setAttribute("id", prefix + id);
    }
  }
  const local = (id: string) => ids.has(id);
  for (const element of elements) {
    for (const attribute of [...element.attributes]) {
      const { name, value } = attribute;
      if (/(^|:)href$/i.test(name)) {
        if (value.startsWith("#") && local(value.slice(1))) element.setAttribute(name, `#${prefix}${value.slice(1)}`);
        else element.removeAttribute(name);
      } else if (name === "style") {
        containStyle(element as HTMLElement, prefix, local);
      } else if (/url\(/i.test(value)) {
        if (FOREIGN_URL.test(value)) element.removeAttribute(name);
        else element.setAttribute(name, renameUrls(value, prefix, local));
      }
    }
  }
}

function containStyle(element: HTMLElement, prefix: string, local: (id: string) => boolean): void {
  const style = element.style;
  for (const property of [...style]) {
    const value = style.getPropertyValue(property);
    if (DROPPED_STYLE.test(property) || FOREIGN_URL.test(value)) style.removeProperty(property);
    else if (/url\(/i.test(value)) {
      const renamed = renameUrls(value, prefix, local);
      if (renamed === value && !/url\(/i.test(renamed)) continue;
      style.setProperty(property, renamed, style.getPropertyPriority(property));
    }
  }
  if (style.length === 0) element.removeAttribute("style");
}

/** `url(#id)` → `url(#prefix-id)` for the output's own ids; `none` for any other fragment. */
function renameUrls(value: string, prefix: string, local: (id: string) => boolean): string {
  return value.replace(FRAGMENT_URL, (_, _quote, id: string) => (local(id) ? `url(#${prefix}${id})` : "none"));
}
