/** Shared data: a key-value store per VM id with compare-and-swap (CasMismatch on a stale cas). */

import { Status } from "../abi.js";
import type { HostFunction } from "./host-function.js";

export const sharedDataFunctions: HostFunction[] = [
  {
    module: "env",
    name: "proxy_get_shared_data",
    params: "iiiii",
    result: "i",
    make: (vm) => (keyPtr: number, keySize: number, valuePtrPtr: number, valueSizePtr: number, casPtr: number) => {
      const key = vm.memory.string(keyPtr, keySize);
      if (key === undefined) return Status.InvalidMemoryAccess;
      const entry = vm.core.sharedData.get(vm.vmPlugin.vmId, key);
      if (entry === undefined) return Status.NotFound;
      if (!vm.copyOut(entry.value, valuePtrPtr, valueSizePtr)) return Status.InvalidMemoryAccess;
      return vm.memory.setU32(casPtr, entry.cas) ? Status.Ok : Status.InvalidMemoryAccess;
    },
  },
  {
    module: "env",
    name: "proxy_set_shared_data",
    params: "iiiii",
    result: "i",
    make: (vm) => (keyPtr: number, keySize: number, valuePtr: number, valueSize: number, cas: number) => {
      const key = vm.memory.string(keyPtr, keySize);
      const value = vm.memory.copy(valuePtr, valueSize);
      if (key === undefined || value === undefined) return Status.InvalidMemoryAccess;
      return vm.core.sharedData.set(vm.vmPlugin.vmId, key, value, cas >>> 0);
    },
  },
];
