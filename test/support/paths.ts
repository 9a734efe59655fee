import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The built site: dist/, or MOMENTS_OUT_DIR when set (the build writes there too, see astro.config.mjs). */
export const DIST = process.env.MOMENTS_OUT_DIR
  ? `${process.env.MOMENTS_OUT_DIR.replace(/\/$/, "")}/`
  : fileURLToPath(new URL("../../dist/", import.meta.url));
