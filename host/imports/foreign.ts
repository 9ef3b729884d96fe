/**
 * proxy_call_foreign_function with the functions Envoy registers. compress/uncompress (zlib) and
 * clear_route_cache are emulated; Envoy's others (set_envoy_filter_state, declare_property, verify_signature,
 * sign, expr_*) exist but are Unimplemented here; any other name is NotFound, as in Envoy.
 */

import { deflateSync, inflateSync } from "node:zlib";
import { Status } from "../abi.js";
import type { HostFunction } from "./host-function.js";

type Foreign = (args: Uint8Array) => { status: number; result?: Uint8Array };

const foreignFunctions: Record<string, Foreign> = {
  compress: (args) => ({ status: Status.Ok, result: new Uint8Array(deflateSync(args)) }),
  uncompress: (args) => {
    try {
      return { status: Status.Ok, result: new Uint8Array(inflateSync(args)) };
    } catch {
      return { status: Status.SerializationFailure };
    }
  },
  clear_route_cache: () => ({ status: Status.Ok }),
  set_envoy_filter_state: () => ({ status: Status.Unimplemented }),
  declare_property: () => ({ status: Status.Unimplemented }),
  verify_signature: () => ({ status: Status.Unimplemented }),
  sign: () => ({ status: Status.Unimplemented }),
  expr_create: () => ({ status: Status.Unimplemented }),
  expr_evaluate: () => ({ status: Status.Unimplemented }),
  expr_delete: () => ({ status: Status.Unimplemented }),
};

export const foreignFunctionFunctions: HostFunction[] = [
  {
    module: "env",
    name: "proxy_call_foreign_function",
    params: "iiiiii",
    result: "i",
    make: (vm) => (namePtr: number, nameSize: number, argsPtr: number, argsSize: number, resultPtrPtr: number, resultSizePtr: number) => {
      const name = vm.memory.string(namePtr, nameSize);
      if (name === undefined) return Status.InvalidMemoryAccess;
      const args = vm.memory.copy(argsPtr, argsSize);
      if (args === undefined) return Status.InvalidMemoryAccess;
      const fn = Object.hasOwn(foreignFunctions, name) ? foreignFunctions[name] : undefined;
      if (fn === undefined) return Status.NotFound;
      const { status, result } = fn(args);
      let address = 0;
      const size = result?.length ?? 0;
      if (result !== undefined && size > 0 && resultPtrPtr !== 0) {
        address = vm.allocate(size);
        if (address === 0 || !vm.memory.setBytes(address, result)) return Status.InvalidMemoryAccess;
      }
      if (resultPtrPtr !== 0 && !vm.memory.setU32(resultPtrPtr, address)) return Status.InvalidMemoryAccess;
      if (resultSizePtr !== 0 && !vm.memory.setU32(resultSizePtr, size)) return Status.InvalidMemoryAccess;
      return status;
    },
  },
];
