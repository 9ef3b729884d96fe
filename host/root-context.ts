/**
 * A root (plugin) context: created once per plugin configuration with proxy_on_context_create(id, 0). It owns the
 * tick timer, the HTTP and gRPC calls the plugin dispatches and the status reported by proxy_get_status.
 */

import type { HeaderMap } from "./header-map.js";

export interface Plugin {
  readonly name: string;
  readonly rootId: string;
  readonly vmId: string;
  readonly configuration: Uint8Array;
  readonly vmConfiguration: Uint8Array;
}

/** The answer being delivered to proxy_on_http_call_response; maps 6/7 and buffer 4 read from it. */
export interface HttpCallResponse {
  readonly headers: HeaderMap;
  readonly body: Uint8Array;
  readonly trailers: HeaderMap | null;
}

export class RootContext {
  readonly kind = "root" as const;
  /** Envoy's temp_plugin_: buffer 7 is readable only while this is set (context create and configure). */
  tempPlugin = false;
  httpCallResponse: HttpCallResponse | null = null;
  /** What a gRPC callback can read: GRPC_RECEIVE_BUFFER (5) and the metadata maps (4, 5), only during it. */
  grpcReceiveBuffer: Uint8Array | null = null;
  grpcInitialMetadata: HeaderMap | null = null;
  grpcTrailingMetadata: HeaderMap | null = null;
  /** proxy_get_status: Envoy keeps the code of the last failed call and clears only the message. */
  statusCode = 0;
  statusMessage = "";
  created = false;
  /** proxy_on_done returned 0 at shutdown: the plugin must call proxy_done() later. */
  pendingDone = false;
  deleted = false;
  tickPeriodMs = 0;
  nextTickMs = 0;

  constructor(
    readonly id: number,
    readonly plugin: Plugin,
  ) {}

  get root(): RootContext {
    return this;
  }
}
