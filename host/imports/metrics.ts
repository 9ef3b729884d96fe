/** Metrics: define (ids encode the type), increment, record, get. Values live in the host's metric store. */

import { Status } from "../abi.js";
import type { Vm } from "../vm.js";
import type { HostFunction } from "./host-function.js";

function traceMetric(vm: Vm, op: "define" | "increment" | "record", id: number): void {
  if (!vm.core.tracing) return;
  const metric = vm.metricIds.nameOf(id);
  if (metric !== undefined) vm.record({ type: "metric", op, name: metric.name, metricType: metric.type, value: metric.value });
}

export const metricFunctions: HostFunction[] = [
  {
    module: "env",
    name: "proxy_define_metric",
    params: "iiii",
    result: "i",
    make: (vm) => (type: number, namePtr: number, nameSize: number, idPtr: number) => {
      const name = vm.memory.string(namePtr, nameSize);
      if (name === undefined) return Status.InvalidMemoryAccess;
      const defined = vm.metricIds.define(type >>> 0, name);
      if (defined.status !== Status.Ok) return defined.status;
      if (!vm.memory.setU32(idPtr, defined.id!)) return Status.InvalidMemoryAccess;
      traceMetric(vm, "define", defined.id!);
      return Status.Ok;
    },
  },
  {
    module: "env",
    name: "proxy_increment_metric",
    params: "iI",
    result: "i",
    make: (vm) => (id: number, delta: bigint) => {
      const status = vm.metricIds.increment(id >>> 0, delta);
      if (status === Status.Ok) traceMetric(vm, "increment", id >>> 0);
      return status;
    },
  },
  {
    module: "env",
    name: "proxy_record_metric",
    params: "iI",
    result: "i",
    make: (vm) => (id: number, value: bigint) => {
      const status = vm.metricIds.record(id >>> 0, BigInt.asUintN(64, value));
      if (status === Status.Ok) traceMetric(vm, "record", id >>> 0);
      return status;
    },
  },
  {
    module: "env",
    name: "proxy_get_metric",
    params: "ii",
    result: "i",
    make: (vm) => (id: number, resultPtr: number) => {
      const value = vm.metricIds.get(id >>> 0);
      if (typeof value === "number") return value;
      return vm.memory.setU64(resultPtr, value) ? Status.Ok : Status.InvalidMemoryAccess;
    },
  },
];
