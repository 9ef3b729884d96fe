/**
 * Numeric vocabulary of proxy-wasm ABI 0.2.1 as Envoy (proxy-wasm-cpp-host) uses it. Plain frozen objects rather
 * than TS enums so every consumer (and esbuild's per-file transpiling in tests) sees ordinary values.
 */

/** proxy_status_t / WasmResult: the i32 every host function returns. */
export const Status = {
  Ok: 0,
  NotFound: 1,
  BadArgument: 2,
  SerializationFailure: 3,
  ParseFailure: 4,
  BadExpression: 5,
  InvalidMemoryAccess: 6,
  Empty: 7,
  CasMismatch: 8,
  ResultMismatch: 9,
  InternalFailure: 10,
  BrokenConnection: 11,
  Unimplemented: 12,
} as const;
export type StatusCode = (typeof Status)[keyof typeof Status];

const statusNames = Object.fromEntries(Object.entries(Status).map(([name, code]) => [code, name])) as Record<
  number,
  string
>;
export function statusName(code: number): string {
  return statusNames[code] ?? `Status(${code})`;
}

/** proxy_log_level_t. Envoy's spdlog levels line up with these numbers. */
export const LogLevel = { Trace: 0, Debug: 1, Info: 2, Warn: 3, Error: 4, Critical: 5 } as const;
export const logLevelNames = ["trace", "debug", "info", "warn", "error", "critical"] as const;

/** proxy_map_type_t. */
export const MapType = {
  RequestHeaders: 0,
  RequestTrailers: 1,
  ResponseHeaders: 2,
  ResponseTrailers: 3,
  GrpcInitialMetadata: 4,
  GrpcTrailingMetadata: 5,
  HttpCallResponseHeaders: 6,
  HttpCallResponseTrailers: 7,
} as const;
export const MAP_TYPE_MAX = 7;
export const mapTypeNames = [
  "request_headers",
  "request_trailers",
  "response_headers",
  "response_trailers",
  "grpc_initial_metadata",
  "grpc_trailing_metadata",
  "http_call_response_headers",
  "http_call_response_trailers",
] as const;

/** proxy_buffer_type_t. */
export const BufferType = {
  HttpRequestBody: 0,
  HttpResponseBody: 1,
  DownstreamData: 2,
  UpstreamData: 3,
  HttpCallResponseBody: 4,
  GrpcReceiveBuffer: 5,
  VmConfiguration: 6,
  PluginConfiguration: 7,
  CallData: 8,
} as const;
export const BUFFER_TYPE_MAX = 8;

/** proxy_stream_type_t. */
export const StreamType = { Request: 0, Response: 1, Downstream: 2, Upstream: 3 } as const;
export const STREAM_TYPE_MAX = 3;

/** proxy_metric_type_t; also the low two bits of every metric id cpp-host hands out. */
export const MetricType = { Counter: 0, Gauge: 1, Histogram: 2 } as const;
export const METRIC_TYPE_MAX = 2;

/** Envoy's FilterHeadersStatus / FilterDataStatus / FilterTrailersStatus after cpp-host's conversion. */
export const HeadersAction = {
  Continue: 0,
  StopIteration: 1,
  ContinueAndEndStream: 2,
  StopAllIterationAndBuffer: 3,
  StopAllIterationAndWatermark: 4,
} as const;
export const headersActionNames = [
  "Continue",
  "StopIteration",
  "ContinueAndEndStream",
  "StopAllIterationAndBuffer",
  "StopAllIterationAndWatermark",
] as const;
export const DataAction = {
  Continue: 0,
  StopIterationAndBuffer: 1,
  StopIterationAndWatermark: 2,
  StopIterationNoBuffer: 3,
} as const;
export const dataActionNames = [
  "Continue",
  "StopIterationAndBuffer",
  "StopIterationAndWatermark",
  "StopIterationNoBuffer",
] as const;
export const trailersActionNames = ["Continue", "StopIteration"] as const;

/** WASI errno values the host returns. */
export const Errno = {
  Success: 0,
  Badf: 8,
  Notdir: 20,
  Fault: 21,
  Inval: 28,
  Noent: 44,
  Nosys: 52,
  Notsup: 58,
  Notcapable: 76,
} as const;

/** The marker export decides which callback signatures and which host functions a module gets. */
export type AbiVersion = "0.1.0" | "0.2.0" | "0.2.1";
export const abiMarkers: ReadonlyArray<readonly [string, AbiVersion]> = [
  ["proxy_abi_version_0_1_0", "0.1.0"],
  ["proxy_abi_version_0_2_0", "0.2.0"],
  ["proxy_abi_version_0_2_1", "0.2.1"],
];

/** gRPC status codes the host itself produces. */
export const GrpcStatus = { Ok: 0, Unknown: 2, DeadlineExceeded: 4, Unimplemented: 12, Internal: 13, Unavailable: 14, MaximumKnown: 16 } as const;

/** cpp-host's callout token classes: the low two bits of an HTTP/gRPC token. */
export const CalloutType = { HttpCall: 0, GrpcCall: 1, GrpcStream: 2 } as const;
