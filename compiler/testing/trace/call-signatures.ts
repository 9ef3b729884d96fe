import { logLevelNames, mapTypeNames } from "../../../host/abi.js";
import { HOST_CALL_PARAMETERS } from "../../../host/call-parameters.js";
import { quote } from "../text-match.js";

/** Parameter names of the callbacks into the filter. */
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
  proxy_on_grpc_receive_initial_metadata: ["context", "token", "headers"],
  proxy_on_grpc_receive: ["context", "token", "message_size"],
  proxy_on_grpc_receive_trailing_metadata: ["context", "token", "trailers"],
  proxy_on_grpc_close: ["context", "token", "status_code"],
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

/**
 * `proxy_get_header_map_value(request_headers, key ":path")`: a pointer argument as the text the guest passed
 * (`texts`, recorded by the tracing host), else as `@pointer+size`. Unknown functions show their raw arguments.
 */
export function describeHostCall(name: string, args: ReadonlyArray<number | bigint>, texts: Readonly<Record<number, string>> = {}): string {
  const params = HOST_CALL_PARAMETERS[name];
  if (params === undefined) return `${name}(${args.map(String).join(", ")})`;
  const shown: string[] = [];
  params.forEach((param, i) => {
    const value = args[i];
    if (param === "-" || value === undefined) return;
    if (param.startsWith("*")) {
      const text = texts[i];
      const size = args[i + 1];
      // Property paths are segments separated by NUL: shown as Envoy's dotted names.
      if (text !== undefined) shown.push(`${param.slice(1)} ${quote(param === "*path" ? text.replaceAll("\0", ".") : text)}`);
      else shown.push(`${param.slice(1)} @${String(value)}+${String(size ?? "?")}`);
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
