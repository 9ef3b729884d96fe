/**
 * One access-log line per request, like Envoy's access log: method, path, status, the rules that fired and the
 * time spent in the filter. `text` is for reading in a terminal, `json` one object per line for tools.
 */

import type { ExchangeRecord } from "./exchange.js";
import type { LogFormat } from "./options.js";

export function accessLogLine(record: ExchangeRecord, format: LogFormat): string {
  if (format === "json") {
    return JSON.stringify({
      method: record.method,
      path: record.path,
      status: record.status,
      rules: record.rules,
      filter_ms: round(record.filterMs),
      duration_ms: round(record.durationMs),
      worker: record.worker,
      request_id: record.requestId,
      ...(record.details === undefined ? {} : { details: record.details }),
    });
  }
  const rules = record.rules.length === 0 ? "-" : record.rules.join(",");
  const status = record.status === 0 ? "reset" : String(record.status);
  return `${record.method} ${record.path} ${status} rules=${rules} filter=${round(record.filterMs)}ms total=${round(record.durationMs)}ms`;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
