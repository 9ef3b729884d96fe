import { logLevelNames, mapTypeNames } from "../../../host/abi.js";

/**
 * Parameter names of the proxy-wasm ABI 0.2.1 functions, so a trace can show `proxy_log(warn, message @512+37)`
 * instead of `proxy_log(3, 512, 37)`. A `*` parameter is a pointer whose size is the next argument; `-` marks
 * a return pointer, which says nothing about the call and is left out. Parameters named after an enum are shown
 * by name.
 */
const HOST_FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
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

const CALLBACKS: Readonly<Record<string, readonly string[]>> = {
  proxy_on_context_create: ["context", "parent"],
  proxy_on_vm_start: ["context", "vm_configuration_size"],
  proxy_on_configure: ["context", "configuration_size"],
  proxy_on_request_headers: ["context", "headers", "end_of_stream"],
  proxy_on_request_body: ["context", "body_size", "end_of_stream"],
  proxy_on_request_trailers: ["context", "trailers"],
  proxy_on_response_headers: ["context", "headers", "end_of_stream"],
  proxy_on_response_body: ["context", "body_size", "end_of_stream"],
  proxy_on_response_trailers: ["context", "trailers"],
  proxy_on_done: ["context"],
  proxy_on_log: ["context"],
  proxy_on_delete: ["context"],
  proxy_on_tick: ["context"],
  proxy_on_http_call_response: ["context", "token", "headers", "body_size", "trailers"],
  proxy_on_queue_ready: ["context", "token"],
};

const BUFFERS = ["request_body", "response_body", "downstream_data", "upstream_data", "http_call_response_body", "grpc_receive_buffer", "vm_configuration", "plugin_configuration", "call_data"];
const STREAMS = ["request", "response", "downstream", "upstream"];
const METRIC_TYPES = ["counter", "gauge", "histogram"];

const ENUMS: Readonly<Record<string, readonly string[]>> = {
  level: logLevelNames,
  map: mapTypeNames,
  buffer: BUFFERS,
  stream: STREAMS,
  metric_type: METRIC_TYPES,
};

/** `proxy_get_header_map_value(request_headers, key @296+5)`. Unknown functions show their raw arguments. */
export function describeHostCall(name: string, args: ReadonlyArray<number | bigint>): string {
  const params = HOST_FUNCTIONS[name];
  if (params === undefined) return `${name}(${args.map(String).join(", ")})`;
  const shown: string[] = [];
  params.forEach((param, i) => {
    const value = args[i];
    if (param === "-" || value === undefined) return;
    if (param.startsWith("*")) {
      const size = args[i + 1];
      shown.push(`${param.slice(1)} @${String(value)}+${String(size ?? "?")}`);
      return;
    }
    const names = ENUMS[param];
    shown.push(names !== undefined ? (names[Number(value)] ?? `${param} ${String(value)}`) : `${param} ${String(value)}`);
  });
  return `${name}(${shown.join(", ")})`;
}

/** `proxy_on_request_headers(context 2, headers 6, end_of_stream 1)`. */
export function describeCallback(name: string, args: readonly number[]): string {
  const params = CALLBACKS[name] ?? [];
  return `${name}(${args.map((a, i) => (params[i] !== undefined ? `${params[i]} ${a}` : String(a))).join(", ")})`;
}
