/**
 * Turning a guest fault (wasm trap, stack overflow, restricted call, host bug surfacing through the guest) into
 * a report: which callback, which wasm function, and Envoy's "Function: X failed: ..." message with the in-VM
 * backtrace it logs.
 */

export interface TrapInfo {
  /** The engine's message, e.g. "unreachable", "memory access out of bounds", "restricted_callback". */
  message: string;
  /** The wasm function executing when the fault happened (innermost wasm frame), from the name section. */
  functionName?: string;
  /** What the embedder's annotate() said about that function, e.g. `rule "admin" (rules.fw:3)`. */
  annotation?: string;
  /** The callback the host was running, e.g. "proxy_on_request_headers". */
  callback: string;
}

export interface TrapNaming {
  functionName(index: number): string | undefined;
  annotate?: (wasmFunctionName: string) => string | undefined;
}

interface Frame {
  index: number;
  offset: number;
}

const wasmFrame = /wasm-function\[(\d+)\]:0x([0-9a-fA-F]+)/;

export function describeTrap(error: unknown, callback: string, naming: TrapNaming): { info: TrapInfo; log: string } {
  const message = error instanceof Error ? error.message : String(error);
  const frames = wasmFrames(error);
  const top = frames[0];
  const functionName = top === undefined ? undefined : naming.functionName(top.index) ?? `function[${top.index}]`;
  const annotation = functionName === undefined ? undefined : naming.annotate?.(functionName);
  const info: TrapInfo = { message, callback };
  if (functionName !== undefined) info.functionName = functionName;
  if (annotation !== undefined) info.annotation = annotation;
  const kind = error instanceof Error && error.name ? error.name : "RuntimeError";
  let log = `Function: ${callback} failed: Uncaught ${kind}: ${message}`;
  if (frames.length > 0) {
    log += "\nProxy-Wasm plugin in-VM backtrace:";
    frames.forEach((frame, i) => {
      const name = naming.functionName(frame.index) ?? `unknown(function index:${frame.index})`;
      log += `\n${String(i).padStart(3)}:  0x${frame.offset.toString(16)} - ${name}`;
    });
  }
  if (annotation !== undefined) log += `\n(${annotation})`;
  return { info, log };
}

function wasmFrames(error: unknown): Frame[] {
  const stack = error instanceof Error ? error.stack : undefined;
  if (typeof stack !== "string") return [];
  const frames: Frame[] = [];
  for (const line of stack.split("\n")) {
    const match = wasmFrame.exec(line);
    if (match) frames.push({ index: Number(match[1]), offset: parseInt(match[2]!, 16) });
  }
  return frames;
}
