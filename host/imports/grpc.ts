/**
 * gRPC callouts: proxy_grpc_call, proxy_grpc_stream, proxy_grpc_send, proxy_grpc_cancel, proxy_grpc_close. They act
 * for the root context (cpp-host's contextOrEffectiveContext()->root_context()) with the checks of cpp-host's
 * exports (src/exports.cc: unreadable arguments are InvalidMemoryAccess, malformed metadata pairs are an empty
 * list) and of Envoy's Context::grpcCall, grpcStream, grpcSend, grpcClose and grpcCancel
 * (source/extensions/common/wasm/context.cc). The calls themselves are grpc-calls.ts.
 */

import { CalloutType, Status } from "../abi.js";
import type { GrpcCall } from "../grpc-calls.js";
import { refusedTarget } from "../grpc-calls.js";
import { grpcTarget } from "../grpc-service.js";
import type { HeaderList } from "../pairs.js";
import type { Vm } from "../vm.js";
import type { HostFunction } from "./host-function.js";

const isGrpcCall = (token: number): boolean => (token & 3) === CalloutType.GrpcCall;
const isGrpcStream = (token: number): boolean => (token & 3) === CalloutType.GrpcStream;

interface CallTarget {
  readonly service: Uint8Array | undefined;
  readonly serviceName: string | undefined;
  readonly methodName: string | undefined;
  readonly metadata: HeaderList | undefined;
}

/**
 * proxy_grpc_cancel and proxy_grpc_close: a token of either kind; BadArgument for any other token, NotFound for a
 * call or stream that has ended (Context::grpcCancel and grpcClose look the token up in one map per kind).
 */
function endCall(vm: Vm, token: number, end: (call: GrpcCall) => void): number {
  if (!isGrpcCall(token) && !isGrpcStream(token)) return Status.BadArgument;
  const call = vm.core.grpc.get(token >>> 0);
  if (call === undefined) return Status.NotFound;
  end(call);
  return Status.Ok;
}

/** Starts a call or stream after the argument checks, writing its token; the Status to return. */
function start(vm: Vm, kind: "call" | "stream", target: CallTarget, messages: Uint8Array[], timeoutMs: number, tokenPtr: number): number {
  const { service, serviceName, methodName, metadata } = target;
  if (service === undefined || serviceName === undefined || methodName === undefined || metadata === undefined) {
    return Status.InvalidMemoryAccess;
  }
  const parsed = grpcTarget(service);
  // A cluster declared for HTTP calls exists for gRPC too (its methods are then unknown: UNIMPLEMENTED).
  const refused = refusedTarget((name) => vm.core.grpc.hasCluster(name) || vm.core.hasCluster(name), parsed);
  if (refused !== undefined) return refused;
  const cluster = parsed.kind === "cluster-name" ? parsed.cluster : parsed.envoyCluster!;
  const token = vm.takeGrpcToken(kind);
  const call: GrpcCall = {
    token,
    request: { kind, cluster, service: serviceName, method: methodName, initialMetadata: metadata, messages, timeoutMs },
    vm,
    root: vm.active().root,
    localClosed: false,
    asked: false,
    finished: false,
  };
  if (vm.core.tracing) {
    const size = messages.reduce((n, m) => n + m.length, 0);
    vm.record({ type: "grpc-call", token, kind, cluster, service: serviceName, method: methodName, size, timeoutMs });
  }
  vm.core.grpc.started(call);
  // cpp-host writes the token after the call has started: a bad pointer fails the host call, not the call.
  return vm.memory.setU32(tokenPtr, token) ? Status.Ok : Status.InvalidMemoryAccess;
}

function targetAt(vm: Vm, servicePtr: number, serviceSize: number, namePtr: number, nameSize: number, methodPtr: number, methodSize: number, metadataPtr: number, metadataSize: number): CallTarget {
  return {
    service: vm.memory.copy(servicePtr, serviceSize),
    serviceName: vm.memory.string(namePtr, nameSize),
    methodName: vm.memory.string(methodPtr, methodSize),
    metadata: vm.memory.pairs(metadataPtr, metadataSize, true),
  };
}

export const grpcFunctions: HostFunction[] = [
  {
    module: "env",
    name: "proxy_grpc_call",
    params: "iiiiiiiiiiii",
    result: "i",
    make:
      (vm) =>
      (
        servicePtr: number,
        serviceSize: number,
        namePtr: number,
        nameSize: number,
        methodPtr: number,
        methodSize: number,
        metadataPtr: number,
        metadataSize: number,
        messagePtr: number,
        messageSize: number,
        timeoutMs: number,
        tokenPtr: number,
      ) => {
        const target = targetAt(vm, servicePtr, serviceSize, namePtr, nameSize, methodPtr, methodSize, metadataPtr, metadataSize);
        const message = vm.memory.copy(messagePtr, messageSize);
        if (message === undefined) return Status.InvalidMemoryAccess;
        return start(vm, "call", target, [message], timeoutMs >>> 0, tokenPtr);
      },
  },
  {
    module: "env",
    name: "proxy_grpc_stream",
    params: "iiiiiiiii",
    result: "i",
    make:
      (vm) =>
      (servicePtr: number, serviceSize: number, namePtr: number, nameSize: number, methodPtr: number, methodSize: number, metadataPtr: number, metadataSize: number, tokenPtr: number) =>
        start(vm, "stream", targetAt(vm, servicePtr, serviceSize, namePtr, nameSize, methodPtr, methodSize, metadataPtr, metadataSize), [], 0, tokenPtr),
  },
  {
    // Context::grpcSend: only stream tokens; an unknown one is NotFound.
    module: "env",
    name: "proxy_grpc_send",
    params: "iiii",
    result: "i",
    make: (vm) => (token: number, messagePtr: number, messageSize: number, endStream: number) => {
      const message = vm.memory.copy(messagePtr, messageSize);
      if (message === undefined) return Status.InvalidMemoryAccess;
      if (!isGrpcStream(token)) return Status.BadArgument;
      const call = vm.core.grpc.get(token >>> 0);
      if (call === undefined) return Status.NotFound;
      vm.core.grpc.send(call, message, endStream !== 0);
      return Status.Ok;
    },
  },
  {
    // Context::grpcCancel: a call is cancelled, a stream reset; no callback follows either.
    module: "env",
    name: "proxy_grpc_cancel",
    params: "i",
    result: "i",
    make: (vm) => (token: number) => endCall(vm, token, (call) => vm.core.grpc.cancel(call)),
  },
  {
    // Context::grpcClose: a call is cancelled; a stream is half-closed (its answer still comes).
    module: "env",
    name: "proxy_grpc_close",
    params: "i",
    result: "i",
    make: (vm) => (token: number) => endCall(vm, token, (call) => (call.request.kind === "call" ? vm.core.grpc.cancel(call) : vm.core.grpc.halfClose(call))),
  },
];
