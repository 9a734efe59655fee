/**
 * Moments as a Starlight plugin: ```` ```ts cell ```` fences in any Starlight site become live notebook cells whose
 * outputs were computed at build, with KaTeX math, numbered equations, `<Value>`, `<Paired>`, inputs and exercises.
 *
 * ```js
 * // astro.config.mjs
 * import starlight from "@astrojs/starlight";
 * import moments from "moments/starlight";
 * export default defineConfig({
 *   integrations: [starlight({ title: "Linear models", plugins: [moments({ library: "./src/library.ts" })] })],
 * });
 * ```
 *
 * What it adds to the site: the Markdown plugins (math, equations, cells, pairs, links), the notebook's styles and
 * head script, the kernel's sandboxed page and the downloads as routes, the course library as virtual modules of the
 * kernel bundles (vite.ts), and two steps after the build (KaTeX font preloads; the Content-Security-Policy, last).
 */
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { StarlightPlugin } from "@astrojs/starlight/types";
import type { AstroIntegration } from "astro";
import { unified } from "@astrojs/markdown-remark";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import remarkCells from "../markdown/remark-cells.ts";
import remarkLesson from "../markdown/remark-lesson.ts";
import remarkPaired from "../markdown/remark-paired.ts";
import rehypeKatexStrict from "../markdown/rehype-katex-strict.ts";
import remarkEquations, { trustEquationLinks } from "../markdown/remark-equations.ts";
import rehypeLinks from "../markdown/rehype-links.ts";
import { PAGE_SCRIPT } from "../site/page-script.ts";
import { PROGRESS_MARKS_SCRIPT } from "../notebook/page/progress-marks.ts";
import { courseExercises, exercisesBlock, writeExercisesBlock } from "./progress.ts";
import { katexFontPreloads } from "../site/katex-fonts.ts";
import { contentSecurityPolicy } from "../site/csp.ts";
import { resolveLibrary } from "../notebook/build/library.ts";
import { allPageRuns, cellTimes } from "../notebook/build/page-runs.ts";
import { parseOptions, type MomentsOptions, type MomentsUserOptions } from "./options.ts";
import { contentPages } from "./pages.ts";
import { libraryVitePlugin } from "./vite.ts";

export type { MomentsUserOptions as MomentsOptions } from "./options.ts";

const require = createRequire(import.meta.url);
const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default function moments(userOptions: MomentsUserOptions = {}): StarlightPlugin {
  const options = parseOptions(userOptions);
  return {
    name: "moments",
    hooks: {
      "config:setup"({ config, updateConfig, addIntegration, astroConfig, logger }) {
        updateConfig({
          customCss: [
            require.resolve("katex/dist/katex.min.css"),
            here("../styles/notebook.css"),
            ...(config.customCss ?? []),
          ],
          head: [
            ...(config.head ?? []),
            { tag: "script", attrs: {}, content: PAGE_SCRIPT },
            { tag: "script", attrs: {}, content: PROGRESS_MARKS_SCRIPT },
          ],
          // The reader's progress page, at the end of the site's own sidebar (when it lists one).
          ...(config.sidebar ? { sidebar: [...config.sidebar, { label: "Your progress", link: "/progress/" }] } : {}),
        });
        // Cells, math and equations need the unified (remark/rehype) Markdown pipeline; Astro's default is another.
        const markdown = astroConfig.markdown as { processor: ReturnType<typeof unified> };
        if (markdown.processor?.name !== "unified") {
          logger.info(
            `markdown.processor is "${markdown.processor?.name}"; using unified() for Moments' cells and math`,
          );
          markdown.processor = unified();
        }
        const contentDirs = [
          "src/content/docs",
          ...((config as { markdown?: { processedDirs?: string[] } }).markdown?.processedDirs ?? []),
        ];
        addIntegration(notebookIntegration(options, markdown.processor, contentDirs));
        addIntegration(katexFontPreloads());
        if (options.csp) addIntegration(contentSecurityPolicy()); // last: it hashes the finished pages' inline scripts
      },
    },
  };
}

function notebookIntegration(
  options: MomentsOptions,
  processor: ReturnType<typeof unified>,
  contentDirs: string[],
): AstroIntegration {
  let routeOf: (file: string) => string = () => "/";
  let siteBase = "/";
  let siteRoot = "";
  return {
    name: "moments",
    hooks: {
      async "astro:config:setup"({ config, updateConfig, injectRoute, addWatchFile }) {
        const root = fileURLToPath(config.root);
        const library = await resolveLibrary(options.library, root);
        for (const file of library.modules) addWatchFile(file);
        const base = config.base;
        const pages = contentPages(
          contentDirs.map((dir) => path.resolve(root, dir)),
          options.generateId,
        );
        processor.options.remarkPlugins.push(
          remarkMath,
          // First: the lesson model, from the tree as parsed (remark-cells and the downloads read it).
          [remarkLesson, { root, base, site: config.site, routeOf: pages.routeOf, defaultTimeout: options.timeout }],
          [remarkEquations, { root }],
          [remarkPaired, { component: here("../../components/Paired.astro"), root }],
          [
            remarkCells,
            {
              component: here("../../components/Cell.astro"),
              bar: here("../../components/NotebookBar.astro"),
              root,
              library: library.modules,
              minBuildTimeout: options.buildTimeout,
              downloads: options.downloads,
            },
          ],
        );
        processor.options.rehypePlugins.push(
          [rehypeKatex, { strict: "error", trust: trustEquationLinks }],
          [rehypeKatexStrict, { root }],
          [rehypeLinks, { base, routes: pages.routes, routeOf: pages.routeOf, root }],
        );
        const viteLibrary = libraryVitePlugin(library, root);
        updateConfig({
          vite: {
            plugins: [viteLibrary],
            // The kernel worker starts from a Blob inside a sandboxed iframe (src/notebook/page/sandbox.ts): it must
            // be one self-contained classic script.
            worker: { format: "iife", plugins: () => [viteLibrary] },
            resolve: {
              // One Observable Plot in the browser's bundles, the site's own if it has one (a drawing module of its
              // library imports it), so the kit's Plot and the library's marks are the same Plot.
              dedupe: ["@observablehq/plot"],
              // linkedom's CSS parser names a global-script build as its "browser" entry, which has no exports;
              // bundle its CommonJS entry instead (the kernel uses linkedom as Plot's DOM).
              alias: [{ find: /^@acemir\/cssom$/, replacement: require.resolve("@acemir/cssom") }],
            },
          },
        });
        injectRoute({
          pattern: "/notebook-kernel.html",
          entrypoint: here("./routes/kernel-frame.ts"),
          prerender: true,
        });
        injectRoute({ pattern: "/progress", entrypoint: here("./routes/progress.astro"), prerender: true });
        routeOf = pages.routeOf;
        siteBase = base.endsWith("/") ? base : `${base}/`;
        siteRoot = root;
        if (options.downloads) {
          injectRoute({ pattern: "/[...page].ts", entrypoint: here("./routes/download-ts.ts"), prerender: true });
          injectRoute({ pattern: "/[...page].ipynb", entrypoint: here("./routes/download-ipynb.ts"), prerender: true });
        }
        (globalThis as { __momentsBuild?: unknown }).__momentsBuild = {
          root,
          library,
          exporter: here("../export/index.ts"),
          pageRuns: here("../notebook/build/page-runs.ts"),
          routeOf: pages.routeOf,
        };
      },
      // Before the CSP step (added after this integration): each page gets the course's exercises, for the
      // sidebar's progress marks.
      "astro:build:done"({ dir, logger }) {
        const exercises = courseExercises(routeOf);
        const pages = writeExercisesBlock(fileURLToPath(dir), exercisesBlock(exercises, siteBase));
        const count = exercises.reduce((sum, page) => sum + page.exercises.length, 0);
        logger.info(`${count} exercises in ${exercises.length} pages, listed in ${pages} pages for progress marks`);
        logger.info(cellTimes(allPageRuns(), siteRoot));
      },
    },
  };
}
