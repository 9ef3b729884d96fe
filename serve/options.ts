/**
 * `filterc serve`'s settings and how the command line spells them. A value that cannot be used is a
 * ServeOptionError naming the flag (the CLI prints it as a usage error, exit 2).
 */

import { ClusterFlagError, parseClusterFlags, type ClusterFlag } from "./cluster-flag.js";
import { parseServerUrl } from "./server-url.js";
import type { FailurePolicy } from "../host/index.js";

export class ServeOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServeOptionError";
  }
}

export type LogFormat = "text" | "json";

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface ServeOptions {
  /** The rule file, or with `wasm` a proxy-wasm module served as it is. */
  readonly ruleFile: string;
  readonly wasm: boolean;
  /** The root id a --wasm module is loaded with. */
  readonly rootId?: string;
  readonly upstream: HostPort;
  readonly listen: HostPort;
  /** Off unless given, so no path of the proxied service is hidden behind admin pages. */
  readonly admin?: HostPort;
  /** proxy_http_call targets by cluster name (`--cluster name=http://…`). */
  readonly clusters: ReadonlyMap<string, HostPort>;
  /** proxy_grpc_call and proxy_grpc_stream targets by cluster name (`--cluster name=grpc://…`). */
  readonly grpcClusters: ReadonlyMap<string, ClusterFlag>;
  readonly workers: number;
  readonly bufferLimitBytes: number;
  /** Envoy's max_request_headers_kb, in bytes: more header bytes get 431. */
  readonly maxHeaderBytes: number;
  readonly failurePolicy: FailurePolicy;
  readonly logFormat: LogFormat;
  /** `--plugin-config`: a file (reloaded when it changes) or JSON text. */
  readonly pluginConfig?: string;
}

/** Envoy's default per_connection_buffer_limit_bytes. */
export const DEFAULT_BUFFER_LIMIT = 1024 * 1024;
/** Envoy's default max_request_headers_kb (60 KiB). */
export const DEFAULT_MAX_HEADER_BYTES = 60 * 1024;
export const DEFAULT_LISTEN = "127.0.0.1:10000";
const FAILURE_POLICIES: readonly FailurePolicy[] = ["fail-closed", "fail-open", "reload"];
const MAX_WORKERS = 64;

/** `--upstream http://127.0.0.1:8080`: a plain HTTP server, host and port (read as --cluster's URLs are). */
export function parseUpstream(text: string): HostPort {
  const fail = (why: string) => new ServeOptionError(`--upstream takes http://host:port, not ${text === "" ? "an empty value" : text} (${why})`);
  const { host, port } = parseServerUrl(text, ["http"], fail);
  return { host, port };
}

/** `127.0.0.1:10000`, `[::1]:10000`, or a port alone (on 127.0.0.1); port 0 picks a free one. */
export function parseAddress(text: string, flag: string): HostPort {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+))?:?(\d+)$/.exec(text.trim());
  const port = match === null ? NaN : Number(match[3]);
  if (match === null || !(port >= 0 && port <= 65535)) {
    throw new ServeOptionError(`${flag} takes HOST:PORT (e.g. 127.0.0.1:10000) or a port, not ${JSON.stringify(text)}`);
  }
  return { host: match[1] ?? match[2] ?? "127.0.0.1", port };
}

/**
 * `name=http://host:port` and `name=grpc://host:port`, repeatable (serve/cluster-flag.ts reads them): an Envoy
 * cluster speaks one protocol, so HTTP calls go to the first kind and gRPC calls to the second.
 */
export function parseClusters(values: readonly string[]): { http: Map<string, HostPort>; grpc: Map<string, ClusterFlag> } {
  let flags: ClusterFlag[];
  try {
    flags = parseClusterFlags(values);
  } catch (error) {
    if (error instanceof ClusterFlagError) throw new ServeOptionError(error.message);
    throw error;
  }
  const http = new Map<string, HostPort>();
  const grpc = new Map<string, ClusterFlag>();
  for (const flag of flags) {
    if (flag.protocol === "grpc") grpc.set(flag.name, flag);
    else http.set(flag.name, { host: flag.host, port: flag.port });
  }
  return { http, grpc };
}

export function parseCount(text: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new ServeOptionError(`${flag} takes a whole number from ${min} to ${max}, not ${JSON.stringify(text)}`);
  return n;
}

export function parseFailurePolicy(text: string | undefined): FailurePolicy {
  if (text === undefined) return "fail-closed";
  if (!(FAILURE_POLICIES as readonly string[]).includes(text)) {
    throw new ServeOptionError(`--failure-policy takes ${FAILURE_POLICIES.join(", ")}, not ${JSON.stringify(text)}`);
  }
  return text as FailurePolicy;
}

export function parseLogFormat(text: string | undefined): LogFormat {
  if (text === undefined || text === "text" || text === "json") return text ?? "text";
  throw new ServeOptionError(`--log-format takes text or json, not ${JSON.stringify(text)}`);
}

/** The flags as the command line gives them (strings). */
export interface ServeFlags {
  upstream?: string;
  listen?: string;
  admin?: string;
  cluster?: string[];
  workers?: string;
  bufferLimit?: string;
  maxHeaderBytes?: string;
  failurePolicy?: string;
  logFormat?: string;
  pluginConfig?: string;
  wasm?: string;
  rootId?: string;
}

export function serveOptions(ruleFile: string | undefined, flags: ServeFlags): ServeOptions {
  if ((ruleFile === undefined) === (flags.wasm === undefined)) throw new ServeOptionError("name a rule file, or a module with --wasm (not both)");
  if (flags.upstream === undefined) throw new ServeOptionError("--upstream is required, e.g. --upstream http://127.0.0.1:8080");
  const options: ServeOptions = {
    ruleFile: ruleFile ?? flags.wasm!,
    wasm: flags.wasm !== undefined,
    ...(flags.rootId === undefined ? {} : { rootId: flags.rootId }),
    upstream: parseUpstream(flags.upstream),
    listen: parseAddress(flags.listen ?? DEFAULT_LISTEN, "--listen"),
    ...clusterOptions(flags.cluster ?? []),
    workers: parseCount(flags.workers, "--workers", 1, 1, MAX_WORKERS),
    bufferLimitBytes: parseCount(flags.bufferLimit, "--buffer-limit", DEFAULT_BUFFER_LIMIT, 1, 2 ** 31),
    maxHeaderBytes: parseCount(flags.maxHeaderBytes, "--max-header-bytes", DEFAULT_MAX_HEADER_BYTES, 1024, 96 * 1024),
    failurePolicy: parseFailurePolicy(flags.failurePolicy),
    logFormat: parseLogFormat(flags.logFormat),
    ...(flags.admin === undefined ? {} : { admin: parseAddress(flags.admin, "--admin") }),
    ...(flags.pluginConfig === undefined ? {} : { pluginConfig: flags.pluginConfig }),
  };
  return options;
}

function clusterOptions(values: readonly string[]): Pick<ServeOptions, "clusters" | "grpcClusters"> {
  const { http, grpc } = parseClusters(values);
  return { clusters: http, grpcClusters: grpc };
}
