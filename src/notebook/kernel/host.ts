/**
 * The one message loop of both kernel hosts (browser-worker.ts in the reader's browser, node-thread.ts at build):
 * a `run` runs a cell and ends with its `done`; an `evaluate` answers with the page's `values` (the build's
 * `<Value>`s; a browser kernel is never asked). Every output is tagged with the run it belongs to.
 */
import type { FromKernel, ToKernel } from "../shared/protocol.ts";
import { createKernel, type Kernel, type KernelOptions } from "./kernel.ts";

export interface KernelHost {
  kernel: Kernel;
  /** Answer one message from the page or the build. */
  handle(message: ToKernel): Promise<void>;
}

export function hostKernel(
  options: Omit<KernelOptions, "emit">,
  post: (message: FromKernel) => void,
  { evaluate }: { evaluate: boolean },
): KernelHost {
  let runId = 0;
  const kernel = createKernel({
    ...options,
    emit: (cellId, output) => post({ type: "output", runId, cellId, output }),
  });
  return {
    kernel,
    async handle(message) {
      if (message?.type === "evaluate" && evaluate) {
        post({ type: "values", runId: message.runId, values: await kernel.evaluate(message.expressions) });
        return;
      }
      if (message?.type !== "run") return;
      runId = message.runId;
      const result = await kernel.run(message.cellId, message.source, {
        widgets: message.widgets,
        checks: message.checks,
        trace: message.trace,
      });
      post({ type: "done", runId: message.runId, cellId: message.cellId, ...result });
    },
  };
}
