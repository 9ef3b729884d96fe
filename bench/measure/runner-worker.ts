// One module under measurement, alone in a worker thread: its own V8 isolate, so its own JIT state and heap. In a
// shared isolate the host's code is optimized for whichever module ran last, and each batch of another module
// paid for deoptimizing and recompiling it (a one-host-call probe measured 12 µs per cycle instead of 1.9 µs), and
// for the garbage the previous module left. The parent sends batches in turn; the worker times them itself, in
// CPU time (see processCpuNs: the other threads wait meanwhile).

import { parentPort, workerData } from "node:worker_threads";
import { loadHost, type HostOptions, type HttpCallReply, type StreamSpec } from "../../host/index.js";
import { runChunkedRequest } from "../body-stream.js";
import { processCpuNs } from "../clock.js";
import { withHttpReplies } from "./runner-worker-options.js";

export interface RunnerSetup {
  readonly wasm: Uint8Array;
  readonly hostOptions: HostOptions;
  readonly specs: readonly StreamSpec[];
  /** Deliver each request body in chunks of this many bytes (bench/body-stream.ts), not in one piece. */
  readonly bodyChunkBytes?: number;
  /** Advance the host's clock this many milliseconds before each stream (bench/limits.ts: buckets refill). */
  readonly tickMs?: number;
  /** HTTP clusters answering every proxy_http_call with a fixed reply (functions do not cross to a worker). */
  readonly httpReplies?: Record<string, HttpCallReply>;
}

export type RunnerRequest = { readonly cycles: number };
export type RunnerReply =
  | { readonly type: "ready"; readonly pages: number }
  | { readonly type: "ran"; readonly ns: number; readonly pages: number; readonly failed: boolean }
  | { readonly type: "error"; readonly message: string };

const port = parentPort!;
const setup = workerData as RunnerSetup;
try {
  const host = await loadHost(setup.wasm, withHttpReplies(setup.hostOptions, setup.httpReplies));
  const specs = setup.specs;
  const n = specs.length;
  port.on("message", ({ cycles }: RunnerRequest) => {
    const start = processCpuNs();
    const chunk = setup.bodyChunkBytes;
    const tick = setup.tickMs ?? 0;
    if (tick > 0) for (let i = 0; i < cycles; i++) {
      host.tick(tick);
      host.runStream(specs[i % n]);
    }
    else if (chunk === undefined) for (let i = 0; i < cycles; i++) host.runStream(specs[i % n]);
    else for (let i = 0; i < cycles; i++) runChunkedRequest(host, specs[i % n]!, chunk);
    const ns = processCpuNs() - start;
    port.postMessage({ type: "ran", ns, pages: host.memoryPages(), failed: host.state === "failed" } satisfies RunnerReply);
  });
  port.postMessage({ type: "ready", pages: host.memoryPages() } satisfies RunnerReply);
} catch (error) {
  port.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) } satisfies RunnerReply);
}
