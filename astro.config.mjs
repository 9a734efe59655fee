// @ts-check
// Our course, built with the Moments plugin like any other course: a Starlight site, its sidebar, and its library.
import { defineConfig } from "astro/config";
import starlight from "@astrojs/starlight";
import moments from "./src/starlight/index.ts";
import { COURSE_LIBRARY, courseSidebar } from "./src/site/course.ts";
import { lessonSlug } from "./src/site/lessons.ts";

export default defineConfig({
  ...(process.env.SITE ? { site: process.env.SITE } : {}),
  base: process.env.BASE_PATH ?? "/",
  // Where the static site goes (default dist/); tests and benches read the same variable.
  outDir: process.env.MOMENTS_OUT_DIR ?? "./dist",
  integrations: [
    starlight({
      title: "Moments",
      description: "Learn Adam and its family of adaptive optimizers with live, editable TypeScript cells.",
      markdown: { processedDirs: ["./content"] },
      sidebar: courseSidebar(new URL("./content/", import.meta.url)),
      plugins: [
        moments({
          // The course library: every export is in every cell's scope.
          library: COURSE_LIBRARY,
          // Lesson files are NN-topic.mdx; their pages drop the number (src/content.config.ts uses the same rule).
          generateId: lessonSlug,
        }),
      ],
    }),
  ],
});
