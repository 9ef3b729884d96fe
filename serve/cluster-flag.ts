/**
 * `--cluster name=http://host:port` and `--cluster name=grpc://host:port`: which real server answers the filter's
 * calls to a cluster. HTTP clusters take proxy_http_call, gRPC clusters proxy_grpc_call and proxy_grpc_stream, as
 * an Envoy cluster is configured for one protocol. The URL is read as --upstream's is (server-url.ts).
 */

import { parseServerUrl, type ServerProtocol, type ServerUrl } from "./server-url.js";

export interface ClusterFlag extends ServerUrl {
  /** The cluster name the filter uses. */
  readonly name: string;
}

/** A --cluster value that cannot be used; the message reads as the CLI's other usage errors do. */
export class ClusterFlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ClusterFlagError";
  }
}

const FORM = "name=http://host:port or name=grpc://host:port";
const PROTOCOLS: readonly ServerProtocol[] = ["http", "grpc"];

export function parseClusterFlag(value: string): ClusterFlag {
  const eq = value.indexOf("=");
  if (eq < 0) throw fail(value, "no `=` between the cluster name and its URL");
  const name = value.slice(0, eq);
  const url = value.slice(eq + 1);
  if (name === "") throw fail(value, "the cluster name is empty");
  if (/[\s=]/.test(name)) throw fail(value, "a cluster name has no spaces");
  return { name, ...parseServerUrl(url, PROTOCOLS, (why) => fail(value, why)) };
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

function fail(value: string, why: string): ClusterFlagError {
  return new ClusterFlagError(`--cluster takes ${FORM}, not ${value === "" ? "an empty value" : value} (${why})`);
}
