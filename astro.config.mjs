// @ts-check
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "astro/config";
import { unified } from "@astrojs/markdown-remark";
import starlight from "@astrojs/starlight";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import remarkCells from "./src/markdown/remark-cells.ts";
import remarkPaired from "./src/markdown/remark-paired.ts";
import rehypeKatexStrict from "./src/markdown/rehype-katex-strict.ts";
import { lessonSlug } from "./src/site/lessons.ts";
import { contentRoutes, lessonSidebar, routeOf } from "./src/site/course.ts";
import { PAGE_SCRIPT } from "./src/site/page-script.ts";
import { katexFontPreloads } from "./src/site/katex-fonts.ts";
import { contentSecurityPolicy } from "./src/site/csp.ts";
import remarkEquations, { trustEquationLinks } from "./src/markdown/remark-equations.ts";
import rehypeLinks from "./src/markdown/rehype-links.ts";

const root = fileURLToPath(new URL(".", import.meta.url));
const contentDir = fileURLToPath(new URL("./content/", import.meta.url));
const base = process.env.BASE_PATH ?? "/";
/** @param {string} folder */
const filesIn = (folder) =>
  readdirSync(new URL(`./content/${folder}/`, import.meta.url))
    .filter((f) => /\.mdx?$/.test(f))
    .sort();

export default defineConfig({
  site: process.env.SITE ?? "https://moments.example.org",
  base,
  // Where the static site goes (default dist/); tests and benches read the same variable.
  outDir: process.env.MOMENTS_OUT_DIR ?? "./dist",
  markdown: {
    processor: unified({
      remarkPlugins: [
        remarkMath,
        [remarkEquations, { root }],
        [remarkPaired, { component: fileURLToPath(new URL("./components/Paired.astro", import.meta.url)), root }],
        [
          remarkCells,
          {
            component: fileURLToPath(new URL("./components/Cell.astro", import.meta.url)),
            bar: fileURLToPath(new URL("./components/NotebookBar.astro", import.meta.url)),
            root,
          },
        ],
      ],
      rehypePlugins: [
        [rehypeKatex, { strict: "error", trust: trustEquationLinks }],
        [rehypeKatexStrict, { root }],
        [
          rehypeLinks,
          {
            base,
            routes: contentRoutes(contentDir),
            routeOf: (/** @type {string} */ file) => routeOf(file.slice(contentDir.length)),
            root,
          },
        ],
      ],
    }),
  },
  vite: {
    // The kernel worker starts from a Blob inside a sandboxed iframe (src/notebook/sandbox.ts): it must be one
    // self-contained classic script.
    worker: { format: "iife" },
    resolve: {
      // linkedom's CSS parser names a global-script build as its "browser" entry, which has no exports; bundle its
      // CommonJS entry instead (the kernel worker uses linkedom as Plot's DOM).
      alias: [
        {
          find: /^@acemir\/cssom$/,
          replacement: fileURLToPath(new URL("./node_modules/@acemir/cssom/lib/index.js", import.meta.url)),
        },
      ],
    },
  },
  integrations: [
    starlight({
      title: "Moments",
      description: "Learn Adam and its family of adaptive optimizers with live, editable TypeScript cells.",
      markdown: { processedDirs: ["./content"] },
      head: [{ tag: "script", content: PAGE_SCRIPT }],
      customCss: ["katex/dist/katex.min.css", "./src/styles/site.css", "./src/styles/notebook.css"],
      sidebar: [
        ...lessonSidebar(fileURLToPath(new URL("./content/lessons/", import.meta.url))),
        { label: "Reference", items: filesIn("reference").map((file) => ({ slug: lessonSlug(`reference/${file}`) })) },
      ],
    }),
    katexFontPreloads(),
    contentSecurityPolicy(), // last: it hashes the inline scripts of the finished pages
  ],
});
