/**
 * What an embedder says about a stream (StreamSpec) and how it becomes Envoy-shaped input: request pseudo-headers
 * first (:method, :path, :authority, :scheme), then the given headers in order with lower-cased keys, then the
 * x-request-id Envoy's connection manager adds; peer addresses as "ip:port".
 */

import { HeaderMap } from "./header-map.js";
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
}

const utf8 = new TextEncoder();
const EMPTY = new Uint8Array(0);

export function toBytes(body: string | Uint8Array | undefined): Uint8Array {
  if (body === undefined) return EMPTY;
  return typeof body === "string" ? utf8.encode(body) : body;
}

export function toHeaderList(headers: HeaderInput | undefined): HeaderList {
  if (headers === undefined) return [];
  if (Array.isArray(headers)) return headers.map(([k, v]) => [k.toLowerCase(), v]);
  return Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]);
}

/** A deterministic uuid-shaped request id per stream. */
export function requestId(streamNumber: number): string {
  return `00000000-0000-4000-8000-${streamNumber.toString(16).padStart(12, "0")}`;
}

export function requestHeaderMap(spec: RequestSpec | undefined, streamNumber: number): HeaderMap {
  const given = toHeaderList(spec?.headers);
  const pseudo = (name: string, fromSpec: string | undefined, fallback: string): [string, string] => [
    name,
    fromSpec ?? given.find(([k]) => k === name)?.[1] ?? fallback,
  ];
  const entries: HeaderList = [
    pseudo(":method", spec?.method, "GET"),
    pseudo(":path", spec?.path, "/"),
    pseudo(":authority", spec?.authority, "example.com"),
    pseudo(":scheme", spec?.scheme, "http"),
  ];
  for (const entry of given) {
    if (!entry[0].startsWith(":")) entries.push(entry);
    else if (!entries.some(([k]) => k === entry[0])) entries.push(entry);
  }
  if (!given.some(([k]) => k === "x-request-id")) entries.push(["x-request-id", requestId(streamNumber)]);
  return new HeaderMap(entries);
}

export function responseHeaderMap(status: number, headers: HeaderInput | undefined): HeaderMap {
  const given = toHeaderList(headers).filter(([k]) => k !== ":status");
  return new HeaderMap([[":status", String(status)], ...given]);
}

export function parseAddress(text: string): Address {
  const colon = text.lastIndexOf(":");
  const port = colon < 0 ? 0 : Number(text.slice(colon + 1));
  return { ip: colon < 0 ? text : text.slice(0, colon), port: Number.isFinite(port) ? port : 0 };
}
