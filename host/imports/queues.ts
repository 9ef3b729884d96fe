/**
 * Shared queues. Registration notifies the registering context's root (a stream registers for its root);
 * resolving with an empty VM id means the caller's own VM; dequeuing an empty queue is Empty.
 */

import { Status } from "../abi.js";
import type { HostFunction } from "./host-function.js";

export const queueFunctions: HostFunction[] = [
  {
    module: "env",
    name: "proxy_register_shared_queue",
    params: "iii",
    result: "i",
    make: (vm) => (namePtr: number, nameSize: number, tokenPtr: number) => {
      const name = vm.memory.string(namePtr, nameSize);
      if (name === undefined) return Status.InvalidMemoryAccess;
      const token = vm.core.sharedQueues.register(vm.vmPlugin.vmId, name, vm.active().root.id, vm.core.queueOwner);
      return vm.memory.setU32(tokenPtr, token) ? Status.Ok : Status.InvalidMemoryAccess;
    },
  },
  {
    module: "env",
    name: "proxy_resolve_shared_queue",
    params: "iiiii",
    result: "i",
    make: (vm) => (vmIdPtr: number, vmIdSize: number, namePtr: number, nameSize: number, tokenPtr: number) => {
      const vmId = vm.memory.string(vmIdPtr, vmIdSize);
      const name = vm.memory.string(namePtr, nameSize);
      if (vmId === undefined || name === undefined) return Status.InvalidMemoryAccess;
      const token = vm.core.sharedQueues.resolve(vmId === "" ? vm.vmPlugin.vmId : vmId, name);
      if (token === 0 || vm.failed) return Status.NotFound;
      return vm.memory.setU32(tokenPtr, token) ? Status.Ok : Status.InvalidMemoryAccess;
    },
  },
  {
    module: "env",
    name: "proxy_enqueue_shared_queue",
    params: "iii",
    result: "i",
    make: (vm) => (token: number, dataPtr: number, dataSize: number) => {
      const data = vm.memory.copy(dataPtr, dataSize);
      if (data === undefined) return Status.InvalidMemoryAccess;
      return vm.core.sharedQueues.enqueue(token >>> 0, data);
    },
  },
  {
    module: "env",
    name: "proxy_dequeue_shared_queue",
    params: "iii",
    result: "i",
    make: (vm) => (token: number, dataPtrPtr: number, dataSizePtr: number) => {
      const item = vm.core.sharedQueues.dequeue(token >>> 0);
      if (typeof item === "number") return item;
      return vm.copyOut(item, dataPtrPtr, dataSizePtr) ? Status.Ok : Status.InvalidMemoryAccess;
    },
  },
];
