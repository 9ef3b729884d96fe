/**
 * Buffers: bodies (0/1, live only while Envoy holds the pointer; otherwise an empty read-only buffer), HTTP-call
 * response body (4, only inside proxy_on_http_call_response), gRPC receive buffer (5, only inside
 * proxy_on_grpc_receive), VM configuration (6, always) and plugin
 * configuration (7, only while the root context is created or configured; NotFound elsewhere).
 */

import { BUFFER_TYPE_MAX, BufferType, Status } from "../abi.js";
import type { BodyBuffer } from "../body-buffer.js";
import type { Vm } from "../vm.js";
import type { HostFunction } from "./host-function.js";

const EMPTY = new Uint8Array(0);
const bufferNames = ["http_request_body", "http_response_body", "downstream_data", "upstream_data", "http_call_response_body", "grpc_receive_buffer", "vm_configuration", "plugin_configuration", "call_data"];

interface BufferView {
  readonly bytes: Uint8Array;
  /** Only live bodies can be written. */
  readonly body: BodyBuffer | null;
}

const EMPTY_READ_ONLY: BufferView = { bytes: EMPTY, body: null };

/** Envoy's Context::getBuffer, or null when the buffer does not exist (NotFound). */
function bufferFor(vm: Vm, type: number): BufferView | null {
  const ctx = vm.active();
  switch (type) {
    case BufferType.HttpRequestBody:
    case BufferType.HttpResponseBody: {
      const live = ctx.kind === "stream" ? ctx.body(type) : null;
      return live === null ? EMPTY_READ_ONLY : { bytes: live.bytes, body: live };
    }
    case BufferType.HttpCallResponseBody: {
      const response = ctx.root.httpCallResponse;
      return response === null ? null : { bytes: response.body, body: null };
    }
    case BufferType.GrpcReceiveBuffer: {
      const message = ctx.root.grpcReceiveBuffer;
      return message === null ? null : { bytes: message, body: null };
    }
    case BufferType.VmConfiguration:
      return { bytes: vm.vmPlugin.vmConfiguration, body: null };
    case BufferType.PluginConfiguration:
      return ctx.kind === "root" && ctx.tempPlugin ? { bytes: ctx.plugin.configuration, body: null } : null;
    default:
      return EMPTY_READ_ONLY;
  }
}

export const bufferFunctions: HostFunction[] = [
  {
    module: "env",
    name: "proxy_get_buffer_bytes",
    params: "iiiii",
    result: "i",
    selfGated: true,
    make: (vm) => (type: number, start: number, length: number, ptrPtr: number, sizePtr: number) => {
      vm.enterHostCall(false, false);
      if (type >>> 0 > BUFFER_TYPE_MAX) return Status.BadArgument;
      const buffer = bufferFor(vm, type);
      if (buffer === null) return Status.NotFound;
      start >>>= 0;
      length >>>= 0;
      const size = buffer.bytes.length;
      if (start > size) length = 0;
      else if (start + length > size) length = size - start;
      const slice = length === 0 ? EMPTY : buffer.bytes.subarray(start, start + length);
      return vm.copyOut(slice, ptrPtr, sizePtr) ? Status.Ok : Status.InvalidMemoryAccess;
    },
  },
  {
    module: "env",
    name: "proxy_get_buffer_status",
    params: "iii",
    result: "i",
    make: (vm) => (type: number, lengthPtr: number, flagsPtr: number) => {
      if (type >>> 0 > BUFFER_TYPE_MAX) return Status.BadArgument;
      const buffer = bufferFor(vm, type);
      if (buffer === null) return Status.NotFound;
      // cpp-host always reports flags 0.
      if (!vm.memory.setU32(lengthPtr, buffer.bytes.length) || !vm.memory.setU32(flagsPtr, 0)) {
        return Status.InvalidMemoryAccess;
      }
      return Status.Ok;
    },
  },
  {
    module: "env",
    name: "proxy_set_buffer_bytes",
    params: "iiiii",
    result: "i",
    make: (vm) => (type: number, start: number, size: number, dataPtr: number, dataSize: number) => {
      if (type >>> 0 > BUFFER_TYPE_MAX) return Status.BadArgument;
      const buffer = bufferFor(vm, type);
      if (buffer === null) return Status.NotFound;
      const data = vm.memory.copy(dataPtr, dataSize);
      if (data === undefined) return Status.InvalidMemoryAccess;
      if (buffer.body === null) return Status.BadArgument;
      const status = buffer.body.write(start >>> 0, size >>> 0, data);
      if (status === Status.Ok && vm.core.tracing) {
        vm.record({ type: "body", buffer: bufferNames[type]!, start: start >>> 0, size: size >>> 0, length: data.length });
      }
      return status;
    },
  },
  {
    // ABI 0.1.0: the configuration in effect (plugin configuration while configuring, else the VM's).
    module: "env",
    name: "proxy_get_configuration",
    params: "ii",
    result: "i",
    abi: ["0.1.0"],
    make: (vm) => (ptrPtr: number, sizePtr: number) => {
      const ctx = vm.active();
      const bytes = ctx.kind === "root" && ctx.tempPlugin ? ctx.plugin.configuration : vm.vmPlugin.vmConfiguration;
      return vm.copyOut(bytes, ptrPtr, sizePtr) ? Status.Ok : Status.InvalidMemoryAccess;
    },
  },
];
