/**
 * What Envoy's HTTP connection manager does to a request before the filter chain sees it, and to a response
 * before the client does, so rules see the headers they would see in a mesh:
 * - ConnectionManagerUtility::mutateRequestHeaders (source/common/http/conn_manager_utility.cc): connection-level
 *   (hop-by-hop) headers are removed, x-forwarded-for gets the peer's address appended (use_remote_address),
 *   x-forwarded-proto is set to the downstream scheme, and x-request-id is generated when absent;
 * - the HTTP/1 codec refuses headers past max_request_headers_kb with 431 (http1.headers_too_large);
 * - the response loses its hop-by-hop headers (mutateResponseHeaders), as the codec frames the message itself.
 */

import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { HeaderList } from "../host/index.js";

/** Headers that describe one connection (RFC 9110 section 7.6.1) and are not passed on by a proxy. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** Hop-by-hop: the fixed set, and any header the Connection header names. */
export function hopByHop(headers: IncomingHttpHeaders): Set<string> {
  const names = new Set(HOP_BY_HOP);
  const connection = headers.connection;
  if (typeof connection === "string") {
    for (const token of connection.split(",")) {
      const name = token.trim().toLowerCase();
      if (name !== "") names.add(name);
    }
  }
  return names;
}

export interface PreparedRequest {
  /** The header map the filter chain sees, pseudo-headers first. */
  readonly headers: HeaderList;
  /** Set when the connection manager answers by itself (the filter sees only its access-log callbacks). */
  readonly refused?: { status: number; details: string; body: string };
  /** The request has no body (no content-length above 0 and no transfer-encoding). */
  readonly endOfStream: boolean;
  /** content-length, when the client gave one. */
  readonly contentLength?: number;
}

export function prepareRequest(req: IncomingMessage, maxHeaderBytes: number): PreparedRequest {
  const drop = hopByHop(req.headers);
  const peer = req.socket.remoteAddress ?? "127.0.0.1";
  const headers: HeaderList = [
    [":method", req.method ?? "GET"],
    [":path", req.url ?? "/"],
    [":authority", req.headers.host ?? ""],
    [":scheme", "http"],
  ];
  let headerBytes = 0;
  let forwardedFor: string | undefined;
  let requestId = false;
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    headerBytes += name.length + value.length;
    // Host became :authority, as Envoy's HTTP/1 codec does.
    if (name === "host" || drop.has(name)) continue;
    if (name === "x-forwarded-for") {
      forwardedFor = forwardedFor === undefined ? value : `${forwardedFor}, ${value}`;
      continue;
    }
    // Envoy trusts no x-forwarded-proto from the client at the edge: it sets it from the connection.
    if (name === "x-forwarded-proto") continue;
    if (name === "x-request-id" && value !== "") requestId = true;
    headers.push([name, value]);
  }
  headers.push(["x-forwarded-for", forwardedFor === undefined ? peer : `${forwardedFor}, ${peer}`]);
  headers.push(["x-forwarded-proto", "http"]);
  if (!requestId) headers.push(["x-request-id", randomUUID()]);
  const length = req.headers["content-length"];
  const contentLength = length === undefined ? undefined : Number(length);
  const endOfStream = req.headers["transfer-encoding"] === undefined && !(contentLength !== undefined && contentLength > 0);
  if (headerBytes > maxHeaderBytes) {
    return {
      headers,
      endOfStream,
      refused: { status: 431, details: "http1.headers_too_large", body: "" },
    };
  }
  return { headers, endOfStream, ...(contentLength === undefined ? {} : { contentLength }) };
}

/** The upstream's response headers as the filter sees them: :status first, hop-by-hop ones removed. */
export function upstreamResponseHeaders(status: number, res: IncomingMessage): HeaderList {
  const drop = hopByHop(res.headers);
  const headers: HeaderList = [[":status", String(status)]];
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!drop.has(name)) headers.push([name, raw[i + 1]!]);
  }
  return headers;
}

/**
 * Headers to send on (to the upstream or the client): no pseudo-headers, no hop-by-hop ones (a filter may have
 * added one), as a flat [name, value, ...] list so repeated headers stay repeated.
 */
export function wireHeaders(headers: HeaderList): string[] {
  const out: string[] = [];
  for (const [name, value] of headers) {
    if (name.startsWith(":") || HOP_BY_HOP.has(name)) continue;
    out.push(name, value);
  }
  return out;
}

/** A header's first value in a list. */
export function headerValue(headers: HeaderList, name: string): string | undefined {
  for (const [key, value] of headers) if (key === name) return value;
  return undefined;
}
