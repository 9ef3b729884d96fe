/**
 * proxy_get_property with Envoy's attribute names and encodings. A path is NUL-separated segments
 * ("request\0headers\0x-foo"); a trailing NUL is tolerated and a dotted string is a single identifier, as in
 * Envoy. Values: strings and bytes raw, integers 8-byte little-endian, booleans one byte, timestamps and durations
 * int64 nanoseconds, maps in the pairs format.
 */

import { Status } from "./abi.js";
import type { HeaderMap } from "./header-map.js";
import { encodePairs } from "./pairs.js";

export type PropertyValue = string | number | bigint | boolean | Uint8Array;

/** The per-stream facts properties are derived from (Envoy's StreamInfo and connection). */
export interface StreamFacts {
  /** Request headers as Envoy's attribute wrappers see them: the live map in its callbacks, else the log-phase map. */
  requestHeaders(): HeaderMap | null;
  responseHeaders(): HeaderMap | null;
  responseTrailers(): HeaderMap | null;
  readonly startTimeNs: bigint;
  readonly bytesReceived: number;
  readonly bytesSent: number;
  readonly responseCode: number | undefined;
  readonly responseCodeDetails: string | undefined;
  readonly complete: boolean;
  readonly source: Address;
  readonly destination: Address;
  readonly connectionId: number;
  readonly mtls: boolean;
  readonly tls: boolean;
  readonly requestedServerName: string;
  readonly uriSanPeerCertificate: string | undefined;
  /** Filter state written by proxy_set_property (keys "wasm.<path>"). */
  readonly filterState: Map<string, Uint8Array>;
}

export interface Address {
  readonly ip: string;
  readonly port: number;
  /** "ip:port", the value of the `address` attribute. */
  readonly text: string;
}

export interface PropertyScope {
  readonly pluginName: string;
  readonly rootId: string;
  readonly vmId: string;
  /** Properties supplied by the embedder, by dotted path; they take precedence over derived ones. */
  readonly custom: ReadonlyMap<string, PropertyValue> | undefined;
  readonly streamCustom: ReadonlyMap<string, PropertyValue> | undefined;
  /** Absent for root contexts: Envoy has no stream info there, so stream attributes are NotFound. */
  readonly stream: StreamFacts | undefined;
}

/** A property value's bytes; a string stands for its UTF-8 encoding (written straight into the guest). */
export type PropertyBytes = Uint8Array | string;

/** The value bytes, or a status (NotFound, SerializationFailure) when there is none. */
export function getProperty(scope: PropertyScope, path: string): PropertyBytes | number {
  const parsed = parsePath(path);
  if (parsed === undefined) return Status.NotFound;
  const { dotted, top, key, rest } = parsed;
  if (scope.streamCustom !== undefined || scope.custom !== undefined) {
    const custom = scope.streamCustom?.get(dotted) ?? scope.custom?.get(dotted);
    if (custom !== undefined) return encodeValue(custom);
  }
  const stream = scope.stream;
  switch (top) {
    case "plugin_name":
      return leaf(scope.pluginName, key);
    case "plugin_root_id":
      return leaf(scope.rootId, key);
    case "plugin_vm_id":
      return leaf(scope.vmId, key);
    case "request":
      return stream ? requestAttribute(stream, key, rest) : Status.NotFound;
    case "response":
      return stream ? responseAttribute(stream, key, rest) : Status.NotFound;
    case "source":
      return stream ? peerAttribute(stream.source, key, rest) : Status.NotFound;
    case "destination":
      return stream ? peerAttribute(stream.destination, key, rest) : Status.NotFound;
    case "connection":
      return stream ? connectionAttribute(stream, key, rest) : Status.NotFound;
    case "connection_id":
      return stream ? leaf(BigInt(stream.connectionId), key) : Status.NotFound;
    case "filter_state": {
      if (!stream || key === undefined || rest.length > 0) return Status.NotFound;
      const value = stream.filterState.get(key);
      return value ?? Status.NotFound;
    }
    case "metadata":
    case "upstream":
    case "node":
    case "xds":
    case "cluster_name":
    case "cluster_metadata":
    case "route_name":
    case "route_metadata":
    case "listener_direction":
    case "listener_metadata":
    case "upstream_host_metadata":
      // Known to Envoy but derived from configuration the emulator does not have: supply them as properties.
      return Status.NotFound;
    default: {
      // Unknown identifiers are filter state written by proxy_set_property (Envoy's "wasm." prefix).
      if (!stream || key !== undefined) return Status.NotFound;
      return stream.filterState.get(`wasm.${top}`) ?? Status.NotFound;
    }
  }
}

interface ParsedPath {
  /** The segments joined by dots: how embedder-supplied properties are named. */
  readonly dotted: string;
  readonly top: string;
  readonly key: string | undefined;
  readonly rest: readonly string[];
}

/** Parsed paths by path text: filters read the same few properties on every request. */
const parsedPaths = new Map<string, ParsedPath | undefined>();
const PARSED_PATHS_MAX = 1024;

/** NUL-separated segments; one trailing NUL is tolerated, as Envoy's parser stops at the end. */
function parsePath(path: string): ParsedPath | undefined {
  let parsed = parsedPaths.get(path);
  if (parsed !== undefined || parsedPaths.has(path)) return parsed;
  const segments = path.length === 0 ? [] : path.split("\u0000");
  if (segments[segments.length - 1] === "") segments.pop();
  if (segments.length > 0) {
    const [top, key, ...rest] = segments as [string, string | undefined, ...string[]];
    parsed = { dotted: segments.join("."), top, key, rest };
  }
  if (parsedPaths.size >= PARSED_PATHS_MAX) parsedPaths.clear();
  parsedPaths.set(path, parsed);
  return parsed;
}

function leaf(value: PropertyValue, next: string | undefined): PropertyBytes | number {
  return next === undefined ? encodeValue(value) : Status.NotFound;
}

function requestAttribute(s: StreamFacts, key: string | undefined, rest: readonly string[]): PropertyBytes | number {
  if (key === undefined) return Status.SerializationFailure;
  const headers = s.requestHeaders();
  if (key === "headers") return headerMapAttribute(headers, rest);
  if (rest.length > 0) return Status.NotFound;
  const path = headers?.getLower(":path");
  switch (key) {
    case "path":
      return optional(path);
    case "url_path":
      return path === undefined ? Status.NotFound : encodeValue(path.split("?", 1)[0]!);
    case "query": {
      if (path === undefined) return Status.NotFound;
      const q = path.indexOf("?");
      if (q < 0) return encodeValue("");
      const query = path.slice(q + 1);
      const hash = query.indexOf("#");
      return encodeValue(hash < 0 ? query : query.slice(0, hash));
    }
    case "host":
      return optional(headers?.getLower(":authority"));
    case "scheme":
      return optional(headers?.getLower(":scheme"));
    case "method":
      return optional(headers?.getLower(":method"));
    case "referer":
      return optional(headers?.getLower("referer"));
    case "useragent":
      return optional(headers?.getLower("user-agent"));
    case "id":
      return optional(headers?.getLower("x-request-id"));
    case "headers_bytes":
      return encodeValue(BigInt(headers?.byteSize() ?? 0));
    case "time":
      return encodeValue(s.startTimeNs);
    case "protocol":
      return encodeValue("HTTP/1.1");
    case "size": {
      const contentLength = headers?.getLower("content-length");
      if (contentLength !== undefined) {
        return /^\d+$/.test(contentLength) ? encodeValue(BigInt(contentLength)) : Status.NotFound;
      }
      return encodeValue(BigInt(s.bytesReceived));
    }
    case "total_size":
      return encodeValue(BigInt(s.bytesReceived + (headers?.byteSize() ?? 0)));
    case "duration":
      return s.complete ? encodeValue(0n) : Status.NotFound;
    default:
      return Status.NotFound;
  }
}

function responseAttribute(s: StreamFacts, key: string | undefined, rest: readonly string[]): PropertyBytes | number {
  if (key === undefined) return Status.SerializationFailure;
  const headers = s.responseHeaders();
  const trailers = s.responseTrailers();
  if (key === "headers") return headerMapAttribute(headers, rest);
  if (key === "trailers") return headerMapAttribute(trailers, rest);
  if (rest.length > 0) return Status.NotFound;
  switch (key) {
    case "code":
      return s.responseCode === undefined ? Status.NotFound : encodeValue(BigInt(s.responseCode));
    case "code_details":
      return optional(s.responseCodeDetails);
    case "flags":
      return encodeValue(0n);
    case "grpc_status": {
      const status = trailers?.getLower("grpc-status") ?? headers?.getLower("grpc-status");
      return status !== undefined && /^\d+$/.test(status) ? encodeValue(BigInt(status)) : Status.NotFound;
    }
    case "size":
      return encodeValue(BigInt(s.bytesSent));
    case "headers_bytes":
      return encodeValue(BigInt(headers?.byteSize() ?? 0));
    case "total_size":
      return encodeValue(BigInt(s.bytesSent + (headers?.byteSize() ?? 0) + (trailers?.byteSize() ?? 0)));
    default:
      return Status.NotFound;
  }
}

function headerMapAttribute(map: HeaderMap | null, rest: readonly string[]): PropertyBytes | number {
  if (rest.length === 0) return encodePairs(map ? map.entries : []);
  if (rest.length > 1 || map === null) return Status.NotFound;
  return optional(map.getAll(rest[0]!));
}

function peerAttribute(address: Address, key: string | undefined, rest: readonly string[]): PropertyBytes | number {
  if (key === undefined) return Status.SerializationFailure;
  if (rest.length > 0) return Status.NotFound;
  if (key === "address") return address.text;
  if (key === "port") return encodeValue(BigInt(address.port));
  return Status.NotFound;
}

function connectionAttribute(s: StreamFacts, key: string | undefined, rest: readonly string[]): PropertyBytes | number {
  if (key === undefined) return Status.SerializationFailure;
  if (rest.length > 0) return Status.NotFound;
  switch (key) {
    case "mtls":
      return encodeValue(s.mtls);
    case "requested_server_name":
      return encodeValue(s.requestedServerName);
    case "id":
      return encodeValue(BigInt(s.connectionId));
    case "uri_san_peer_certificate":
      // TLS attributes exist only on a TLS connection, and a SAN only when the peer presented one.
      return s.tls ? optional(s.uriSanPeerCertificate) : Status.NotFound;
    case "tls_version":
      return s.tls ? encodeValue("TLSv1.3") : Status.NotFound;
    default:
      return Status.NotFound;
  }
}

function optional(value: string | undefined): PropertyBytes | number {
  return value === undefined ? Status.NotFound : value;
}

/** Envoy's serializeValue for the scalar kinds. Whole numbers are int64; other numbers doubles. */
export function encodeValue(value: PropertyValue): PropertyBytes {
  if (typeof value === "string" || value instanceof Uint8Array) return value;
  if (typeof value === "boolean") return Uint8Array.of(value ? 1 : 0);
  if (typeof value === "bigint") scratch.setBigInt64(0, BigInt.asIntN(64, value), true);
  else if (Number.isInteger(value)) scratch.setBigInt64(0, BigInt(value), true);
  else scratch.setFloat64(0, value, true);
  // A small slice lives on the JS heap; a DataView over a fresh array would give it an ArrayBuffer of its own.
  return scratchBytes.slice();
}

const scratch = new DataView(new ArrayBuffer(8));
const scratchBytes = new Uint8Array(scratch.buffer);
