/**
 * Lesson runs kept between builds, so a rebuild (a second build in CI, the base-path build, a writer's next build)
 * does not run every lesson's cells again for its exports.
 *
 * A run is kept under a hash of everything it depends on: the lesson's source, and every file of the code cells
 * run against — the library and the kernel (src/optim, src/problems, src/run, src/plot, src/notebook, the value
 * formats in src/markdown, the generated WebAssembly modules), how exports run a lesson (src/export/run.ts) and the
 * installed packages (package-lock.json). Any
 * change there is a new key. Only complete runs are kept (every cell ran, every value was computed).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Output } from "../notebook/outputs.ts";

export interface CachedRun {
  outputs: Map<string, Output[]>;
  values: (string | undefined)[];
}

const SOURCES = [
  "src/optim",
  "src/problems",
  "src/run",
  "src/plot",
  "src/notebook",
  "src/markdown",
  "src/export/run.ts",
  "package-lock.json",
];
const fingerprints = new Map<string, string>();

/** The cache entry's path for a lesson whose source hashes to `key`, in the project at `root`. */
export function runCacheFile(root: string, slug: string, key: string): string {
  let fingerprint = fingerprints.get(root);
  if (fingerprint === undefined) {
    fingerprint = hashFiles(root, SOURCES);
    fingerprints.set(root, fingerprint);
  }
  const hash = createHash("sha256").update(key).update(fingerprint).digest("hex").slice(0, 24);
  return path.join(root, "node_modules/.cache/moments-exports", `${slug}-${hash}.json`);
}

export function readCachedRun(file: string): CachedRun | undefined {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as { outputs: [string, Output[]][]; values: (string | null)[] };
    return { outputs: new Map(data.outputs), values: data.values.map((value) => value ?? undefined) };
  } catch {
    return undefined;
  }
}

/** Keep a run (replacing the lesson's older entries). A failure to write only costs the next build a run. */
export function writeCachedRun(file: string, slug: string, run: CachedRun): void {
  try {
    const folder = path.dirname(file);
    mkdirSync(folder, { recursive: true });
    const entry = new RegExp(`^${slug.replace(/[^\w-]/g, "\\$&")}-[\\da-f]{24}\\.json$`);
    for (const old of readdirSync(folder)) if (entry.test(old)) rmSync(path.join(folder, old));
    writeFileSync(
      file,
      JSON.stringify({ outputs: [...run.outputs], values: run.values.map((value) => value ?? null) }),
    );
  } catch {
    // The cache is an optimization.
  }
}

function hashFiles(root: string, entries: string[]): string {
  const hash = createHash("sha256");
  for (const entry of entries) {
    const full = path.join(root, entry);
    let files: string[];
    try {
      files = readdirSync(full, { recursive: true, withFileTypes: true })
        .filter((file) => file.isFile())
        .map((file) => path.join(file.parentPath, file.name))
        .sort();
    } catch {
      files = [full];
    }
    for (const file of files) {
      hash.update(path.relative(root, file));
      try {
        hash.update(readFileSync(file));
      } catch {
        hash.update("missing");
      }
    }
  }
  return hash.digest("hex");
}
