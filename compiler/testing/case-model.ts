import type { HeaderList, StreamSpec } from "../../host/index.js";
import { DEFAULT_DESTINATION, DEFAULT_SOURCE_PORT, normalizeAddress } from "./address.js";
import type {
  AuthzRequestExpectation,
  CaseExpectations,
  PeerExpectation,
  HeaderExpectation,
  LocalExpectation,
  LogExpectation,
  MetricExpectation,
  MessageExpectation,
  RateLimitRequestExpectation,
  TextExpectation,
  UpstreamExpectation,
} from "./case-file.js";
import { isMap } from "./case-checks.js";

/**
 * Turns the validated YAML data of one case into what the runner needs: a host StreamSpec and typed
 * expectations. The data passed the schema and the checks, so shapes are trusted here.
 */

type Data = Record<string, unknown>;

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "critical"] as const;

export function streamSpecOf(request: Data | undefined, response: Data | undefined, refused?: unknown): StreamSpec {
  const spec: StreamSpec = {};
  if (typeof refused === "number") spec.refused = { status: refused };
  else if (isMap(refused)) spec.refused = { status: refused.status as number, details: refused.details as string | undefined };
  if (request !== undefined) {
    spec.request = {
      method: request.method as string | undefined,
      path: request.path as string | undefined,
      authority: request.host as string | undefined,
      scheme: request.scheme as string | undefined,
      headers: headerList(request.headers),
      body: request.body as string | undefined,
    };
    if (typeof request.source === "string") spec.source = address(request.source, DEFAULT_SOURCE_PORT);
    if (typeof request.destination === "string") spec.destination = address(request.destination, 8080);
    if (typeof request.destination === "number") spec.destination = `${DEFAULT_DESTINATION.split(":")[0]}:${request.destination}`;
    const principal = request.principal as string | undefined;
    const mtls = (request.mtls as boolean | undefined) ?? (principal !== undefined ? true : undefined);
    if (mtls !== undefined || principal !== undefined) spec.connection = { mtls, uriSanPeerCertificate: principal };
  }
  if (response !== undefined) {
    spec.response = { status: response.status as number | undefined, headers: headerList(response.headers), body: response.body as string | undefined };
  }
  return spec;
}

/** File config and case config as the text the filter reads: maps merge key by key, a string replaces. */
export function pluginConfigText(fileConfig: unknown, caseConfig: unknown): string {
  let config = fileConfig;
  if (caseConfig !== undefined) config = isMap(caseConfig) && isMap(fileConfig) ? { ...fileConfig, ...caseConfig } : caseConfig;
  if (config === undefined) return "";
  return typeof config === "string" ? config : JSON.stringify(config);
}

export function expectationsOf(expect: Data | undefined): CaseExpectations {
  if (expect === undefined) return { metrics: [] };
  return {
    upstream: expect.upstream === undefined ? undefined : upstreamOf(expect.upstream),
    response: isMap(expect.response) ? messageOf(expect.response) : undefined,
    local: expect.local === undefined ? undefined : localOf(expect.local),
    logs: Array.isArray(expect.logs) ? expect.logs.map(logOf) : undefined,
    metrics: isMap(expect.metrics) ? Object.entries(expect.metrics).map(([name, value]) => [name, value as MetricExpectation] as const) : [],
    ...(expect.ratelimit === undefined ? {} : { ratelimit: rateLimitRequestOf(expect.ratelimit) }),
    ...(expect.authz === undefined ? {} : { authz: authzRequestOf(expect.authz) }),
  };
}

function authzRequestOf(value: unknown): AuthzRequestExpectation {
  if (value === false) return { sent: false };
  const data = (isMap(value) ? value : {}) as Data;
  const { headers, absent } = messageOf(data);
  const texts = Object.fromEntries((["method", "path", "host", "scheme", "protocol", "id"] as const).flatMap((key) => (data[key] === undefined ? [] : [[key, textOf(data[key])]])));
  const peers = Object.fromEntries((["source", "destination"] as const).flatMap((key) => (isMap(data[key]) ? [[key, peerOf(data[key] as Data)]] : [])));
  const transport = data.transport === "http" || data.transport === "grpc" ? { transport: data.transport as "http" | "grpc" } : {};
  return { sent: true, headers, absent, ...transport, ...texts, ...peers };
}

function peerOf(data: Data): PeerExpectation {
  return {
    ...(data.address !== undefined && { address: textOf(data.address)! }),
    ...(typeof data.port === "number" && { port: data.port }),
    ...(data.principal !== undefined && { principal: textOf(data.principal)! }),
  };
}

function rateLimitRequestOf(value: unknown): RateLimitRequestExpectation {
  if (value === false) return { sent: false };
  const data = (isMap(value) ? value : {}) as Data;
  const descriptor = isMap(data.descriptor) ? Object.entries(data.descriptor).map(([k, v]) => [k, String(v)] as const) : undefined;
  return { sent: true, ...(typeof data.domain === "string" && { domain: data.domain }), ...(descriptor && { descriptor }) };
}

function upstreamOf(value: unknown): UpstreamExpectation {
  if (typeof value === "boolean") return { reached: value, headers: [], absent: [] };
  const data = value as Data;
  return { reached: true, ...messageOf(data), path: textOf(data.path), method: textOf(data.method), host: textOf(data.host) };
}

function localOf(value: unknown): LocalExpectation {
  if (typeof value === "boolean") return { sent: value, headers: [], absent: [] };
  const data = value as Data;
  return { sent: true, ...messageOf(data), details: textOf(data.details) };
}

function messageOf(data: Data): MessageExpectation {
  const headers = isMap(data.headers) ? Object.entries(data.headers).map(([name, v]) => [name.toLowerCase(), headerExpectationOf(v)] as const) : [];
  const absent = Array.isArray(data.absent) ? data.absent.map((n) => String(n).toLowerCase()) : [];
  return { status: data.status as number | undefined, headers, absent, body: textOf(data.body) };
}

function headerExpectationOf(value: unknown): HeaderExpectation {
  if (Array.isArray(value)) return { kind: "values", values: value.map(String) };
  if (isMap(value)) return textOf(value)!;
  return { kind: "values", values: [String(value)] };
}

function logOf(value: unknown): LogExpectation {
  if (typeof value === "string") return { texts: [{ kind: "contains", text: value }] };
  const data = value as Data;
  const texts: TextExpectation[] = [];
  if (typeof data.message === "string") texts.push({ kind: "exact", text: data.message });
  if (typeof data.contains === "string") texts.push({ kind: "contains", text: data.contains });
  if (typeof data.matches === "string") texts.push({ kind: "matches", pattern: new RegExp(data.matches) });
  return { level: data.level as string | undefined, texts };
}

export function textOf(value: unknown): TextExpectation | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return { kind: "exact", text: value };
  const data = value as Data;
  if (typeof data.contains === "string") return { kind: "contains", text: data.contains };
  return { kind: "matches", pattern: new RegExp(String(data.matches)) };
}

/** A headers map of the case file (a list value repeats the header) as a host header list. */
export function headerList(value: unknown): HeaderList | undefined {
  if (!isMap(value)) return undefined;
  const list: HeaderList = [];
  for (const [name, v] of Object.entries(value)) {
    for (const item of Array.isArray(v) ? v : [v]) list.push([name.toLowerCase(), String(item)]);
  }
  return list;
}

function address(text: string, defaultPort: number): string {
  const result = normalizeAddress(text, defaultPort);
  return result.ok ? result.address : text;
}
