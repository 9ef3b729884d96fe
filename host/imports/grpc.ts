/**
 * gRPC callouts. The emulator has no gRPC upstreams: starting a call or stream is Unimplemented. Operations on a
 * token follow Envoy's checks on the token class (cpp-host's low two bits) and find nothing: NotFound for a gRPC
 * token, BadArgument for any other.
 */

import { CalloutType, Status } from "../abi.js";
import type { HostFunction } from "./host-function.js";

const isGrpcCall = (token: number): boolean => (token & 3) === CalloutType.GrpcCall;
const isGrpcStream = (token: number): boolean => (token & 3) === CalloutType.GrpcStream;

export const grpcFunctions: HostFunction[] = [
  { module: "env", name: "proxy_grpc_call", params: "iiiiiiiiiiii", result: "i", make: () => () => Status.Unimplemented },
  { module: "env", name: "proxy_grpc_stream", params: "iiiiiiiii", result: "i", make: () => () => Status.Unimplemented },
  {
    module: "env",
    name: "proxy_grpc_send",
    params: "iiii",
    result: "i",
    make: (vm) => (token: number, messagePtr: number, messageSize: number) => {
      if (!vm.memory.valid(messagePtr, messageSize)) return Status.InvalidMemoryAccess;
      return isGrpcStream(token) ? Status.NotFound : Status.BadArgument;
    },
  },
  {
    module: "env",
    name: "proxy_grpc_cancel",
    params: "i",
    result: "i",
    make: () => (token: number) => (isGrpcCall(token) || isGrpcStream(token) ? Status.NotFound : Status.BadArgument),
  },
  {
    module: "env",
    name: "proxy_grpc_close",
    params: "i",
    result: "i",
    make: () => (token: number) => (isGrpcCall(token) || isGrpcStream(token) ? Status.NotFound : Status.BadArgument),
  },
];
