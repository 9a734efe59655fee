// @ts-check
import { defineConfig } from "astro/config";
import starlight from "@astrojs/starlight";
import moments from "moments/starlight";

export default defineConfig({
  base: process.env.BASE_PATH ?? "/",
  outDir: process.env.COURSE_OUT_DIR ?? "./dist",
  integrations: [
    starlight({
      title: "Least squares",
      sidebar: [
        { label: "Start", items: [{ slug: "index" }] },
        { label: "Lessons", items: [{ slug: "lessons/normal-equations" }, { slug: "lessons/gradient-descent" }] },
      ],
      plugins: [moments({ library: "./src/library.ts" })],
    }),
  ],
});
