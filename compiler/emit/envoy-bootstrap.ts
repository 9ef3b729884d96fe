import { isIP } from "node:net";
import type { EmitInput, EmittedFile } from "./emit-input.js";
import type { EnvoySettings } from "./settings.js";
import { statsTags } from "./stats-tags.js";
import { wasmFilterTypedConfig } from "./wasm-filter.js";
import { generatedHeader, yamlText } from "./yaml-text.js";

export const HTTP_CONNECTION_MANAGER_TYPE =
  "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
export const ROUTER_TYPE = "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router";
export const UPSTREAM_CLUSTER = "upstream";

/**
 * envoy.yaml: a complete static Envoy v3 bootstrap to try the filter without a mesh. One listener runs the wasm
 * filter then the router and forwards everything to one upstream; admin listens on loopback only.
 */
export function emitEnvoyBootstrap(input: EmitInput): EmittedFile {
  const { settings, pluginConfig } = input;
  const envoy = settings.envoy;
  const header = [
    ...generatedHeader(input.module.sha256),
    `Run from the output directory: envoy -c envoy.yaml (code.local.filename "${envoy.wasmFile}" is relative to it).`,
    ...((input.clusters ?? []).length > 0 ? [`Clusters the rules call, as placeholders (gRPC on ${SERVICE_PLACEHOLDER.address}:${SERVICE_PLACEHOLDER.port}): ${(input.clusters ?? []).join(", ")}. Point them at the real services.`] : []),
  ];
  const tags = input.metrics?.tags ?? [];
  const bootstrap = {
    admin: { address: socketAddress("127.0.0.1", envoy.adminPort) },
    // `count ... by` and `countRules` put a tag in their metrics' names: these make it a real tag (label).
    ...(tags.length > 0 && { stats_config: { stats_tags: statsTags(tags) } }),
    static_resources: {
      listeners: [
        {
          name: "filterc_listener",
          address: socketAddress("0.0.0.0", envoy.listenPort),
          filter_chains: [
            {
              filters: [
                {
                  name: "envoy.filters.network.http_connection_manager",
                  typed_config: {
                    "@type": HTTP_CONNECTION_MANAGER_TYPE,
                    stat_prefix: "filterc",
                    route_config: {
                      name: "local_route",
                      virtual_hosts: [
                        { name: "all", domains: ["*"], routes: [{ match: { prefix: "/" }, route: { cluster: UPSTREAM_CLUSTER } }] },
                      ],
                    },
                    http_filters: [
                      { name: settings.name, typed_config: wasmFilterTypedConfig(settings, pluginConfig, envoy.wasmFile, input.holdsHeaders) },
                      { name: "envoy.filters.http.router", typed_config: { "@type": ROUTER_TYPE } },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
      clusters: [upstreamCluster(envoy), ...(input.clusters ?? []).map(serviceCluster)],
    },
  };
  return { name: "envoy.yaml", content: yamlText(header, bootstrap) };
}

function socketAddress(address: string, port: number): Record<string, unknown> {
  return { socket_address: { address, port_value: port } };
}

/**
 * STATIC needs an IP literal; a host name needs DNS. V4_PREFERRED because `localhost` often resolves to ::1
 * first while the upstream listens on 127.0.0.1 only.
 */
function upstreamCluster(envoy: EnvoySettings): Record<string, unknown> {
  const literal = isIP(envoy.upstreamHost) !== 0;
  return {
    name: UPSTREAM_CLUSTER,
    type: literal ? "STATIC" : "STRICT_DNS",
    ...(literal ? {} : { dns_lookup_family: "V4_PREFERRED" }),
    connect_timeout: "5s",
    load_assignment: {
      cluster_name: UPSTREAM_CLUSTER,
      endpoints: [{ lb_endpoints: [{ endpoint: { address: socketAddress(envoy.upstreamHost, envoy.upstreamPort) } }] }],
    },
  };
}

/** Where a called cluster's placeholder points: envoyproxy/ratelimit's default gRPC port, on this host. */
const SERVICE_PLACEHOLDER = { address: "127.0.0.1", port: 8081 };
const HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

/**
 * A cluster the rules call over gRPC (a global limit's `via`): HTTP/2 upstream, as gRPC needs, through the
 * cluster's typed protocol options (the v3 replacement of `http2_protocol_options` on the cluster).
 */
function serviceCluster(name: string): Record<string, unknown> {
  return {
    name,
    type: "STATIC",
    connect_timeout: "1s",
    typed_extension_protocol_options: {
      [HTTP_PROTOCOL_OPTIONS]: { "@type": `type.googleapis.com/${HTTP_PROTOCOL_OPTIONS}`, explicit_http_config: { http2_protocol_options: {} } },
    },
    load_assignment: {
      cluster_name: name,
      endpoints: [{ lb_endpoints: [{ endpoint: { address: socketAddress(SERVICE_PLACEHOLDER.address, SERVICE_PLACEHOLDER.port) } }] }],
    },
  };
}
