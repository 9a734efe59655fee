/**
 * Where an exported lesson's outputs go. In Deno's Jupyter kernel: rich display (a raw MIME bundle on the kernel's
 * IOPub channel, updated in place through its display id). Anywhere else (Node running the exported `.ts`): text on
 * the console, and each chart written as `<lesson>-figure-N.svg` next to the script.
 *
 * In Deno's kernel a cell's outputs must all be published before the kernel says the cell is done (`status: idle`):
 * a client (JupyterLab, nbclient/nbconvert) closes a cell at idle, so what comes later is dropped or lands under the
 * next cell. Two things stand in the way, and the Jupyter sink handles both:
 *
 * - A display is a promise (`Deno.jupyter.display`/`broadcast`); one not awaited goes out after its cell ended. The
 *   sink sends each bundle at once, in call order (so it interleaves with `console.log` as on the page), keeps the
 *   promises, and `settle()` awaits them all. An update (a progress bar, a chart redrawn each epoch) is sent at most
 *   every UPDATE_INTERVAL_MS while a cell runs — the last one always, when the cell ends — instead of once per call.
 * - Deno 2.9's kernel (cli/js/jupyter_kernel.js) publishes what a cell sends (displays, `console.log`, its last
 *   value) from a queue that its kernel thread drains on its own, under whichever cell runs by then, and it sends idle
 *   without waiting for that queue; the cell cannot see the queue. So `settle()` also gives the queue time to drain
 *   (`drainAllowance`, a wait, not a guarantee) before the cell ends.
 *
 * `kernelCellEnd` makes the kernel itself wait for `settle()` at the end of every cell, without touching the cells'
 * code: Deno shows a cell's last value through `Deno[Deno.internal].jupyter.broadcastResult(count, value)`, which it
 * awaits before it replies (so in Deno's sources of 2024 and of 2.9; it is an internal, so `kernelCellEnd` checks
 * that it is there and does nothing otherwise). Wrapped, it first sends what the cell showed and waits for it, then
 * shows the value (Deno's own way), then lets the queue drain. A cell's code stays as the lesson wrote it, and its
 * last expression is still what Deno shows.
 */
import type { MimeBundle } from "./mime.ts";

export interface Sink {
  /** Show a bundle; the returned function replaces what it showed. */
  show(bundle: MimeBundle): (next: MimeBundle) => void;
  /** Print a line of text (a header, a note). */
  print(text: string): void;
}

export interface JupyterSink extends Sink {
  /**
   * End a cell: send what is pending (the last update of each display), wait for every display's promise, run `last`
   * (the kernel showing the cell's value), then give the kernel's queue time to drain all of it.
   */
  settle(last?: () => unknown): Promise<void>;
  /** Count a message the cell sent another way (a `console.log` line), for the drain allowance. */
  count(): void;
}

interface DenoJupyter {
  display(value: unknown, options?: { raw?: boolean; update?: boolean; display_id?: string }): Promise<void>;
  /** Sends one IOPub message (Deno ≥ 1.38); synchronous in Deno 2.9, a promise before. */
  broadcast?(type: string, content: Record<string, unknown>): Promise<void> | void;
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

/** A display's updates go out at most this often while a cell runs (the last one always goes out at its end). */
export const UPDATE_INTERVAL_MS = 50;

/**
 * How long Deno's kernel thread is given to publish `messages` messages of `characters` in all (and the cell's value)
 * before the cell ends: generous, since it shares the machine with the cell and writes to a client that may read
 * slowly (a chart is 50–100 KB); a cell pays it once, at its end. 25 ms + 10 ms a message lost a chart in 1 of 69
 * headless runs on a loaded 2-core machine; this is about twice that.
 */
export function drainAllowance(messages: number, characters = 0): number {
  return Math.min(2000, Math.round(50 + 15 * messages + characters / 5000));
}

export interface JupyterSinkOptions {
  /** Milliseconds since some origin (default `performance.now()`). */
  now?: () => number;
  /** Wait this long (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
}

export function jupyterSink(jupyter: DenoJupyter, options: JupyterSinkOptions = {}): JupyterSink {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pending = new Set<Promise<void>>();
  /** The latest update of each display not sent yet, and when each display last went out. */
  const waiting = new Map<string, MimeBundle>();
  const sentAt = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let displays = 0;
  let messages = 0;
  let characters = 0;

  const send = (bundle: MimeBundle, display_id: string, update: boolean) => {
    messages++;
    for (const value of Object.values(bundle)) characters += typeof value === "string" ? value.length : 0;
    sentAt.set(display_id, now());
    let sent: Promise<void> | void;
    try {
      sent = jupyter.broadcast
        ? jupyter.broadcast(update ? "update_display_data" : "display_data", {
            data: definedEntries(bundle),
            metadata: {},
            transient: { display_id },
          })
        : jupyter.display(bundle, { raw: true, display_id, ...(update ? { update: true } : {}) });
    } catch (error) {
      console.error(error);
      return;
    }
    if (sent && typeof sent.then === "function") {
      const tracked: Promise<void> = Promise.resolve(sent)
        .catch((error: unknown) => console.error(error))
        .finally(() => pending.delete(tracked));
      pending.add(tracked);
    }
  };

  const sendWaiting = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const updates = [...waiting];
    waiting.clear();
    for (const [display_id, bundle] of updates) send(bundle, display_id, true);
  };

  return {
    show(bundle) {
      const display_id = `moments-${Date.now().toString(36)}-${++displays}`;
      send(bundle, display_id, false);
      return (next) => {
        if (now() - (sentAt.get(display_id) ?? -Infinity) >= UPDATE_INTERVAL_MS) {
          waiting.delete(display_id);
          send(next, display_id, true);
          return;
        }
        waiting.set(display_id, next);
        // A cell that awaits between updates gets the latest shown within the interval; a synchronous loop, at its
        // next update after the interval or at its end.
        timer ??= setTimeout(sendWaiting, UPDATE_INTERVAL_MS);
      };
    },
    print: (text) => console.log(text),
    async settle(last) {
      try {
        sendWaiting();
        while (pending.size > 0) await Promise.all(pending);
      } finally {
        const sent = messages + (last ? 1 : 0);
        const size = characters;
        messages = characters = 0;
        try {
          await last?.();
        } finally {
          await sleep(drainAllowance(sent, size));
        }
      }
    },
    count() {
      messages++;
    },
  };
}

function definedEntries(bundle: MimeBundle): Record<string, string> {
  return Object.fromEntries(Object.entries(bundle).filter(([, value]) => value !== undefined)) as Record<
    string,
    string
  >;
}

type BroadcastResult = ((count: number, value: unknown) => Promise<void>) & { [ORIGINAL]?: BroadcastResult };
const ORIGINAL = Symbol.for("moments.broadcastResult");

/**
 * Make Deno's kernel await `settle()` at the end of every cell (see the top of this file). False when this Deno
 * has no such hook (a cell's outputs are then still sent in order, but the kernel does not wait for them).
 */
export function kernelCellEnd(settle: (last: () => unknown) => Promise<void>): boolean {
  let internals: { broadcastResult?: BroadcastResult } | undefined;
  try {
    const deno = (globalThis as { Deno?: Record<symbol, { jupyter?: typeof internals }> & { internal?: symbol } }).Deno;
    internals = deno?.internal === undefined ? undefined : deno[deno.internal]?.jupyter;
  } catch {
    return false;
  }
  const current = internals?.broadcastResult;
  if (!internals || typeof current !== "function") return false;
  // Running the library cell again wraps Deno's own function, not our earlier wrapper.
  const original = current[ORIGINAL] ?? current;
  const wrapped: BroadcastResult = (count, value) => settle(() => original(count, value));
  wrapped[ORIGINAL] = original;
  internals.broadcastResult = wrapped;
  return true;
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
