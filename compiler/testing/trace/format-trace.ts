import type { TraceEvent } from "../../../host/index.js";
import { logLevelNames } from "../../../host/abi.js";
import { quote } from "../text-match.js";
import { describeCallback, describeHostCall } from "./call-signatures.js";

/**
 * A trace as indented text: each callback into the filter with the action it returned, under it the host calls
 * it made with their status, under those what they did (header changes, log lines, local replies, metrics), and
 * between callbacks what the proxy did with the stream.
 *
 *     proxy_on_request_headers(context 2, headers 6, end_of_stream 1) -> Continue
 *       proxy_get_header_map_value(request_headers, key @296+5) -> Ok
 *       proxy_replace_header_map_value(request_headers, key @719+13, value @1664+17) -> Ok
 *         request_headers: replace x-canary-routed = "true"
 *     == request sent upstream
 */
export function formatTrace(events: readonly TraceEvent[]): string[] {
  const out: string[] = [];
  // Host calls belong to the callback before them; their effects to the host call before those.
  let inCallback = false;
  let afterHostCall = false;
  const effect = (text: string) => out.push(...continued(`${inCallback ? (afterHostCall ? "    " : "  ") : ""}`, text));
  for (const event of events) {
    switch (event.type) {
      case "callback": {
        const action = event.result === undefined ? "" : ` -> ${event.action ?? String(event.result)}`;
        out.push(`${describeCallback(event.name, event.args)}${action}`);
        inCallback = true;
        afterHostCall = false;
        break;
      }
      case "hostcall": {
        const result = event.status ?? (event.result === undefined ? undefined : String(event.result));
        out.push(`${inCallback ? "  " : ""}${describeHostCall(event.name, event.args, event.texts)}${result === undefined ? "" : ` -> ${result}`}`);
        afterHostCall = true;
        break;
      }
      case "headers":
        effect(`${event.map}: ${headerChange(event)}`);
        break;
      case "body":
        effect(`${event.buffer}: bytes ${event.start}..${event.start + event.size} of ${event.length}`);
        break;
      case "local-response": {
        const headers = event.headers.map(([k, v]) => `${k}: ${v}`).join(", ");
        effect(`local reply ${event.status}${event.body === "" ? "" : ` ${quote(event.body)}`}, details ${event.details}${headers === "" ? "" : `, headers ${headers}`}`);
        break;
      }
      case "log":
        effect(`log ${logLevelNames[event.level] ?? event.level}: ${event.message}`);
        break;
      case "metric":
        effect(`metric ${event.name} (${event.metricType}): ${event.op}${event.op === "define" ? "" : ` ${event.value}`}`);
        break;
      case "http-call":
        effect(`http call ${event.token} to cluster ${event.cluster}: ${event.headers.map(([k, v]) => `${k}: ${v}`).join(", ")}${event.body === "" ? "" : ` body ${quote(event.body)}`}`);
        break;
      case "http-call-response":
        out.push(`== http call ${event.token} answered (${event.status}): ${event.headers.map(([k, v]) => `${k}: ${v}`).join(", ")}`);
        inCallback = false;
        break;
      case "grpc-call":
        effect(`grpc ${event.kind} ${event.token} to cluster ${event.cluster}: ${event.service}/${event.method}${event.kind === "call" ? `, ${event.size} bytes, timeout ${event.timeoutMs} ms` : ""}`);
        break;
      case "grpc-receive":
        out.push(`== grpc ${event.token} received a message of ${event.size} bytes`);
        inCallback = false;
        break;
      case "grpc-close":
        out.push(`== grpc ${event.token} closed with status ${event.status}${event.message === "" ? "" : ` ${quote(event.message)}`}`);
        inCallback = false;
        break;
      case "stream":
        out.push(`== ${streamAction(event.action, event.detail)}`);
        inCallback = false;
        break;
      case "trap":
        out.push(`!! trap in ${event.callback}: ${event.message}${event.annotation !== undefined ? `, in ${event.annotation}` : event.functionName !== undefined ? `, in function ${event.functionName}` : ""}`);
        inCallback = false;
        break;
      case "vm":
        out.push(`== vm ${event.action}${event.detail === undefined ? "" : `: ${event.detail}`}`);
        inCallback = false;
        break;
    }
  }
  return out;
}

/** A text that spans lines (a log line with a backtrace) keeps its continuation lines under its first. */
function continued(indent: string, text: string): string[] {
  const [first, ...rest] = text.split("\n");
  return [`${indent}${first}`, ...rest.map((line) => `${indent}  ${line}`)];
}

function headerChange(event: Extract<TraceEvent, { type: "headers" }>): string {
  switch (event.op) {
    case "add":
      return `add ${event.key} = ${quote(event.value ?? "")}`;
    case "replace":
      return `set ${event.key} = ${quote(event.value ?? "")}`;
    case "remove":
      return `remove ${event.key}`;
    case "set":
      return `replace all with ${(event.pairs ?? []).map(([k, v]) => `${k}: ${v}`).join(", ")}`;
  }
}

function streamAction(action: string, detail: string | undefined): string {
  switch (action) {
    case "upstream":
      return "request sent upstream";
    case "respond":
      return `response ${detail ?? ""} sent to the client`.replace("  ", " ");
    case "continue":
      return `stream continued${detail === undefined ? "" : ` (${detail})`}`;
    case "close":
      return `stream closed${detail === undefined ? "" : ` (${detail})`}`;
    case "reset":
      return `stream reset${detail === undefined ? "" : ` (${detail})`}`;
    default:
      return `${action}${detail === undefined ? "" : ` ${detail}`}`;
  }
}
