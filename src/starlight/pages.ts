/**
 * The site's content pages as the plugin needs them: every page's route (for rehype-links, which fails the build on a
 * link to a page the site does not have) and the route of a content file. A page's id is what the docs collection's
 * loader gives it: Astro's rule by default (the path without extension, each part slugified, a final `index`
 * dropped), or the site's own `generateId`.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { slug } from "github-slugger";

export interface ContentPages {
  /** Every page's path without the base path, with a trailing slash ("/", "/lessons/adam/"), and "/404/". */
  routes: Set<string>;
  /** The route of a content file (an absolute path inside one of the content folders). */
  routeOf(file: string): string;
}

/** Astro's default id for a content file path relative to its collection's folder ("Intro/01 Start.mdx" → "intro/01-start"). */
export function defaultId(file: string): string {
  const id = file
    .replace(/\.mdx?$/, "")
    .split("/")
    .map((part) => slug(part))
    .join("/");
  return id.replace(/\/index$/, "") || "index";
}

export function contentPages(dirs: readonly string[], generateId: (file: string) => string = defaultId): ContentPages {
  const existing = dirs.filter((dir) => existsSync(dir));
  const route = (relative: string) => {
    const id = generateId(relative.split(path.sep).join("/"));
    return id === "index" ? "/" : `/${id}/`;
  };
  const routes = new Set<string>(["/404/"]);
  for (const dir of existing)
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
      if (entry.isFile() && /\.mdx?$/.test(entry.name))
        routes.add(route(path.relative(dir, path.join(entry.parentPath, entry.name))));
  return {
    routes,
    routeOf(file) {
      const dir = existing.find((candidate) => file.startsWith(candidate + path.sep));
      return dir ? route(path.relative(dir, file)) : "/";
    },
  };
}
