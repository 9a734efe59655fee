/**
 * Where an exported lesson's outputs go. In Deno's Jupyter kernel: rich display (`Deno.jupyter.display` with a raw
 * MIME bundle, updated in place through its display id). Anywhere else (Node running the exported `.ts`): text on the
 * console, and each chart written as `<lesson>-figure-N.svg` next to the script.
 */
import type { MimeBundle } from "./mime.ts";

export interface Sink {
  /** Show a bundle; the returned function replaces what it showed. */
  show(bundle: MimeBundle): (next: MimeBundle) => void;
  /** Print a line of text (a header, a note). */
  print(text: string): void;
}

interface DenoJupyter {
  display(value: unknown, options?: { raw?: boolean; update?: boolean; display_id?: string }): Promise<void>;
}

/** Deno's Jupyter API when this runs in its kernel (`Deno.jupyter` throws when accessed outside one). */
export function denoJupyter(): DenoJupyter | undefined {
  try {
    const jupyter = (globalThis as { Deno?: { jupyter?: DenoJupyter } }).Deno?.jupyter;
    return typeof jupyter?.display === "function" ? jupyter : undefined;
  } catch {
    return undefined;
  }
}

export function jupyterSink(jupyter: DenoJupyter): Sink {
  let displays = 0;
  const send = (bundle: MimeBundle, options: { display_id: string; update?: boolean }) =>
    jupyter.display(bundle, { raw: true, ...options }).catch((error) => console.error(error));
  return {
    show(bundle) {
      const display_id = `moments-${Date.now().toString(36)}-${++displays}`;
      send(bundle, { display_id });
      return (next) => send(next, { display_id, update: true });
    },
    print: (text) => console.log(text),
  };
}

type NodeFs = { writeFileSync(path: URL, data: string): void };

export interface ConsoleSinkOptions {
  /** The lesson's slug: figures are `<lesson>-figure-N.svg`. */
  lesson: string;
  /** The script's URL (`import.meta.url`): figures are written beside it. Without it, charts are described only. */
  script?: string;
}

export function consoleSink(options: ConsoleSinkOptions): Sink {
  const process = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const fs = process?.getBuiltinModule?.("node:fs") as NodeFs | undefined;
  let figures = 0;

  /** Write a chart to its file; the line that reports it. */
  const writeFigure = (file: string, bundle: MimeBundle): string => {
    if (!fs || !options.script) return bundle["text/plain"];
    try {
      fs.writeFileSync(new URL(file, options.script), bundle["image/svg+xml"]!);
      return `${bundle["text/plain"]} → ${file}`;
    } catch (error) {
      return `${bundle["text/plain"]} (could not write ${file}: ${(error as Error).message})`;
    }
  };

  return {
    show(bundle) {
      if (bundle["image/svg+xml"] === undefined) {
        console.log(bundle["text/plain"]);
        return (next) => console.log(`↻ ${next["text/plain"]}`);
      }
      const file = `${options.lesson}-figure-${++figures}.svg`;
      console.log(writeFigure(file, bundle));
      // An updated chart (one that grows while a cell trains) replaces its file: no new line for each frame.
      return (next) => {
        if (next["image/svg+xml"] !== undefined) writeFigure(file, next);
        else console.log(`↻ ${next["text/plain"]}`);
      };
    },
    print: (text) => console.log(text),
  };
}
