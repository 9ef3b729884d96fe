import type { HeaderList, LogEntry, MetricKind, StreamResult } from "../../host/index.js";
import type { RateLimitRequestSeen } from "./ratelimit-wire.js";
import type { AuthzRequestSeen } from "./case-authz.js";
import { checkAuthzRequest } from "./check-authz.js";
import type { CaseExpectations, RateLimitRequestExpectation, LocalExpectation, LogExpectation, MessageExpectation, MetricExpectation, TextExpectation, UpstreamExpectation } from "./case-file.js";
import type { Mismatch } from "./mismatch.js";
import { flatMetricName, LABEL_TAG, RULE_COUNTER, RULE_TAG } from "../metric-names.js";
import { describeHeader, describeText, describeValues, headerMatches, quote, textMatches } from "./text-match.js";

/** What a case observed: the stream's result, every log line (start-up first), the metrics afterwards. */
export interface Observed {
  readonly result: StreamResult;
  readonly logs: readonly LogEntry[];
  readonly metrics: ReadonlyMap<string, { type: MetricKind; value: bigint; count?: bigint }>;
  /** What the rules' metric names start with; case files may leave it out. */
  readonly metricPrefix?: string;
  /** The RateLimitRequests the filter sent the case's `ratelimit` service, decoded (undefined: not protobuf). */
  readonly rateLimitRequests?: ReadonlyArray<RateLimitRequestSeen | undefined>;
  /** The requests the filter sent the case's `authz` service, in order. */
  readonly authzRequests?: readonly AuthzRequestSeen[];
}

const utf8 = new TextDecoder();

/** Every expectation of a case that does not hold, in the order the case file lists the kinds. */
export function checkExpectations(expect: CaseExpectations, observed: Observed): Mismatch[] {
  const out: Mismatch[] = [];
  const { result } = observed;
  if (expect.upstream !== undefined) checkUpstream(expect.upstream, result, out);
  if (expect.local !== undefined) checkLocal(expect.local, result, out);
  if (expect.response !== undefined) {
    const r = result.response;
    const status = r.reset === true && r.status === 0 ? undefined : r.status;
    checkMessage("response", expect.response, { status, headers: r.headers, body: utf8.decode(r.body) }, out);
  }
  if (expect.logs !== undefined) checkLogs(expect.logs, observed.logs, out);
  for (const [name, value] of expect.metrics) checkMetric(name, value, observed, out);
  if (expect.ratelimit !== undefined) checkRateLimitRequest(expect.ratelimit, observed.rateLimitRequests ?? [], out);
  if (expect.authz !== undefined) checkAuthzRequest(expect.authz, observed.authzRequests ?? [], out);
  return out;
}

function describeRequest(request: RateLimitRequestSeen | undefined): string {
  if (request === undefined) return "a message that is not a RateLimitRequest";
  const entries = request.descriptors.map((d) => `{${d.map(([k, v]) => `${k}: ${quote(v)}`).join(", ")}}`).join(", ");
  return `domain ${quote(request.domain)}, descriptors [${entries}]`;
}

function checkRateLimitRequest(expect: RateLimitRequestExpectation, seen: ReadonlyArray<RateLimitRequestSeen | undefined>, out: Mismatch[]): void {
  if (!expect.sent) {
    if (seen.length > 0) out.push({ what: "ratelimit request", expected: "none sent", actual: describeRequest(seen[0]) });
    return;
  }
  const request = seen[0];
  if (seen.length === 0) {
    out.push({ what: "ratelimit request", expected: "one sent", actual: "none sent" });
    return;
  }
  if (request === undefined) {
    out.push({ what: "ratelimit request", expected: "a RateLimitRequest", actual: describeRequest(request) });
    return;
  }
  if (expect.domain !== undefined && request.domain !== expect.domain) out.push({ what: "ratelimit request domain", expected: quote(expect.domain), actual: quote(request.domain) });
  if (expect.descriptor !== undefined) {
    const want = expect.descriptor.map(([k, v]) => `${k}=${v}`).join(", ");
    const got = (request.descriptors[0] ?? []).map(([k, v]) => `${k}=${v}`).join(", ");
    if (want !== got || request.descriptors.length !== 1) out.push({ what: "ratelimit request descriptor", expected: `[${want}]`, actual: `[${request.descriptors.map((d) => d.map(([k, v]) => `${k}=${v}`).join(", ")).join("], [")}]` });
  }
}

function checkUpstream(expect: UpstreamExpectation, result: StreamResult, out: Mismatch[]): void {
  const seen = result.upstreamRequest;
  if (!expect.reached) {
    if (seen !== undefined) out.push({ what: "upstream", expected: "not reached", actual: `reached: ${requestLine(seen.headers)}` });
    return;
  }
  if (seen === undefined) {
    out.push({ what: "upstream", expected: "reached", actual: `not reached${whyNotReached(result)}` });
    return;
  }
  const pseudo = (name: string, what: string, expectation: TextExpectation | undefined) => {
    if (expectation === undefined) return;
    const actual = valuesOf(seen.headers, name)[0];
    if (!textMatches(expectation, actual)) out.push({ what: `upstream.${what}`, expected: describeText(expectation), actual: actual === undefined ? "(absent)" : quote(actual) });
  };
  pseudo(":method", "method", expect.method);
  pseudo(":path", "path", expect.path);
  pseudo(":authority", "host", expect.host);
  checkMessage("upstream", expect, { headers: seen.headers, body: utf8.decode(seen.body) }, out);
}

function checkLocal(expect: LocalExpectation, result: StreamResult, out: Mismatch[]): void {
  const local = result.localResponse;
  if (!expect.sent) {
    if (local !== undefined) out.push({ what: "local", expected: "no local reply", actual: describeLocal(local.status, local.body, local.details) });
    return;
  }
  if (local === undefined) {
    out.push({ what: "local", expected: "a local reply", actual: result.upstreamRequest !== undefined ? "none: the request reached the upstream" : "none" });
    return;
  }
  checkMessage("local", expect, { status: local.status, headers: local.headers, body: utf8.decode(local.body) }, out);
  if (expect.details !== undefined && !textMatches(expect.details, local.details)) {
    out.push({ what: "local.details", expected: describeText(expect.details), actual: quote(local.details) });
  }
}

interface Message {
  readonly status?: number;
  readonly headers: HeaderList;
  readonly body: string;
}

function checkMessage(prefix: string, expect: MessageExpectation, actual: Message, out: Mismatch[]): void {
  if (expect.status !== undefined && expect.status !== actual.status) {
    out.push({ what: `${prefix}.status`, expected: String(expect.status), actual: actual.status === undefined ? "(none: the stream was reset)" : String(actual.status) });
  }
  for (const [name, expectation] of expect.headers) {
    const values = valuesOf(actual.headers, name);
    if (!headerMatches(expectation, values)) out.push({ what: `${prefix}.headers.${name}`, expected: describeHeader(expectation), actual: describeValues(values) });
  }
  for (const name of expect.absent) {
    const values = valuesOf(actual.headers, name);
    if (values.length > 0) out.push({ what: `${prefix}.headers.${name}`, expected: "(absent)", actual: describeValues(values) });
  }
  if (expect.body !== undefined && !textMatches(expect.body, actual.body)) {
    const texts = expect.body.kind === "exact" && (expect.body.text.includes("\n") || actual.body.includes("\n")) ? { expected: expect.body.text, actual: actual.body } : undefined;
    const mismatch: Mismatch = { what: `${prefix}.body`, expected: describeText(expect.body), actual: actual.body === "" ? '"" (empty)' : quote(actual.body) };
    out.push(texts === undefined ? mismatch : { ...mismatch, texts });
  }
}

/** Expected lines must appear in order; each is matched by the first suitable line after the previous match. */
function checkLogs(expected: readonly LogExpectation[], lines: readonly LogEntry[], out: Mismatch[]): void {
  const shown = lines.length === 0 ? "no lines" : lines.map((l) => `${l.levelName} ${quote(l.message)}`).join("\n");
  if (expected.length === 0) {
    if (lines.length > 0) out.push({ what: "logs", expected: "no lines", actual: shown });
    return;
  }
  let from = 0;
  expected.forEach((expectation, i) => {
    const at = lines.findIndex((line, j) => j >= from && logMatches(expectation, line));
    if (at >= 0) {
      from = at + 1;
      return;
    }
    const anywhere = lines.some((line) => logMatches(expectation, line));
    const expectedText = describeLog(expectation) + (anywhere ? " (it appears, but before the line matched by the previous entry)" : "");
    out.push({ what: `logs[${i}]`, expected: expectedText, actual: shown });
  });
}

function logMatches(expectation: LogExpectation, line: LogEntry): boolean {
  if (expectation.level !== undefined && expectation.level !== line.levelName) return false;
  return expectation.texts.every((t) => textMatches(t, line.message));
}

function describeLog(expectation: LogExpectation): string {
  const level = expectation.level === undefined ? "a line" : `${/^[aeiou]/.test(expectation.level) ? "an" : "a"} ${expectation.level} line`;
  const texts = expectation.texts.map((t) => (t.kind === "exact" ? `exactly ${quote(t.text)}` : describeText(t)));
  return [level, texts.join(" and ")].filter((part) => part !== "").join(" ");
}

function valuesOf(headers: HeaderList, name: string): string[] {
  return headers.filter(([k]) => k === name).map(([, v]) => v);
}

function requestLine(headers: HeaderList): string {
  return `${valuesOf(headers, ":method")[0] ?? "?"} ${valuesOf(headers, ":path")[0] ?? "?"}`;
}

function whyNotReached(result: StreamResult): string {
  const local = result.localResponse;
  if (local !== undefined) return `: the filter answered ${describeLocal(local.status, local.body, local.details)}`;
  if (result.response.local) return `: the proxy answered ${result.response.status}${result.response.details ? `, details ${result.response.details}` : ""}`;
  if (result.paused) return ": the filter paused the request and never continued it";
  return "";
}

function describeLocal(status: number, body: Uint8Array, details: string): string {
  const text = utf8.decode(body);
  return `${status}${text === "" ? "" : ` ${quote(text.length > 60 ? text.slice(0, 57) + "..." : text)}`}${details ? `, details ${details}` : ""}`;
}

/**
 * One metric expectation. A name is the rules' (`count "requests"`: the prefix is added) or a full stat name; a
 * map holds a histogram's `samples` and `sum`, or a labelled counter's value per label (metric-names.ts).
 */
function checkMetric(name: string, expected: MetricExpectation, observed: Observed, out: Mismatch[]): void {
  const what = `metrics[${quote(name)}]`;
  const full = [observed.metricPrefix === undefined ? undefined : observed.metricPrefix + name, name].filter((n) => n !== undefined);
  const found = full.map((n) => observed.metrics.get(n)).find((m) => m !== undefined);
  if (typeof expected === "number") {
    if (found === undefined) out.push({ what, expected: String(expected), actual: "(no such metric)" });
    else if (found.value !== BigInt(expected)) out.push({ what, expected: String(expected), actual: String(found.value) });
    return;
  }
  if (found?.type === "histogram") {
    const actual = { samples: found.count ?? 0n, sum: found.value };
    for (const [key, value] of Object.entries(expected)) {
      const seen = key === "samples" || key === "sum" ? actual[key] : undefined;
      if (seen === undefined) out.push({ what: `${what}.${key}`, expected: String(value), actual: "(a histogram has samples and sum)" });
      else if (seen !== BigInt(value)) out.push({ what: `${what}.${key}`, expected: String(value), actual: String(seen) });
    }
    return;
  }
  const tag = name === RULE_COUNTER ? RULE_TAG : LABEL_TAG;
  for (const [label, value] of Object.entries(expected)) {
    const metric = full.map((n) => observed.metrics.get(flatMetricName("", n, { name: tag, value: label }))).find((m) => m !== undefined);
    // A label value gets its counter the first time a worker sees it: no counter yet is a count of 0.
    const seen = metric?.value ?? 0n;
    if (seen !== BigInt(value)) out.push({ what: `${what}.${label}`, expected: String(value), actual: String(seen) });
  }
}
