import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { docsSchema } from "@astrojs/starlight/schema";
import { lessonSlug } from "./site/lessons.ts";
import { lessonFields } from "./site/schema.ts";

export const collections = {
  docs: defineCollection({
    loader: glob({ base: "./content", pattern: "**/*.{md,mdx}", generateId: ({ entry }) => lessonSlug(entry) }),
    schema: docsSchema({ extend: lessonFields }),
  }),
};
