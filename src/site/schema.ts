/**
 * Frontmatter of lessons and reference pages, on top of Starlight's own (title, description, …).
 */
import { z } from "astro/zod";
import { PARTS } from "./course.ts";

export const lessonFields = z.object({
  /** The part of the course a lesson belongs to (lessons only; the sidebar groups by it). */
  part: z.enum(PARTS).optional(),
  /** Seed documents (../shared/seeds) the lesson draws on, by number: ["000", "003"]. */
  seeds: z.array(z.enum(["000", "001", "002", "003"])).optional(),
});
