/**
 * `--cluster name=http://host:port` and `--cluster name=grpc://host:port`: which real server answers the filter's
 * calls to a cluster. HTTP clusters take proxy_http_call, gRPC clusters proxy_grpc_call and proxy_grpc_stream, as
 * an Envoy cluster is configured for one protocol. Only plaintext loopback-style targets: TLS needs certificates
 * that a local dev loop does not have.
 */

export type ClusterProtocol = "http" | "grpc";

export interface ClusterFlag {
  /** The cluster name the filter uses. */
  readonly name: string;
  readonly protocol: ClusterProtocol;
  /** A host name, an IPv4 address, or an IPv6 address without brackets. */
  readonly host: string;
  readonly port: number;
  /** "host:port" as a client dials it ("[::1]:port" for IPv6). */
  readonly authority: string;
}

/** A --cluster value that cannot be used; the message reads as the CLI's other usage errors do. */
export class ClusterFlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ClusterFlagError";
  }
}

const FORM = "name=http://host:port or name=grpc://host:port";
const PROTOCOLS: readonly ClusterProtocol[] = ["http", "grpc"];
/** Ports when the URL gives none: HTTP's well-known one; gRPC has none, so it must be given. */
const DEFAULT_PORT: Record<ClusterProtocol, number | undefined> = { http: 80, grpc: undefined };
const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(\[[^\]]*\]|[^:/?#[\]]*)(?::([^/?#]*))?([/?#].*)?$/;

export function parseClusterFlag(value: string): ClusterFlag {
  const eq = value.indexOf("=");
  if (eq < 0) throw fail(value, "no `=` between the cluster name and its URL");
  const name = value.slice(0, eq);
  const url = value.slice(eq + 1);
  if (name === "") throw fail(value, "the cluster name is empty");
  if (/[\s=]/.test(name)) throw fail(value, "a cluster name has no spaces");
  const shape = URL_SHAPE.exec(url);
  if (shape === null) throw fail(value, url === "" ? "the URL is empty" : "the URL needs a scheme, e.g. grpc://127.0.0.1:8081");
  const [, scheme, rawHost, rawPort, rest] = shape as unknown as [string, string, string, string | undefined, string | undefined];
  const protocol = protocolOf(value, scheme.toLowerCase());
  const host = hostOf(value, rawHost);
  const port = portOf(value, protocol, rawPort);
  if (rest !== undefined && rest !== "/") throw fail(value, "a cluster is a server, without a path, query or fragment");
  return { name, protocol, host, port, authority: `${host.includes(":") ? `[${host}]` : host}:${port}` };
}

/** Several --cluster values; a name given twice is an error (which one would the filter reach?). */
export function parseClusterFlags(values: readonly string[]): ClusterFlag[] {
  const seen = new Map<string, string>();
  return values.map((value) => {
    const flag = parseClusterFlag(value);
    const earlier = seen.get(flag.name);
    if (earlier !== undefined) throw new ClusterFlagError(`--cluster ${flag.name} is given twice (${earlier} and ${value}); give each cluster once`);
    seen.set(flag.name, value);
    return flag;
  });
}

function protocolOf(value: string, scheme: string): ClusterProtocol {
  if ((PROTOCOLS as readonly string[]).includes(scheme)) return scheme as ClusterProtocol;
  if (scheme === "https" || scheme === "grpcs") throw fail(value, `${scheme}:// (TLS) is not supported; use ${scheme.slice(0, -1)}://`);
  throw fail(value, `unknown scheme ${scheme}://; use http:// or grpc://`);
}

function hostOf(value: string, raw: string): string {
  if (raw === "") throw fail(value, "the host is missing");
  if (!raw.startsWith("[")) return raw;
  const inner = raw.slice(1, -1);
  if (!/^[0-9A-Fa-f:.]+$/.test(inner) || !inner.includes(":")) throw fail(value, `${raw} is not an IPv6 address`);
  return inner;
}

function portOf(value: string, protocol: ClusterProtocol, raw: string | undefined): number {
  if (raw === undefined || raw === "") {
    const fallback = DEFAULT_PORT[protocol];
    if (fallback === undefined) throw fail(value, `a ${protocol}:// cluster needs a port, e.g. ${protocol}://127.0.0.1:8081`);
    return fallback;
  }
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw fail(value, `the port is a number from 1 to 65535, not ${raw}`);
  return port;
}

function fail(value: string, why: string): ClusterFlagError {
  return new ClusterFlagError(`--cluster takes ${FORM}, not ${value === "" ? "an empty value" : value} (${why})`);
}
