/**
 * What an embedder says about a stream (StreamSpec) and how it becomes Envoy-shaped input: request pseudo-headers
 * first (:method, :path, :authority, :scheme), then the given headers in order with lower-cased keys, then the
 * x-request-id Envoy's connection manager adds; peer addresses as "ip:port".
 */

import { HeaderMap, isPseudo } from "./header-map.js";
import type { HeaderList } from "./pairs.js";
import type { Address } from "./properties.js";

export type HeaderInput = HeaderList | Record<string, string>;

export interface RequestSpec {
  method?: string;
  path?: string;
  authority?: string;
  scheme?: string;
  headers?: HeaderInput;
  body?: string | Uint8Array;
  trailers?: HeaderList;
}

export interface ResponseSpec {
  status?: number;
  headers?: HeaderInput;
  body?: string | Uint8Array;
  trailers?: HeaderList;
}

export interface StreamSpec {
  request?: RequestSpec;
  /** What the upstream answers (default 200, no body). */
  response?: ResponseSpec;
  /** Downstream peer "ip:port"; default "127.0.0.1:51000". */
  source?: string;
  /** Local address "ip:port"; default "127.0.0.1:8080". */
  destination?: string;
  connection?: { mtls?: boolean; uriSanPeerCertificate?: string; requestedServerName?: string };
  /** Extra properties by dotted path, e.g. "xds.cluster_name". */
  properties?: Record<string, string | number | boolean | Uint8Array>;
  /**
   * The connection manager refuses the request before the filter chain (e.g. 431 for oversized headers): the
   * filter's only callbacks are context creation, proxy_on_log, proxy_on_done and proxy_on_delete.
   */
  refused?: RefusedSpec;
}

/** A refusal by the proxy itself: the status, and response.code_details if given. */
export interface RefusedSpec {
  status: number;
  details?: string;
  body?: string;
}

const utf8 = new TextEncoder();
const EMPTY = new Uint8Array(0);
const NO_HEADERS = Object.freeze([]) as unknown as HeaderList;

export function toBytes(body: string | Uint8Array | undefined): Uint8Array {
  if (body === undefined) return EMPTY;
  return typeof body === "string" ? utf8.encode(body) : body;
}

/** Fresh lower-cased entries (callers may keep them); none given is a shared empty list, never to be changed. */
export function toHeaderList(headers: HeaderInput | undefined): HeaderList {
  if (headers === undefined) return NO_HEADERS;
  const list: HeaderList = [];
  if (Array.isArray(headers)) {
    for (const [k, v] of headers) list.push([k.toLowerCase(), v]);
  } else {
    for (const k of Object.keys(headers)) list.push([k.toLowerCase(), headers[k]!]);
  }
  return list;
}

/** A deterministic uuid-shaped request id per stream: the stream number in the last 12 hex digits. */
export function requestId(streamNumber: number): string {
  // Up to 2^24 from a table of 3-digit groups: Number#toString(16) is a runtime call that cost more than the rest
  // of a floor stream's header map; larger numbers (and ids past 12 hex digits, which grow) take that path.
  if (streamNumber >= 0 && streamNumber < 0x1000000) return REQUEST_ID_SIX_ZEROS + HEX3[streamNumber >>> 12]! + HEX3[streamNumber & 0xfff]!;
  const hex = streamNumber.toString(16);
  return hex.length > 12 ? `${REQUEST_ID_PREFIX}${hex}` : REQUEST_ID_ZEROS.slice(0, REQUEST_ID_ZEROS.length - hex.length) + hex;
}

const REQUEST_ID_PREFIX = "00000000-0000-4000-8000-";
const REQUEST_ID_ZEROS = `${REQUEST_ID_PREFIX}000000000000`;
const REQUEST_ID_SIX_ZEROS = `${REQUEST_ID_PREFIX}000000`;
const HEX3 = Array.from({ length: 4096 }, (_, i) => i.toString(16).padStart(3, "0"));

/** Runs for every stream: no closures, and one pass over the given headers. */
export function requestHeaderMap(spec: RequestSpec | undefined, streamNumber: number): HeaderMap {
  // toHeaderList's entries are fresh and lower-case: the map can keep them.
  const given = toHeaderList(spec?.headers);
  const map = HeaderMap.ofLowerCase([
    [":method", spec?.method ?? valueOf(given, ":method") ?? "GET"],
    [":path", spec?.path ?? valueOf(given, ":path") ?? "/"],
    [":authority", spec?.authority ?? valueOf(given, ":authority") ?? "example.com"],
    [":scheme", spec?.scheme ?? valueOf(given, ":scheme") ?? "http"],
  ]);
  let hasRequestId = false;
  // Indexed loops here and below: for-of over the shared (frozen) empty list takes V8's slow iterator path.
  for (let i = 0; i < given.length; i++) {
    const entry = given[i]!;
    const key = entry[0];
    if (key === "x-request-id") hasRequestId = true;
    // Other pseudo-headers join the leading block, each once; the four above are already there.
    if (!isPseudo(key) || map.getLower(key) === undefined) map.addEntry(entry);
  }
  if (!hasRequestId) map.addEntry(["x-request-id", requestId(streamNumber)]);
  return map;
}

function valueOf(list: HeaderList, key: string): string | undefined {
  for (let i = 0; i < list.length; i++) if (list[i]![0] === key) return list[i]![1];
  return undefined;
}

export function responseHeaderMap(status: number, headers: HeaderInput | undefined): HeaderMap {
  const map = HeaderMap.ofLowerCase([[":status", String(status)]]);
  const given = toHeaderList(headers);
  for (let i = 0; i < given.length; i++) if (given[i]![0] !== ":status") map.addEntry(given[i]!);
  return map;
}

export function parseAddress(text: string): Address {
  const colon = text.lastIndexOf(":");
  const parsed = colon < 0 ? 0 : Number(text.slice(colon + 1));
  const ip = colon < 0 ? text : text.slice(0, colon);
  const port = Number.isFinite(parsed) ? parsed : 0;
  return { ip, port, text: `${ip}:${port}` };
}

/** parseAddress, remembered: every stream of a run usually comes from one of a handful of peers. */
export function cachedAddress(text: string): Address {
  let address = addresses.get(text);
  if (address === undefined) {
    if (addresses.size >= ADDRESSES_MAX) addresses.clear();
    address = parseAddress(text);
    addresses.set(text, address);
  }
  return address;
}

const addresses = new Map<string, Address>();
const ADDRESSES_MAX = 1024;
