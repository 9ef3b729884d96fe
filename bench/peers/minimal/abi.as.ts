// The proxy-wasm ABI 0.2.1 host functions the hand-written AssemblyScript peers call (module `env`). Only the
// functions a peer calls become imports of its module.

@external("env", "proxy_log")
export declare function proxy_log(level: u32, messagePtr: usize, messageSize: usize): u32;

@external("env", "proxy_get_header_map_value")
export declare function proxy_get_header_map_value(map: u32, keyPtr: usize, keySize: usize, returnPtr: usize, returnSize: usize): u32;

@external("env", "proxy_add_header_map_value")
export declare function proxy_add_header_map_value(map: u32, keyPtr: usize, keySize: usize, valuePtr: usize, valueSize: usize): u32;

@external("wasi_snapshot_preview1", "random_get")
export declare function random_get(buffer: usize, length: usize): u32;

@external("env", "proxy_replace_header_map_value")
export declare function proxy_replace_header_map_value(map: u32, keyPtr: usize, keySize: usize, valuePtr: usize, valueSize: usize): u32;

@external("env", "proxy_get_property")
export declare function proxy_get_property(pathPtr: usize, pathSize: usize, returnPtr: usize, returnSize: usize): u32;

@external("env", "proxy_send_local_response")
export declare function proxy_send_local_response(
  status: u32, detailsPtr: usize, detailsSize: usize, bodyPtr: usize, bodySize: usize,
  headersPtr: usize, headersSize: usize, grpcStatus: i32,
): u32;

export const STATUS_OK: u32 = 0;
export const MAP_REQUEST_HEADERS: u32 = 0;
export const MAP_RESPONSE_HEADERS: u32 = 2;
export const LOG_INFO: u32 = 2;
export const LOG_WARN: u32 = 3;
export const LOG_ERROR: u32 = 4;
export const CONTINUE: u32 = 0;
export const STOP_ITERATION: u32 = 1;

@external("env", "proxy_get_buffer_bytes")
export declare function proxy_get_buffer_bytes(bufferType: u32, start: u32, length: u32, returnPtr: usize, returnSize: usize): u32;

export const BUFFER_REQUEST_BODY: u32 = 0;
export const BUFFER_RESPONSE_BODY: u32 = 1;
/** FilterDataStatus StopIterationAndBuffer: the host keeps the chunks and reports the whole body so far next time. */
export const STOP_ITERATION_AND_BUFFER: u32 = 1;

@external("env", "proxy_define_metric")
export declare function proxy_define_metric(metricType: u32, namePtr: usize, nameSize: usize, returnId: usize): u32;

@external("env", "proxy_increment_metric")
export declare function proxy_increment_metric(metricId: u32, offset: i64): u32;

@external("env", "proxy_record_metric")
export declare function proxy_record_metric(metricId: u32, value: u64): u32;

export const METRIC_COUNTER: u32 = 0;
export const METRIC_GAUGE: u32 = 1;
export const METRIC_HISTOGRAM: u32 = 2;

@external("env", "proxy_get_current_time_nanoseconds")
export declare function proxy_get_current_time_nanoseconds(returnTime: usize): u32;

@external("env", "proxy_get_shared_data")
export declare function proxy_get_shared_data(keyPtr: usize, keySize: usize, returnValue: usize, returnSize: usize, returnCas: usize): u32;

@external("env", "proxy_set_shared_data")
export declare function proxy_set_shared_data(keyPtr: usize, keySize: usize, valuePtr: usize, valueSize: usize, cas: u32): u32;

export const STATUS_CAS_MISMATCH: u32 = 8;

@external("env", "proxy_grpc_call")
export declare function proxy_grpc_call(
  servicePtr: usize, serviceSize: usize, serviceNamePtr: usize, serviceNameSize: usize, methodPtr: usize, methodSize: usize,
  metadataPtr: usize, metadataSize: usize, messagePtr: usize, messageSize: usize, timeoutMs: u32, tokenPtr: usize,
): u32;

@external("env", "proxy_grpc_cancel")
export declare function proxy_grpc_cancel(token: u32): u32;

@external("env", "proxy_http_call")
export declare function proxy_http_call(
  upstreamPtr: usize, upstreamSize: usize, headersPtr: usize, headersSize: usize, bodyPtr: usize, bodySize: usize,
  trailersPtr: usize, trailersSize: usize, timeoutMs: u32, tokenPtr: usize,
): u32;

@external("env", "proxy_set_effective_context")
export declare function proxy_set_effective_context(contextId: u32): u32;

@external("env", "proxy_continue_stream")
export declare function proxy_continue_stream(streamType: u32): u32;

export const STREAM_REQUEST: u32 = 0;
/** proxy_get_buffer_bytes's buffer of an HTTP call's answer body, and of a gRPC answer. */
export const BUFFER_HTTP_CALL_RESPONSE_BODY: u32 = 4;
export const BUFFER_GRPC_RECEIVE: u32 = 5;
export const MAP_HTTP_CALL_RESPONSE_HEADERS: u32 = 6;
/** What a callback that waits for a callout returns, as filterc's generated code does. */
export const STOP_ALL_ITERATION_AND_WATERMARK: u32 = 4;
