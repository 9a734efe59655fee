import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The built site: dist/, or MOMENTS_OUT_DIR when set (the build writes there too, see astro.config.mjs). */
export const DIST = process.env.MOMENTS_OUT_DIR
  ? `${process.env.MOMENTS_OUT_DIR.replace(/\/$/, "")}/`
  : fileURLToPath(new URL("../../dist/", import.meta.url));

/** The example course (an external site that installs the plugin) and where the tests build it. */
export const EXAMPLE = fileURLToPath(new URL("../../examples/least-squares/", import.meta.url));
export const EXAMPLE_DIST = process.env.EXAMPLE_OUT_DIR ?? path.join(tmpdir(), "moments-example-dist") + "/";

/**
 * The platform's fixture site (test/fixtures/platform: a Starlight site that uses the plugin, with pages written for
 * the platform's tests and a library of its own) and where the tests build it.
 */
export const PLATFORM = fileURLToPath(new URL("../fixtures/platform/", import.meta.url));
export const PLATFORM_DIST = process.env.PLATFORM_OUT_DIR
  ? `${process.env.PLATFORM_OUT_DIR.replace(/\/$/, "")}/`
  : path.join(tmpdir(), "moments-platform-dist") + "/";
