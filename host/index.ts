/**
 * The host side of proxy-wasm ABI 0.2.1 (also 0.2.0 and 0.1.0 modules) on Node's WebAssembly, emulating Envoy:
 * load a module, run HTTP streams through it, tick its timers, reconfigure it. See docs/host.md.
 */

export { loadHost, ProxyWasmHost, SharedState, type HostOptions } from "./host.js";
export type { FailurePolicy } from "./core.js";
export { HostLoadError, type FailState } from "./errors.js";
export type { HeaderList } from "./pairs.js";
export { encodePairs, decodePairs } from "./pairs.js";
export type { StreamSpec, RequestSpec, ResponseSpec, RefusedSpec, HeaderInput } from "./stream-spec.js";
export { HttpStream } from "./stream.js";
export type { ForwardedOutput } from "./stream-direction.js";
export type { StreamResult, LocalResponse, ClientResponse, UpstreamRequest } from "./stream-result.js";
export type { LogEntry, TraceEvent } from "./trace.js";
export type { TrapInfo } from "./trap.js";
export type { Cluster, ClusterSpec, HttpCallAnswer, HttpCallReply, HttpCallRequest, PendingHttpCall } from "./http-calls.js";
export type { GrpcAnswer, GrpcAnswerFunction, GrpcCallRequest, GrpcClusterSpec, GrpcMethodSpec, GrpcMethods, GrpcReply, PendingGrpcCall } from "./grpc-calls.js";
export { GRPC_TIMEOUT_MESSAGE } from "./grpc-calls.js";
export { encodeEnvoyGrpcService } from "./grpc-service.js";
export { DEFAULT_BUFFER_LIMIT_BYTES } from "./host.js";
export type { MetricKind } from "./metrics.js";
export type { PropertyValue } from "./properties.js";
export { Status, LogLevel, MapType, BufferType, StreamType, MetricType, statusName } from "./abi.js";
