/**
 * Resuming and closing streams: proxy_continue_stream / proxy_close_stream (ABI 0.2.x), and the ABI 0.1.0
 * forms proxy_continue_request / proxy_continue_response / proxy_clear_route_cache. Both act on the effective
 * context; from a root context they succeed without effect, as in Envoy.
 */

import { STREAM_TYPE_MAX, Status, StreamType } from "../abi.js";
import type { Vm } from "../vm.js";
import { ABI_02, type HostFunction } from "./host-function.js";

function continueStream(vm: Vm, type: number): number {
  const ctx = vm.active();
  if (ctx.kind === "stream") return ctx.continueStream(type);
  return type === StreamType.Upstream ? Status.Unimplemented : Status.Ok;
}

export const streamControlFunctions: HostFunction[] = [
  {
    module: "env",
    name: "proxy_continue_stream",
    params: "i",
    result: "i",
    abi: ABI_02,
    make: (vm) => (type: number) => (type >>> 0 > STREAM_TYPE_MAX ? Status.BadArgument : continueStream(vm, type)),
  },
  {
    module: "env",
    name: "proxy_close_stream",
    params: "i",
    result: "i",
    abi: ABI_02,
    make: (vm) => (type: number) => {
      if (type >>> 0 > STREAM_TYPE_MAX) return Status.BadArgument;
      const ctx = vm.active();
      return ctx.kind === "stream" ? ctx.closeStream(type) : Status.Ok;
    },
  },
  {
    module: "env",
    name: "proxy_continue_request",
    params: "",
    result: "i",
    abi: ["0.1.0"],
    make: (vm) => () => continueStream(vm, StreamType.Request),
  },
  {
    module: "env",
    name: "proxy_continue_response",
    params: "",
    result: "i",
    abi: ["0.1.0"],
    make: (vm) => () => continueStream(vm, StreamType.Response),
  },
  {
    module: "env",
    name: "proxy_clear_route_cache",
    params: "",
    result: "i",
    abi: ["0.1.0"],
    make: () => () => Status.Ok,
  },
];
