/**
 * Time: the tick timer of the root context (Envoy re-arms it from "now" whenever the period is set; 0 disables
 * it) and proxy_get_current_time_nanoseconds, both on the host's simulated clock.
 */

import { Status } from "../abi.js";
import type { HostFunction } from "./host-function.js";

export const timerFunctions: HostFunction[] = [
  {
    module: "env",
    name: "proxy_set_tick_period_milliseconds",
    params: "i",
    result: "i",
    make: (vm) => (periodMs: number) => {
      const root = vm.active().root;
      root.tickPeriodMs = periodMs >>> 0;
      if (root.tickPeriodMs > 0) root.nextTickMs = vm.core.clock.nowMs() + root.tickPeriodMs;
      return Status.Ok;
    },
  },
  {
    module: "env",
    name: "proxy_get_current_time_nanoseconds",
    params: "i",
    result: "i",
    make: (vm) => (resultPtr: number) =>
      vm.memory.setU64(resultPtr, vm.core.clock.realtimeNs()) ? Status.Ok : Status.InvalidMemoryAccess,
  },
];
