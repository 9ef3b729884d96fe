// What the arguments of host calls are, for traces: the tracing host records the text of pointer arguments that
// name or carry text (keys, values, paths, messages), and trace formatters show parameters by name.

/**
 * Parameter names of the proxy-wasm ABI 0.2.1 host functions, so a trace can show `proxy_log(warn, message
 * "...")` instead of `proxy_log(3, 512, 37)`. A `*` parameter is a pointer whose size is the next argument; `-`
 * marks a return pointer, which says nothing about the call. Parameters named after an enum are shown by name.
 */
export const HOST_CALL_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  proxy_log: ["level", "*message", "-"],
  proxy_get_log_level: ["-"],
  proxy_get_current_time_nanoseconds: ["-"],
  proxy_set_tick_period_milliseconds: ["period_ms"],
  proxy_get_buffer_bytes: ["buffer", "start", "max_size", "-", "-"],
  proxy_get_buffer_status: ["buffer", "-", "-"],
  proxy_set_buffer_bytes: ["buffer", "start", "size", "*value", "-"],
  proxy_get_header_map_size: ["map", "-"],
  proxy_get_header_map_pairs: ["map", "-", "-"],
  proxy_set_header_map_pairs: ["map", "*pairs", "-"],
  proxy_get_header_map_value: ["map", "*key", "-", "-", "-"],
  proxy_add_header_map_value: ["map", "*key", "-", "*value", "-"],
  proxy_replace_header_map_value: ["map", "*key", "-", "*value", "-"],
  proxy_remove_header_map_value: ["map", "*key", "-"],
  proxy_continue_stream: ["stream"],
  proxy_close_stream: ["stream"],
  proxy_get_status: ["-", "-", "-"],
  proxy_send_local_response: ["status", "*details", "-", "*body", "-", "*headers", "-", "grpc_status"],
  proxy_http_call: ["*upstream", "-", "*headers", "-", "*body", "-", "*trailers", "-", "timeout_ms", "-"],
  proxy_grpc_call: ["*service", "-", "*service_name", "-", "*method", "-", "*metadata", "-", "*grpc_message", "-", "timeout_ms", "-"],
  proxy_grpc_stream: ["*service", "-", "*service_name", "-", "*method", "-", "*metadata", "-", "-"],
  proxy_grpc_send: ["token", "*grpc_message", "-", "end_of_stream"],
  proxy_grpc_cancel: ["token"],
  proxy_grpc_close: ["token"],
  proxy_set_shared_data: ["*key", "-", "*value", "-", "cas"],
  proxy_get_shared_data: ["*key", "-", "-", "-", "-"],
  proxy_register_shared_queue: ["*name", "-", "-"],
  proxy_resolve_shared_queue: ["*vm_id", "-", "*name", "-", "-"],
  proxy_enqueue_shared_queue: ["token", "*value", "-"],
  proxy_dequeue_shared_queue: ["token", "-", "-"],
  proxy_define_metric: ["metric_type", "*name", "-", "-"],
  proxy_increment_metric: ["metric", "delta"],
  proxy_record_metric: ["metric", "value"],
  proxy_get_metric: ["metric", "-"],
  proxy_get_property: ["*path", "-", "-", "-"],
  proxy_set_property: ["*path", "-", "*value", "-"],
  proxy_set_effective_context: ["context"],
  proxy_done: [],
  proxy_call_foreign_function: ["*name", "-", "*argument", "-", "-", "-"],
};

/** Pointer parameters whose bytes are binary structures (header pairs, foreign-function arguments), not text. */
const BINARY_PARAMETERS = new Set(["*pairs", "*headers", "*trailers", "*argument", "*metadata", "*grpc_message"]);

/** The longest text a trace keeps of one argument, in bytes. */
export const TRACED_TEXT_LIMIT = 200;

/** Per host function, the indexes of its pointer arguments whose bytes a trace keeps as text. */
export const TEXT_ARGUMENTS: ReadonlyMap<string, readonly number[]> = new Map(
  Object.entries(HOST_CALL_PARAMETERS)
    .map(([name, params]) => [name, params.flatMap((p, i) => (p.startsWith("*") && !BINARY_PARAMETERS.has(p) ? [i] : []))] as const)
    .filter(([, indexes]) => indexes.length > 0),
);
