/**
 * The other side of the differential tests: the compiled filter, run in host/ on the same exchange, reduced to the
 * same Outcome as the reference interpreter's.
 */
import { loadHost, type LogEntry, type ProxyWasmHost, type StreamResult, type StreamSpec } from "../../host/index.js";
import { decodeBytes, utf8 } from "../../host/utf8.js";
import { normaliseHeaders, toBytes, type Exchange, type Header, type LogLevelName, type LogLine, type Outcome } from "./model.js";

/** Loads a compiled filter with a configuration; every log level is kept. */
export function loadFilter(wasm: Uint8Array, pluginConfig = ""): Promise<ProxyWasmHost> {
  // Deployed as filterc build deploys a program that holds headers for body rules (allow_on_headers_stop_iteration).
  return loadHost(wasm, { pluginConfig, logLevel: 0, allowOnHeadersStopIteration: true });
}

/** The configuration warnings a freshly loaded filter logged. */
export function configLogsOf(host: ProxyWasmHost): LogLine[] {
  return host.logs.map(logLine);
}

export function runCompiled(host: ProxyWasmHost, exchange: Exchange, configLogs: readonly LogLine[]): Outcome {
  const before = host.metrics();
  const outcome = runStream(host, exchange, configLogs);
  const metrics = metricsDelta(before, host.metrics());
  return Object.keys(metrics).length === 0 ? outcome : { ...outcome, metrics };
}

type Metrics = ReturnType<ProxyWasmHost["metrics"]>;

/** What a stream added to each metric: counters by name, histograms' sums by name and samples as `NAME#samples`. */
function metricsDelta(before: Metrics, after: Metrics): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [name, metric] of after) {
    const was = before.get(name);
    const added = Number(metric.value - (was?.value ?? 0n));
    if (added !== 0) delta[name] = added;
    const samples = Number((metric.count ?? 0n) - (was?.count ?? 0n));
    if (samples !== 0) delta[`${name}#samples`] = samples;
  }
  return delta;
}

function runStream(host: ProxyWasmHost, exchange: Exchange, configLogs: readonly LogLine[]): Outcome {
  const result = exchange.request.bodySplit === undefined || !exchange.request.body ? host.runStream(streamSpec(exchange)) : runSplit(host, exchange, exchange.request.bodySplit);
  if (result.trap !== undefined) throw new Error(`the filter trapped: ${result.trap.message}`);
  const logs = result.logs.map(logLine);
  const upstream = result.upstreamRequest === undefined ? undefined : normaliseHeaders(result.upstreamRequest.headers as Header[]);
  const local = result.localResponse;
  if (local !== undefined) {
    // Bytes that are not UTF-8 kept as the host keeps them in headers (host/utf8.ts), as the interpreter keeps them.
    const reply = { status: local.status, body: decodeBytes(local.body), headers: local.headers as Header[], details: local.details };
    return { ...(upstream === undefined ? {} : { upstream }), ...changed(result.upstreamRequest?.body, exchange.request.body, "upstreamBody"), local: reply, logs, configLogs };
  }
  const bodies = { ...changed(result.upstreamRequest?.body, exchange.request.body, "upstreamBody"), ...changed(result.response.body, exchange.response.body, "responseBody") };
  return { upstream, ...bodies, response: normaliseHeaders(result.response.headers as Header[]), logs, configLogs };
}

/** The exchange with its request body in chunks of `split` bytes; the response as runStream sends it. */
function runSplit(host: ProxyWasmHost, exchange: Exchange, split: number): StreamResult {
  const stream = host.openStream(streamSpec(exchange), true);
  stream.requestHeaders(undefined, false);
  const body = utf8.encode(exchange.request.body);
  for (let at = 0; at < body.length; at += split) stream.requestBody(body.subarray(at, at + split), at + split >= body.length);
  return stream.close();
}

export function streamSpec({ request, response, connection }: Exchange): StreamSpec {
  const ip = connection.sourceIp.includes(":") ? `[${connection.sourceIp}]` : connection.sourceIp;
  return {
    request: { method: request.method, path: request.path, authority: request.authority, scheme: request.scheme, headers: request.headers.map(([k, v]): [string, string] => [k, v]), ...(request.body === undefined ? {} : { body: request.body }) },
    response: { status: response.status, headers: response.headers.map(([k, v]): [string, string] => [k, v]), ...(response.body === undefined ? {} : { body: response.body }) },
    source: `${ip}:${connection.sourcePort}`,
    destination: `10.0.0.1:${connection.destinationPort}`,
    connection: { mtls: connection.mtls, ...(connection.principal === undefined ? {} : { uriSanPeerCertificate: connection.principal }) },
  };
}

/** A body the filter changed (`replace`), as a byte string; nothing when it went on as sent. */
function changed(forwarded: Uint8Array | undefined, sent: string | undefined, key: "upstreamBody" | "responseBody"): Partial<Record<"upstreamBody" | "responseBody", string>> {
  if (forwarded === undefined || sent === undefined) return {};
  const bytes = Array.from(forwarded, (c) => String.fromCharCode(c)).join("");
  return bytes === toBytes(sent) ? {} : { [key]: bytes };
}

function logLine(entry: LogEntry): LogLine {
  return { level: entry.levelName as LogLevelName, message: entry.message };
}
