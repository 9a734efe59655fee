/**
 * The plugin's options: one schema, each field's default in its doc comment, and errors that say which option was
 * wrong, what it must be and what it received (as Starlight's own config errors do).
 */
import { z } from "astro/zod";

export const MomentsOptionsSchema = z
  .object({
    /**
     * The course's cell library: a module, or a list of modules, whose every export is in every cell's scope (paths
     * relative to the site's root). Default: none — cells see only the notebook's own names.
     */
    library: z
      .union([z.string().min(1), z.array(z.string().min(1))])
      .default([])
      .transform((value) => (typeof value === "string" ? [value] : value)),
    /** Seconds a cell may run in the reader's browser before it is stopped (a fence's `timeout=…` wins). Default 10. */
    timeout: z.number().positive().max(3600).default(10),
    /** Minimum seconds a cell may run at build time (build machines may be slow). Default 60. */
    buildTimeout: z.number().positive().max(3600).default(60),
    /** Offer every page with cells as a `.ts` script and a `.ipynb` notebook. Default true. */
    downloads: z.boolean().default(true),
    /** Add a Content-Security-Policy to every page (src/site/csp.ts). Default true. */
    csp: z.boolean().default(true),
    /**
     * The id a content file gets, if the site's docs collection uses a `generateId` of its own (the plugin checks
     * links and names downloads by page id). Default: Astro's, the file's path without extension, each part slugified.
     */
    generateId: z.custom<(file: string) => string>((value) => typeof value === "function").optional(),
  })
  .strict();

export type MomentsUserOptions = z.input<typeof MomentsOptionsSchema>;
export type MomentsOptions = z.output<typeof MomentsOptionsSchema>;

/** Parse the options, or throw an error naming each wrong option, what it must be and what it received. */
export function parseOptions(input: unknown): MomentsOptions {
  const result = MomentsOptionsSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.length ? issue.path.join(".") : "options";
    const received = receivedAt(input, issue.path as (string | number)[]);
    return issue.code === "unrecognized_keys"
      ? `- unknown option${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `\`${key}\``).join(", ")} (known: ${Object.keys(MomentsOptionsSchema.shape).join(", ")})`
      : `- \`${name}\`: ${issue.message}; received ${received}`;
  });
  throw new Error(`moments: invalid options\n${problems.join("\n")}`);
}

function receivedAt(input: unknown, where: (string | number)[]): string {
  let value = input;
  for (const key of where) value = (value as Record<string | number, unknown> | undefined)?.[key];
  if (typeof value === "function") return "a function";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
