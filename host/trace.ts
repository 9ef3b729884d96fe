/**
 * What the host records while it runs a filter: log lines always, and with tracing on a step-by-step trace of
 * callbacks, host calls and their effects. A Sink is where one stream (or the VM itself) collects them; the VM
 * switches its current sink as it enters callbacks for different streams.
 */

import type { HeaderList } from "./pairs.js";

export interface LogEntry {
  level: number;
  levelName: string;
  message: string;
  contextId: number;
}

export type TraceEvent =
  /** A call into the guest; `result` and `action` are filled in when it returns (absent if it trapped). */
  | {
      type: "callback";
      name: string;
      contextId: number;
      args: number[];
      result?: number;
      action?: string;
    }
  /**
   * A call out of the guest, raw arguments as the guest passed them, and the text of those that carry text (by
   * argument index; see call-parameters.ts), read when the call was made.
   */
  | { type: "hostcall"; name: string; args: Array<number | bigint>; texts?: Record<number, string>; result?: number | bigint; status?: string }
  | { type: "headers"; map: string; op: "add" | "replace" | "remove" | "set"; key?: string; value?: string; pairs?: HeaderList }
  | { type: "body"; buffer: string; start: number; size: number; length: number }
  | { type: "local-response"; status: number; details: string; body: string; headers: HeaderList; grpcStatus: number }
  | { type: "log"; level: number; message: string; contextId: number }
  | { type: "metric"; op: "define" | "increment" | "record"; name: string; metricType: string; value: bigint }
  | { type: "http-call"; token: number; cluster: string; headers: HeaderList; body: string; timeoutMs: number }
  | { type: "http-call-response"; token: number; status: "ok" | "failed"; headers: HeaderList; body: string }
  | { type: "grpc-call"; token: number; kind: "call" | "stream"; cluster: string; service: string; method: string; size: number; timeoutMs: number }
  | { type: "grpc-receive"; token: number; size: number }
  | { type: "grpc-close"; token: number; status: number; message: string }
  | { type: "stream"; action: "continue" | "close" | "reset" | "upstream" | "respond"; detail?: string }
  | { type: "trap"; callback: string; message: string; functionName?: string; annotation?: string }
  | { type: "vm"; action: "start" | "reload" | "fail" | "configure"; detail?: string };

export interface Sink {
  readonly logs: LogEntry[];
  readonly trace: TraceEvent[];
  /** Host calls made while this sink was current. */
  hostCalls: number;
}

export function newSink(): Sink {
  return { logs: [], trace: [], hostCalls: 0 };
}
