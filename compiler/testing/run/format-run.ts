import type { HeaderList, LogEntry, StreamResult } from "../../../host/index.js";
import { describeTrap } from "../run-case.js";
import { formatTrace } from "../trace/format-trace.js";
import type { RunOutcome } from "./run-once.js";

const utf8 = new TextDecoder();

/**
 * `filterc run` for people: the start-up trace, the request's trace, then what the upstream saw and what the
 * client got, header by header, and the log lines.
 */
export function formatRunText(outcome: RunOutcome, options: { color: boolean }): string {
  const bold = (text: string) => (options.color ? `\u001b[1m${text}\u001b[0m` : text);
  const out: string[] = [];
  const section = (title: string, lines: readonly string[]) => out.push(bold(title), ...lines.map((l) => (l === "" ? "" : `  ${l}`)), "");
  if (outcome.loadError !== undefined) {
    section("the filter did not load", [outcome.loadError]);
    return out.join("\n");
  }
  const result = outcome.result!;
  section("start-up", formatTrace(outcome.startup.trace));
  const request = outcome.spec.request ?? {};
  section(`trace of ${request.method ?? "GET"} ${request.path ?? "/"}`, formatTrace(result.trace));
  if (result.trap !== undefined) section("trap", [describeTrap(result.trap)]);
  const upstream = result.upstreamRequest;
  if (upstream === undefined) section("upstream saw", ["(nothing: the request did not reach the upstream)"]);
  else section("upstream saw", [...headerLines(upstream.headers), ...bodyLines(upstream.body)]);
  section(`client got ${responseTitle(result)}`, [...headerLines(result.response.headers), ...bodyLines(result.response.body)]);
  section("logs", logLines([...outcome.startup.logs, ...result.logs]));
  return out.join("\n");
}

function responseTitle(result: StreamResult): string {
  const r = result.response;
  if (r.reset === true) return `a reset stream${r.status === 0 ? "" : ` after status ${r.status}`}${r.details ? ` (${r.details})` : ""}`;
  if (result.localResponse !== undefined) return `${r.status}, a local reply from the filter (details ${result.localResponse.details})`;
  if (r.local) return `${r.status}, from the proxy${r.details ? ` (${r.details})` : ""}`;
  return `${r.status}, from the upstream`;
}

function headerLines(headers: HeaderList): string[] {
  return headers.length === 0 ? ["(no headers)"] : headers.map(([k, v]) => `${k}: ${v}`);
}

function bodyLines(body: Uint8Array): string[] {
  if (body.length === 0) return [];
  return ["", ...utf8.decode(body).replace(/\n$/, "").split("\n")];
}

function logLines(logs: readonly LogEntry[]): string[] {
  if (logs.length === 0) return ["(none)"];
  return logs.flatMap((l) => {
    const [first, ...rest] = l.message.split("\n");
    return [`${l.levelName.padEnd(8)} ${first}`, ...rest.map((line) => `${" ".repeat(9)}${line}`)];
  });
}

/** `filterc run --json`: the whole outcome, bodies as text, 64-bit numbers as strings. */
export function formatRunJson(outcome: RunOutcome): string {
  const result = outcome.result;
  const body = (bytes: Uint8Array) => utf8.decode(bytes);
  const report = {
    request: outcome.spec,
    ...(outcome.loadError === undefined ? {} : { loadError: outcome.loadError }),
    startup: outcome.startup,
    ...(result === undefined
      ? {}
      : {
          trace: result.trace,
          upstreamRequest: result.upstreamRequest === undefined ? null : { headers: result.upstreamRequest.headers, body: body(result.upstreamRequest.body), trailers: result.upstreamRequest.trailers },
          response: { ...result.response, body: body(result.response.body) },
          localResponse: result.localResponse === undefined ? null : { ...result.localResponse, body: body(result.localResponse.body) },
          logs: result.logs,
          trap: result.trap ?? null,
          hostCalls: result.hostCalls,
          paused: result.paused,
        }),
  };
  return JSON.stringify(report, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value), 2) + "\n";
}
