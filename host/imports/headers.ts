/**
 * Header, trailer and HTTP-call-response maps. Envoy's rules: a map type above 7 is BadArgument; mutations and
 * the size query need the map to be reachable right now (else BadArgument); reading a value of an unreachable map
 * is BadArgument too (NotFound in the access-log phase), a missing key NotFound (ABI 0.1.0: empty and Ok);
 * reading all pairs of an unreachable map is Ok and empty.
 */

import { MAP_TYPE_MAX, MapType, Status, mapTypeNames } from "../abi.js";
import type { HeaderMap } from "../header-map.js";
import type { HeaderList } from "../pairs.js";
import type { Vm } from "../vm.js";
import type { HostFunction } from "./host-function.js";

const NO_PAIRS: HeaderList = [];

/** The map a context can reach: Envoy's getMap (mutable) or getConstMap (read-only). */
export function reachableMap(vm: Vm, type: number, mutable: boolean): HeaderMap | null {
  const ctx = vm.active();
  if (type === MapType.HttpCallResponseHeaders || type === MapType.HttpCallResponseTrailers) {
    const response = ctx.root.httpCallResponse;
    if (mutable || response === null) return null;
    return type === MapType.HttpCallResponseHeaders ? response.headers : response.trailers;
  }
  // Envoy hands out the received gRPC metadata during its callback, for reading and for changes alike.
  if (type === MapType.GrpcInitialMetadata) return ctx.root.grpcInitialMetadata;
  if (type === MapType.GrpcTrailingMetadata) return ctx.root.grpcTrailingMetadata;
  return ctx.kind === "stream" ? ctx.map(type, mutable) : null;
}

function traceHeaders(vm: Vm, type: number, op: "add" | "replace" | "remove" | "set", key?: string, value?: string, map?: HeaderMap): void {
  if (!vm.core.tracing) return;
  const event: { type: "headers"; map: string; op: typeof op; key?: string; value?: string; pairs?: Array<[string, string]> } = {
    type: "headers",
    map: mapTypeNames[type]!,
    op,
  };
  if (key !== undefined) event.key = key.toLowerCase();
  if (value !== undefined) event.value = value;
  if (map !== undefined) event.pairs = map.toList();
  vm.record(event);
}

export const headerFunctions: HostFunction[] = [
  {
    module: "env",
    name: "proxy_get_header_map_value",
    params: "iiiii",
    result: "i",
    selfGated: true,
    make: (vm) => (type: number, keyPtr: number, keySize: number, valuePtrPtr: number, valueSizePtr: number) => {
      vm.enterHostCall(false, false);
      if (type >>> 0 > MAP_TYPE_MAX) return Status.BadArgument;
      const key = vm.memory.lowerString(keyPtr, keySize);
      if (key === undefined) return Status.InvalidMemoryAccess;
      const map = reachableMap(vm, type, false);
      let value: string | undefined;
      if (map === null) {
        const ctx = vm.active();
        if (ctx.kind !== "stream" || !ctx.accessLogPhase) return Status.BadArgument;
        if (vm.abi !== "0.1.0") return Status.NotFound;
      } else {
        value = map.getLower(key);
        if (value === undefined && vm.abi !== "0.1.0") return Status.NotFound;
      }
      return vm.copyOutString(value ?? "", valuePtrPtr, valueSizePtr) ? Status.Ok : Status.InvalidMemoryAccess;
    },
  },
  headerWrite("proxy_add_header_map_value", "add"),
  headerWrite("proxy_replace_header_map_value", "replace"),
  {
    module: "env",
    name: "proxy_remove_header_map_value",
    params: "iii",
    result: "i",
    selfGated: true,
    make: (vm) => (type: number, keyPtr: number, keySize: number) => {
      vm.enterHostCall(false, false);
      if (type >>> 0 > MAP_TYPE_MAX) return Status.BadArgument;
      const key = vm.memory.lowerString(keyPtr, keySize);
      if (key === undefined) return Status.InvalidMemoryAccess;
      const map = reachableMap(vm, type, true);
      if (map === null) return Status.BadArgument;
      map.removeLower(key);
      traceHeaders(vm, type, "remove", key);
      return Status.Ok;
    },
  },
  {
    module: "env",
    name: "proxy_get_header_map_pairs",
    params: "iii",
    result: "i",
    selfGated: true,
    make: (vm) => (type: number, ptrPtr: number, sizePtr: number) => {
      vm.enterHostCall(false, false);
      if (type >>> 0 > MAP_TYPE_MAX) return Status.BadArgument;
      const map = reachableMap(vm, type, false);
      return vm.copyOutPairs(map === null ? NO_PAIRS : map.entries, ptrPtr, sizePtr) ? Status.Ok : Status.InvalidMemoryAccess;
    },
  },
  {
    module: "env",
    name: "proxy_set_header_map_pairs",
    params: "iii",
    result: "i",
    make: (vm) => (type: number, ptr: number, size: number) => {
      if (type >>> 0 > MAP_TYPE_MAX) return Status.BadArgument;
      const pairs = vm.memory.pairs(ptr, size, false);
      if (pairs === undefined) return Status.InvalidMemoryAccess;
      const map = reachableMap(vm, type, true);
      if (map === null) return Status.BadArgument;
      // Malformed pairs parse as empty: the map is wiped, silently, as in Envoy.
      map.setAll(pairs);
      traceHeaders(vm, type, "set", undefined, undefined, map);
      return Status.Ok;
    },
  },
  {
    module: "env",
    name: "proxy_get_header_map_size",
    params: "ii",
    result: "i",
    make: (vm) => (type: number, sizePtr: number) => {
      if (type >>> 0 > MAP_TYPE_MAX) return Status.BadArgument;
      const map = reachableMap(vm, type, true);
      if (map === null) return Status.BadArgument;
      return vm.memory.setU32(sizePtr, map.byteSize()) ? Status.Ok : Status.InvalidMemoryAccess;
    },
  },
];

/** proxy_add_header_map_value and proxy_replace_header_map_value differ only in what they do to the map. */
function headerWrite(name: string, op: "add" | "replace"): HostFunction {
  return {
    module: "env",
    name,
    params: "iiiii",
    result: "i",
    selfGated: true,
    make: (vm) => (type: number, keyPtr: number, keySize: number, valuePtr: number, valueSize: number) => {
      vm.enterHostCall(false, false);
      if (type >>> 0 > MAP_TYPE_MAX) return Status.BadArgument;
      const key = vm.memory.lowerString(keyPtr, keySize);
      const value = vm.memory.string(valuePtr, valueSize);
      if (key === undefined || value === undefined) return Status.InvalidMemoryAccess;
      const map = reachableMap(vm, type, true);
      if (map === null) return Status.BadArgument;
      if (op === "add") map.addEntry([key, value]);
      else map.replaceLower(key, value);
      traceHeaders(vm, type, op, key, value);
      return Status.Ok;
    },
  };
}
