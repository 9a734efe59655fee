/**
 * rehype plugin: internal links that work under any base path and never dangle.
 *
 * - A root-relative link (`/lessons/adam/`) gets the site's base path in front (`/moments/lessons/adam/`), so a
 *   course deployed under a sub-path keeps working; relative links are left as they are.
 * - A link to a page must name a page the site has; a link to `#anchor` on the same page must name a heading or an
 *   equation (`#eq-…`) on it. Otherwise the build fails with the file and line.
 */
import GithubSlugger from "github-slugger";
import type { Element, Root, RootContent } from "hast";
import { toString } from "hast-util-to-string";
import path from "node:path";
import type { VFile } from "vfile";

export interface RehypeLinksOptions {
  /** The site's base path ("/" or "/moments/"). */
  base: string;
  /** Every page's path without the base, with a trailing slash ("/", "/lessons/adam/"). */
  routes: ReadonlySet<string>;
  /** The page's own path for a content file (to resolve relative links). */
  routeOf(file: string): string;
  root?: string;
}

export default function rehypeLinks(options: RehypeLinksOptions) {
  const base = options.base.endsWith("/") ? options.base : `${options.base}/`;
  const root = options.root ?? process.cwd();
  return (tree: Root, file: VFile) => {
    const where = path.relative(root, file.path || "<unknown>");
    const page = options.routeOf(file.path ?? "");
    const anchors = anchorsOf(tree);
    const check = (href: string, line: number | undefined): string => {
      if (/^[a-z][a-z+.-]*:/i.test(href) || href.startsWith("//")) return href; // another site, mailto:, …
      const [pathname = "", fragment] = href.split("#", 2);
      if (pathname === "") {
        if (fragment && !anchors.has(decodeURIComponent(fragment)))
          throw new Error(`${where}:${line ?? "?"}: the link #${fragment} names no heading or equation on this page`);
        return href;
      }
      const target = new URL(pathname, `https://site${page}`).pathname;
      const route = target.endsWith("/") ? target : `${target}/`;
      if (!options.routes.has(route) && !/\.[a-z0-9]+$/i.test(target))
        throw new Error(`${where}:${line ?? "?"}: the link ${href} leads to no page of this site`);
      return pathname.startsWith("/")
        ? `${base}${pathname.slice(1)}${fragment !== undefined ? `#${fragment}` : ""}`
        : href;
    };
    visit(tree, (node) => {
      if (node.type === "element" && node.tagName === "a" && typeof node.properties.href === "string")
        node.properties.href = check(node.properties.href, node.position?.start.line);
      const jsx = node as unknown as {
        type: string;
        name?: string;
        attributes?: { name: string; value: unknown }[];
        position?: { start: { line: number } };
      };
      if (jsx.type === "mdxJsxTextElement" || jsx.type === "mdxJsxFlowElement") {
        const href = jsx.name === "a" ? jsx.attributes?.find((attribute) => attribute.name === "href") : undefined;
        if (href && typeof href.value === "string") href.value = check(href.value, jsx.position?.start.line);
      }
    });
  };
}

/** Ids on the page: headings (slugged as Astro does) and every element with an id (equations, cells). */
function anchorsOf(tree: Root): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  visit(tree, (node) => {
    if (node.type !== "element") {
      const jsx = node as unknown as { type: string; attributes?: { name: string; value: unknown }[] };
      const id = jsx.type.startsWith("mdxJsx")
        ? jsx.attributes?.find((attribute) => attribute.name === "id")?.value
        : undefined;
      if (typeof id === "string") anchors.add(id);
      return;
    }
    if (typeof node.properties.id === "string") anchors.add(node.properties.id);
    if (/^h[1-6]$/.test(node.tagName)) anchors.add(slugger.slug(toString(node)));
  });
  return anchors;
}

function visit(node: Root | RootContent, fn: (node: Element | RootContent) => void) {
  if (node.type !== "root") fn(node);
  if ("children" in node) for (const child of node.children as RootContent[]) visit(child, fn);
}
