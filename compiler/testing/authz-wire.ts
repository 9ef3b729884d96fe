/**
 * The ext-authz service's messages on the test side (envoy/service/auth/v3/external_auth.proto and
 * attribute_context.proto), by hand: `filterc test` answers an `authorize ... grpc` call with a CheckResponse it
 * encodes here, and reads back the CheckRequest the filter sent. protobufjs is a dev dependency only.
 */

import { fields, headerValue, lengthField, text, utf8, varintField, type WireField } from "./protobuf-wire.js";

/** google.rpc.Code values a CheckResponse's status carries: OK allows, PERMISSION_DENIED denies. */
const RPC_OK = 0;
const RPC_PERMISSION_DENIED = 7;

/** A header the service sets (append false: replacing the request's) or appends (append true). */
export interface AuthzHeader {
  readonly name: string;
  readonly value: string;
  readonly append: boolean;
}

/** The typed answer, in the service's terms. */
export type AuthzVerdict =
  | { readonly allow: true; readonly headers: readonly AuthzHeader[]; readonly headersToRemove: readonly string[] }
  | { readonly allow: false; readonly status: number; readonly headers: ReadonlyArray<readonly [string, string]>; readonly body: string };

/** config.core.v3.HeaderValueOption{header 1, append 2 (google.protobuf.BoolValue{value 1})}. */
function headerValueOption(name: string, value: string, append?: boolean): number[] {
  const appendField = append === undefined ? [] : lengthField(2, append ? varintField(1, 1) : []);
  return [...lengthField(1, headerValue(name, value)), ...appendField];
}

/**
 * CheckResponse{status 1 (google.rpc.Status{code 1}), denied_response 2, ok_response 3}:
 * OkHttpResponse{headers 2, headers_to_remove 5}; DeniedHttpResponse{status 1 (type.v3.HttpStatus{code 1}), headers 2, body 3}.
 * An allowed header's `append` is always written, so the filter never has to guess the default.
 */
export function encodeCheckResponse(verdict: AuthzVerdict): Uint8Array {
  if (verdict.allow) {
    const ok = [...verdict.headers.flatMap((h) => lengthField(2, headerValueOption(h.name, h.value, h.append))), ...verdict.headersToRemove.flatMap((name) => lengthField(5, utf8(name)))];
    // status{code: 0} is the empty message: proto3 leaves the default out.
    return new Uint8Array([...lengthField(1, varintCode(RPC_OK)), ...lengthField(3, ok)]);
  }
  const denied = [
    ...lengthField(1, varintField(1, verdict.status)),
    ...verdict.headers.flatMap(([name, value]) => lengthField(2, headerValueOption(name, value))),
    ...(verdict.body === "" ? [] : lengthField(3, utf8(verdict.body))),
  ];
  return new Uint8Array([...lengthField(1, varintCode(RPC_PERMISSION_DENIED)), ...lengthField(2, denied)]);
}

const varintCode = (code: number): number[] => (code === 0 ? [] : varintField(1, code));

/** AttributeContext.Peer as the filter described it; a field it left out is absent. */
export interface PeerSeen {
  readonly address?: string;
  readonly port?: number;
  readonly principal?: string;
}

/** AttributeContext.HttpRequest as the filter described it; a field it left out is absent. */
export interface HttpRequestSeen {
  readonly id?: string;
  readonly method?: string;
  /** The `headers` map, with `header_map`'s entries after it if the filter sent that form. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly path?: string;
  readonly host?: string;
  readonly scheme?: string;
  readonly query?: string;
  readonly protocol?: string;
  readonly body?: string;
}

/** What a CheckRequest asked: CheckRequest{attributes 1: AttributeContext{source 1, destination 2, request 4}}. */
export interface CheckRequestSeen {
  readonly source?: PeerSeen;
  readonly destination?: PeerSeen;
  readonly http?: HttpRequestSeen;
}

/** undefined when the bytes are not protobuf. */
export function decodeCheckRequest(bytes: Uint8Array): CheckRequestSeen | undefined {
  const top = fields(bytes);
  const attributes = top === undefined ? undefined : fields(lastBytes(top, 1) ?? new Uint8Array());
  if (attributes === undefined) return undefined;
  const source = peerOf(lastBytes(attributes, 1));
  const destination = peerOf(lastBytes(attributes, 2));
  // AttributeContext.Request{time 1, http 2}
  const request = fields(lastBytes(attributes, 4) ?? new Uint8Array());
  const http = request === undefined ? undefined : httpOf(lastBytes(request, 2));
  return { ...(source && { source }), ...(destination && { destination }), ...(http && { http }) };
}

/** Peer{address 1: config.core.v3.Address{socket_address 1: SocketAddress{address 2, port_value 3}}, principal 4}. */
function peerOf(bytes: Uint8Array | undefined): PeerSeen | undefined {
  const peer = bytes === undefined ? undefined : fields(bytes);
  if (peer === undefined) return undefined;
  const socket = fields(lastBytes(fields(lastBytes(peer, 1) ?? new Uint8Array()) ?? [], 1) ?? new Uint8Array()) ?? [];
  const address = lastBytes(socket, 2);
  const port = last(socket, 3)?.value;
  const principal = lastBytes(peer, 4);
  return { ...(address && { address: text(address) }), ...(port !== undefined && { port }), ...(principal && { principal: text(principal) }) };
}

/**
 * HttpRequest{id 1, method 2, headers 3 (map: entries {key 1, value 2}), path 4, host 5, scheme 6, query 7,
 * protocol 10, body 11, header_map 13 (HeaderMap{headers 1: HeaderValue{key 1, value 2, raw_value 3}})}.
 */
function httpOf(bytes: Uint8Array | undefined): HttpRequestSeen | undefined {
  const http = bytes === undefined ? undefined : fields(bytes);
  if (http === undefined) return undefined;
  const pair = (entry: Uint8Array, valueFields: readonly number[]): readonly [string, string] => {
    const f = fields(entry) ?? [];
    const value = valueFields.map((n) => lastBytes(f, n)).find((b) => b !== undefined);
    return [text(lastBytes(f, 1)), text(value)];
  };
  const headers = [
    ...http.filter((f) => f.field === 3 && f.bytes !== undefined).map((f) => pair(f.bytes!, [2])),
    ...http.filter((f) => f.field === 13 && f.bytes !== undefined).flatMap((f) => (fields(f.bytes!) ?? []).filter((h) => h.field === 1 && h.bytes !== undefined).map((h) => pair(h.bytes!, [2, 3]))),
  ];
  const strings = { id: 1, method: 2, path: 4, host: 5, scheme: 6, query: 7, protocol: 10, body: 11 } as const;
  const seen: Record<string, unknown> = { headers };
  for (const [name, field] of Object.entries(strings)) {
    const value = lastBytes(http, field);
    if (value !== undefined) seen[name] = text(value);
  }
  return seen as unknown as HttpRequestSeen;
}

/** A singular field's bytes: protobuf keeps the last occurrence. */
function lastBytes(list: readonly WireField[], field: number): Uint8Array | undefined {
  return last(list.filter((f) => f.bytes !== undefined), field)?.bytes;
}

function last(list: readonly WireField[], field: number): WireField | undefined {
  const matching = list.filter((f) => f.field === field);
  return matching[matching.length - 1];
}
