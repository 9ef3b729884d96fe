/**
 * Field names of the Envoy v3 messages a bootstrap uses, copied from the data-plane-api protos (snake_case, the
 * canonical proto JSON names). Envoy rejects an unknown field at startup, so every key of the generated
 * envoy.yaml must be one of these; `unknownFields` checks that and says where it went wrong. Each table holds
 * real fields of its message (those filterc uses and their common neighbours, not every field), so a key outside
 * it is misspelt, camelCased, or a field this table has yet to learn.
 */

type Kind = string;
interface Message {
  readonly fields: Readonly<Record<string, Kind | [Kind]>>;
}

const SCALAR = "scalar";
export const TYPE_URLS = {
  hcm: "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
  router: "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router",
  wasm: "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
  stringValue: "type.googleapis.com/google.protobuf.StringValue",
} as const;

const MESSAGES: Readonly<Record<Kind, Message>> = {
  Bootstrap: { fields: { node: SCALAR, static_resources: "StaticResources", dynamic_resources: SCALAR, cluster_manager: SCALAR, admin: "Admin", layered_runtime: SCALAR, stats_sinks: SCALAR, overload_manager: SCALAR, stats_config: "StatsConfig" } },
  StatsConfig: { fields: { stats_tags: ["TagSpecifier"], use_all_default_tags: SCALAR, stats_matcher: SCALAR, histogram_bucket_settings: SCALAR } },
  TagSpecifier: { fields: { tag_name: SCALAR, regex: SCALAR, fixed_value: SCALAR } },
  Admin: { fields: { access_log: SCALAR, access_log_path: SCALAR, profile_path: SCALAR, address: "Address", socket_options: SCALAR, ignore_global_conn_limit: SCALAR } },
  Address: { fields: { socket_address: "SocketAddress", pipe: SCALAR, envoy_internal_address: SCALAR } },
  SocketAddress: { fields: { protocol: SCALAR, address: SCALAR, port_value: SCALAR, named_port: SCALAR, resolver_name: SCALAR, ipv4_compat: SCALAR } },
  StaticResources: { fields: { listeners: ["Listener"], clusters: ["Cluster"], secrets: SCALAR } },
  Listener: { fields: { name: SCALAR, address: "Address", filter_chains: ["FilterChain"], default_filter_chain: SCALAR, listener_filters: SCALAR, per_connection_buffer_limit_bytes: SCALAR, stat_prefix: SCALAR } },
  FilterChain: { fields: { filter_chain_match: SCALAR, filters: ["NetworkFilter"], transport_socket: SCALAR, name: SCALAR } },
  NetworkFilter: { fields: { name: SCALAR, typed_config: "Any", config_discovery: SCALAR } },
  HttpConnectionManager: { fields: { "@type": SCALAR, codec_type: SCALAR, stat_prefix: SCALAR, rds: SCALAR, route_config: "RouteConfiguration", scoped_routes: SCALAR, http_filters: ["HttpFilter"], access_log: SCALAR, use_remote_address: SCALAR } },
  RouteConfiguration: { fields: { name: SCALAR, virtual_hosts: ["VirtualHost"], response_headers_to_add: SCALAR, request_headers_to_add: SCALAR } },
  VirtualHost: { fields: { name: SCALAR, domains: SCALAR, routes: ["Route"], require_tls: SCALAR } },
  Route: { fields: { name: SCALAR, match: "RouteMatch", route: "RouteAction", redirect: SCALAR, direct_response: SCALAR } },
  RouteMatch: { fields: { prefix: SCALAR, path: SCALAR, safe_regex: SCALAR, path_separated_prefix: SCALAR, headers: SCALAR, query_parameters: SCALAR } },
  RouteAction: { fields: { cluster: SCALAR, cluster_header: SCALAR, weighted_clusters: SCALAR, timeout: SCALAR, prefix_rewrite: SCALAR } },
  HttpFilter: { fields: { name: SCALAR, typed_config: "Any", config_discovery: SCALAR, is_optional: SCALAR, disabled: SCALAR } },
  Router: { fields: { "@type": SCALAR, dynamic_stats: SCALAR, start_child_span: SCALAR, suppress_envoy_headers: SCALAR } },
  Wasm: { fields: { "@type": SCALAR, config: "PluginConfig" } },
  PluginConfig: { fields: { name: SCALAR, root_id: SCALAR, vm_config: "VmConfig", configuration: "Any", fail_open: SCALAR, failure_policy: SCALAR, reload_config: SCALAR, capability_restriction_config: SCALAR, allow_on_headers_stop_iteration: SCALAR } },
  StringValue: { fields: { "@type": SCALAR, value: SCALAR } },
  VmConfig: { fields: { vm_id: SCALAR, runtime: SCALAR, code: "AsyncDataSource", configuration: "Any", allow_precompiled: SCALAR, nack_on_code_cache_miss: SCALAR, environment_variables: SCALAR } },
  AsyncDataSource: { fields: { local: "DataSource", remote: SCALAR } },
  DataSource: { fields: { filename: SCALAR, inline_bytes: SCALAR, inline_string: SCALAR, environment_variable: SCALAR } },
  Cluster: { fields: { name: SCALAR, type: SCALAR, connect_timeout: SCALAR, load_assignment: "ClusterLoadAssignment", dns_lookup_family: SCALAR, lb_policy: SCALAR, transport_socket: SCALAR, typed_extension_protocol_options: SCALAR } },
  ClusterLoadAssignment: { fields: { cluster_name: SCALAR, endpoints: ["LocalityLbEndpoints"], policy: SCALAR } },
  LocalityLbEndpoints: { fields: { locality: SCALAR, lb_endpoints: ["LbEndpoint"], load_balancing_weight: SCALAR, priority: SCALAR } },
  LbEndpoint: { fields: { endpoint: "Endpoint", health_status: SCALAR, metadata: SCALAR, load_balancing_weight: SCALAR } },
  Endpoint: { fields: { address: "Address", health_check_config: SCALAR, hostname: SCALAR } },
};

/** Which message an Any holds, by its type URL. */
const ANY_TYPES: Readonly<Record<string, Kind>> = {
  [TYPE_URLS.hcm]: "HttpConnectionManager",
  [TYPE_URLS.router]: "Router",
  [TYPE_URLS.wasm]: "Wasm",
  [TYPE_URLS.stringValue]: "StringValue",
};

/** Every place under `value` (a `kind` message) whose key is no field of its message, or whose Any type is unknown. */
export function unknownFields(value: unknown, kind: Kind = "Bootstrap", at = ""): string[] {
  if (kind === SCALAR) return [];
  if (kind === "Any") {
    const type = (value as Record<string, unknown>)["@type"];
    const held = typeof type === "string" ? ANY_TYPES[type] : undefined;
    return held === undefined ? [`${at}: unknown Any type ${String(type)}`] : unknownFields(value, held, at);
  }
  const message = MESSAGES[kind];
  if (message === undefined) return [`${at}: no field table for ${kind}`];
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [`${at}: ${kind} must be a map`];
  const out: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const field = message.fields[key];
    if (field === undefined) {
      out.push(`${at}.${key}: not a field of ${kind}`);
    } else if (Array.isArray(field)) {
      if (!Array.isArray(child)) out.push(`${at}.${key}: must be a list`);
      else child.forEach((item, i) => out.push(...unknownFields(item, field[0], `${at}.${key}[${i}]`)));
    } else {
      out.push(...unknownFields(child, field, `${at}.${key}`));
    }
  }
  return out;
}
