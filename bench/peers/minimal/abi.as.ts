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
