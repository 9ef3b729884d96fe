/**
 * `scheme://host:port`: a plaintext server that `filterc serve` dials, as `--upstream` and `--cluster` name it. Read
 * by hand rather than with `new URL`, which would take a path, user info or an unknown scheme and leave the caller
 * to find what is wrong: each refusal here says what to change. Only plaintext: TLS needs certificates that a local
 * dev loop does not have.
 */

export type ServerProtocol = "http" | "grpc";

export interface ServerUrl {
  readonly protocol: ServerProtocol;
  /** A host name, an IPv4 address, or an IPv6 address without brackets. */
  readonly host: string;
  readonly port: number;
  /** "host:port" as a client dials it ("[::1]:port" for IPv6). */
  readonly authority: string;
}

/** Ports when the URL gives none: HTTP's well-known one; gRPC has none, so it must be given. */
const DEFAULT_PORT: Record<ServerProtocol, number | undefined> = { http: 80, grpc: undefined };
/** What messages show as an example of each. */
const EXAMPLE: Record<ServerProtocol, string> = { http: "http://127.0.0.1:8080", grpc: "grpc://127.0.0.1:8081" };
const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(\[[^\]]*\]|[^:/?#[\]]*)(?::([^/?#]*))?([/?#].*)?$/;

/**
 * Reads `url` as a server speaking one of `protocols` (a URL without a scheme is shown the last one's example); what
 * is wrong goes to `fail` as a reason (e.g. "the host is missing"), for the caller to wrap in its flag's message.
 */
export function parseServerUrl(url: string, protocols: readonly ServerProtocol[], fail: (why: string) => Error): ServerUrl {
  const shape = URL_SHAPE.exec(url);
  if (shape === null) throw fail(url === "" ? "the URL is empty" : `the URL needs a scheme, e.g. ${EXAMPLE[protocols.at(-1)!]}`);
  const [, scheme, rawHost, rawPort, rest] = shape as unknown as [string, string, string, string | undefined, string | undefined];
  const protocol = protocolOf(scheme.toLowerCase(), protocols, fail);
  const host = hostOf(rawHost, fail);
  const port = portOf(protocol, rawPort, fail);
  if (rest !== undefined && rest !== "/") throw fail("a server URL has no path, query or fragment");
  return { protocol, host, port, authority: `${host.includes(":") ? `[${host}]` : host}:${port}` };
}

function protocolOf(scheme: string, protocols: readonly ServerProtocol[], fail: (why: string) => Error): ServerProtocol {
  if ((protocols as readonly string[]).includes(scheme)) return scheme as ServerProtocol;
  const plain = scheme.slice(0, -1);
  if ((scheme === "https" || scheme === "grpcs") && (protocols as readonly string[]).includes(plain)) throw fail(`${scheme}:// (TLS) is not supported; use ${plain}://`);
  throw fail(`unknown scheme ${scheme}://; use ${protocols.map((p) => `${p}://`).join(" or ")}`);
}

function hostOf(raw: string, fail: (why: string) => Error): string {
  if (raw === "") throw fail("the host is missing");
  if (!raw.startsWith("[")) return raw;
  const inner = raw.slice(1, -1);
  if (!/^[0-9A-Fa-f:.]+$/.test(inner) || !inner.includes(":")) throw fail(`${raw} is not an IPv6 address`);
  return inner;
}

function portOf(protocol: ServerProtocol, raw: string | undefined, fail: (why: string) => Error): number {
  if (raw === undefined || raw === "") {
    const fallback = DEFAULT_PORT[protocol];
    if (fallback === undefined) throw fail(`a ${protocol}:// URL needs a port, e.g. ${EXAMPLE[protocol]}`);
    return fallback;
  }
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw fail(`the port is a number from 1 to 65535, not ${raw}`);
  return port;
}
