import { phasesReading, PHASES, phaseDefinition, sideOf, type Phase } from "./phases.js";

export type ValueType = "string" | "int" | "bool" | "list";

/**
 * Where a field's value comes from at runtime. The lowering reads it through the runtime API; the checker only
 * needs `type`, `keyed` and `phases`.
 */
export type FieldSource =
  | { readonly from: "request-header"; readonly header: string }
  | { readonly from: "request-header-keyed" }
  | { readonly from: "response-header"; readonly header: string }
  | { readonly from: "response-header-keyed" }
  | { readonly from: "query-keyed" }
  | { readonly from: "cookie-keyed" }
  /** A part of `:authority` (`request.hostname`, `request.port`; the port falls back on `:scheme`). */
  | { readonly from: "authority"; readonly part: "hostname" | "port" }
  /** `client.address`: an `x-forwarded-for` entry chosen by the trusted hops, or the peer address for none. */
  | { readonly from: "client-address" }
  /** The body of a body phase, whole: held until the end of the stream (compiler/lower/body-phase.ts). */
  | { readonly from: "body" }
  | { readonly from: "property"; readonly path: readonly string[]; readonly encoding: "string" | "int64" | "bool" | "address" };

export interface FieldInfo {
  readonly name: string;
  readonly type: ValueType;
  /** Takes a `["key"]` index: `request.header["x-id"]`. */
  readonly keyed: boolean;
  /** May be absent at runtime (a missing header): `==` is false, `!=` true, `exists` false. */
  readonly optional: boolean;
  /** Phases in which the field can be read. Request fields stay readable later: the filter captures them. */
  readonly phases: readonly Phase[];
  readonly source: FieldSource;
  /** Its value is an IP address as text: `in` compares it with CIDR ranges (compiler/address-values.ts). */
  readonly address?: boolean;
  readonly description: string;
}

const both: readonly Phase[] = phasesReading("request");
// Response headers are not kept for the response body phase (readsCaptured): only the request is captured.
const responseOnly: readonly Phase[] = phasesReading("response").filter((p) => phaseDefinition(p).body === undefined);
/** A body is read only in its own side's body phase: later phases would have to keep a copy of all of it. */
const bodyPhaseOf = (side: "request" | "response"): readonly Phase[] => PHASES.filter((p) => phaseDefinition(p).body !== undefined && sideOf(p) === side);

export const FIELDS: readonly FieldInfo[] = [
  { name: "request.method", type: "string", keyed: false, optional: false, phases: both, source: { from: "request-header", header: ":method" }, description: "the request method, e.g. GET" },
  { name: "request.path", type: "string", keyed: false, optional: false, phases: both, source: { from: "request-header", header: ":path" }, description: "the request path including the query string" },
  { name: "request.host", type: "string", keyed: false, optional: false, phases: both, source: { from: "request-header", header: ":authority" }, description: "the request host (:authority)" },
  { name: "request.hostname", type: "string", keyed: false, optional: false, phases: both, source: { from: "authority", part: "hostname" }, description: "the request host (:authority) without the port, lower-cased" },
  { name: "request.port", type: "int", keyed: false, optional: true, phases: both, source: { from: "authority", part: "port" }, description: "the port in :authority, or 443 for https and 80 for http without one" },
  { name: "request.scheme", type: "string", keyed: false, optional: false, phases: both, source: { from: "request-header", header: ":scheme" }, description: "the request scheme, http or https" },
  { name: "request.id", type: "string", keyed: false, optional: true, phases: both, source: { from: "request-header", header: "x-request-id" }, description: "the request id Envoy assigns (x-request-id)" },
  { name: "request.header", type: "string", keyed: true, optional: true, phases: both, source: { from: "request-header-keyed" }, description: "the first value of a request header" },
  { name: "request.query", type: "string", keyed: true, optional: true, phases: both, source: { from: "query-keyed" }, description: "the URL-decoded first value of a query parameter" },
  { name: "request.cookie", type: "string", keyed: true, optional: true, phases: both, source: { from: "cookie-keyed" }, description: "the value of the first cookie with that name" },
  { name: "response.status", type: "int", keyed: false, optional: false, phases: responseOnly, source: { from: "response-header", header: ":status" }, description: "the response status code" },
  { name: "response.header", type: "string", keyed: true, optional: true, phases: responseOnly, source: { from: "response-header-keyed" }, description: "the first value of a response header" },
  { name: "request.body", type: "string", keyed: false, optional: false, phases: bodyPhaseOf("request"), source: { from: "body" }, description: "the whole request body (on request_body)" },
  { name: "response.body", type: "string", keyed: false, optional: false, phases: bodyPhaseOf("response"), source: { from: "body" }, description: "the whole response body (on response_body)" },
  { name: "source.address", type: "string", keyed: false, optional: true, phases: both, source: { from: "property", path: ["source", "address"], encoding: "address" }, address: true, description: "the client (peer) IP address, without the port" },
  { name: "client.address", type: "string", keyed: false, optional: true, phases: both, source: { from: "client-address" }, address: true, description: "the client address: the x-forwarded-for entry the trusted hops point at, or the peer address" },
  { name: "destination.port", type: "int", keyed: false, optional: true, phases: both, source: { from: "property", path: ["destination", "port"], encoding: "int64" }, description: "the port the request arrived on" },
  { name: "connection.mtls", type: "bool", keyed: false, optional: false, phases: both, source: { from: "property", path: ["connection", "mtls"], encoding: "bool" }, description: "whether the downstream connection uses mutual TLS" },
  { name: "source.principal", type: "string", keyed: false, optional: true, phases: both, source: { from: "property", path: ["connection", "uri_san_peer_certificate"], encoding: "string" }, description: "the URI SAN of the peer certificate (the mesh identity under mTLS)" },
];

/**
 * The values an int field has when it is present, for analyses that compare it with literals (lint's
 * no-contradictory-comparison): a port is 16 bits, and a status code three digits, 100..599 (RFC 9110, section 15).
 */
export const INT_FIELD_RANGES: Readonly<Record<string, { readonly min: number; readonly max: number }>> = {
  "destination.port": { min: 0, max: 65535 },
  "response.status": { min: 100, max: 599 },
};

const byName = new Map(FIELDS.map((f) => [f.name, f]));

export function findField(name: string): FieldInfo | undefined {
  return byName.get(name);
}
