/**
 * The other env.* functions cpp-host and Envoy register: pthread_equal and emscripten_notify_memory_growth
 * (always), envoy_resolve_dns (Envoy; no DNS in the emulator, so Unimplemented).
 */

import { Status } from "../abi.js";
import type { HostFunction } from "./host-function.js";

export const envExtraFunctions: HostFunction[] = [
  {
    module: "env",
    name: "pthread_equal",
    params: "ii",
    result: "i",
    make: () => (a: number, b: number) => (a === b ? 1 : 0),
  },
  {
    module: "env",
    name: "emscripten_notify_memory_growth",
    params: "i",
    result: "",
    startup: true,
    make: () => () => undefined,
  },
  {
    module: "env",
    name: "envoy_resolve_dns",
    params: "iii",
    result: "i",
    make: () => () => Status.Unimplemented,
  },
];
