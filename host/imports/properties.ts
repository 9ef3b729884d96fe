/**
 * proxy_get_property / proxy_set_property. Reads follow Envoy's attribute names (host/properties.ts); writes go
 * to the stream's filter state under "wasm.<path>" and are NotFound outside a stream (no stream info).
 */

import { Status } from "../abi.js";
import { getProperty, type PropertyScope } from "../properties.js";
import type { Vm } from "../vm.js";
import type { HostFunction } from "./host-function.js";

function scopeOf(vm: Vm): PropertyScope {
  const ctx = vm.active();
  if (ctx.kind === "stream") return ctx.propertyScope();
  const plugin = ctx.root.plugin;
  return {
    pluginName: plugin.name,
    rootId: plugin.rootId,
    vmId: plugin.vmId,
    custom: vm.core.customProperties,
    streamCustom: undefined,
    stream: undefined,
  };
}

export const propertyFunctions: HostFunction[] = [
  {
    module: "env",
    name: "proxy_get_property",
    params: "iiii",
    result: "i",
    selfGated: true,
    make: (vm) => (pathPtr: number, pathSize: number, valuePtrPtr: number, valueSizePtr: number) => {
      vm.enterHostCall(false, false);
      const path = vm.memory.string(pathPtr, pathSize);
      if (path === undefined) return Status.InvalidMemoryAccess;
      const value = getProperty(scopeOf(vm), path);
      if (typeof value === "number") return value;
      const copied = typeof value === "string" ? vm.copyOutString(value, valuePtrPtr, valueSizePtr) : vm.copyOut(value, valuePtrPtr, valueSizePtr);
      return copied ? Status.Ok : Status.InvalidMemoryAccess;
    },
  },
  {
    module: "env",
    name: "proxy_set_property",
    params: "iiii",
    result: "i",
    make: (vm) => (pathPtr: number, pathSize: number, valuePtr: number, valueSize: number) => {
      const path = vm.memory.string(pathPtr, pathSize);
      const value = vm.memory.copy(valuePtr, valueSize);
      if (path === undefined || value === undefined) return Status.InvalidMemoryAccess;
      const ctx = vm.active();
      if (ctx.kind !== "stream") return Status.NotFound;
      ctx.filterState.set(`wasm.${path}`, value);
      return Status.Ok;
    },
  },
];
