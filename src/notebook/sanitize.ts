/**
 * Clean HTML that comes from the kernel before it enters the page.
 *
 * Outputs are built in the worker, where the reader's (or a shared link's) code runs and can change anything,
 * including the functions that escape text. So the page trusts nothing it receives: it keeps only elements and
 * attributes from an allowlist — text, tables and static SVG — and drops scripts, event handlers, links and
 * anything that could fetch.
 */
const HTML_TAGS =
  "pre span div p strong em b i code table thead tbody tfoot tr th td caption figure figcaption h2 h3 h4 ul ol li br small sub sup";
const SVG_TAGS =
  "svg g path line rect circle ellipse polyline polygon text tspan title desc defs clipPath linearGradient " +
  "radialGradient stop marker pattern mask symbol use style";
const ALLOWED_TAGS = new Set([...HTML_TAGS.split(" "), ...SVG_TAGS.split(" ")].map((t) => t.toLowerCase()));

const DROPPED_ATTRIBUTES = /^(on|formaction$|action$|src$|srcdoc$|srcset$|background$|ping$)/i;

export function sanitizeHtml(html: string, document: Document = globalThis.document): DocumentFragment {
  const template = document.createElement("template");
  template.innerHTML = html;
  clean(template.content);
  return template.content;
}

function clean(parent: ParentNode): void {
  for (const child of [...parent.childNodes]) {
    if (child.nodeType === 3) continue; // text
    if (child.nodeType !== 1) {
      child.remove(); // comments, processing instructions
      continue;
    }
    const element = child as Element;
    if (!ALLOWED_TAGS.has(element.localName.toLowerCase())) {
      element.remove();
      continue;
    }
    for (const attribute of [...element.attributes]) {
      const name = attribute.name;
      const value = attribute.value;
      if (
        DROPPED_ATTRIBUTES.test(name) ||
        (/(^|:)href$/i.test(name) && !value.startsWith("#")) ||
        (name.toLowerCase() === "style" && unsafeCss(value))
      )
        element.removeAttribute(name);
    }
    if (element.localName.toLowerCase() === "style" && unsafeCss(element.textContent ?? "")) {
      element.remove();
      continue;
    }
    clean(element);
  }
}

/** CSS that could fetch something or run script-like constructs. */
function unsafeCss(css: string): boolean {
  return /url\s*\(|@import|expression\s*\(|javascript:/i.test(css.replace(/\\/g, ""));
}
