/** Logging: proxy_log and proxy_get_log_level (the latter only exists for modules declaring ABI 0.2.1). */

import { LogLevel, Status } from "../abi.js";
import type { HostFunction } from "./host-function.js";

export const logFunctions: HostFunction[] = [
  {
    module: "env",
    name: "proxy_log",
    params: "iii",
    result: "i",
    startup: true,
    allocator: true,
    selfGated: true,
    make: (vm) => (level: number, ptr: number, size: number) => {
      vm.enterHostCall(true, true);
      if (level >>> 0 > LogLevel.Critical) return Status.BadArgument;
      // A line below the log level is dropped: only its range is checked, the text is never decoded.
      if (level < vm.core.logLevel) return vm.memory.valid(ptr, size) ? Status.Ok : Status.InvalidMemoryAccess;
      const message = vm.memory.string(ptr, size);
      if (message === undefined) return Status.InvalidMemoryAccess;
      vm.log(level, message);
      return Status.Ok;
    },
  },
  {
    module: "env",
    name: "proxy_get_log_level",
    params: "i",
    result: "i",
    abi: ["0.2.1"],
    make: (vm) => (ptr: number) => (vm.memory.setU32(ptr, vm.core.logLevel) ? Status.Ok : Status.InvalidMemoryAccess),
  },
];
