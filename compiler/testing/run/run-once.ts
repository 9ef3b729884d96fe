import { HostLoadError, loadHost, type LogEntry, type StreamResult, type StreamSpec, type TraceEvent } from "../../../host/index.js";
import type { FilterUnderTest } from "../filter-under-test.js";

/** One request through a freshly loaded filter: the start-up records, then the stream's. */
export interface RunOutcome {
  readonly spec: StreamSpec;
  readonly startup: { readonly trace: readonly TraceEvent[]; readonly logs: readonly LogEntry[] };
  /** Absent when the filter did not load. */
  readonly result?: StreamResult;
  readonly loadError?: string;
}

export async function runOnce(filter: FilterUnderTest, spec: StreamSpec, pluginConfig: string, logLevel = 0): Promise<RunOutcome> {
  let host;
  try {
    // A filter that holds headers for body rules runs as `filterc build` deploys it (allow_on_headers_stop_iteration).
    host = await loadHost(filter.wasm, { rootId: filter.rootId, pluginConfig, logLevel, annotate: filter.annotate, allowOnHeadersStopIteration: filter.holdsHeaders });
  } catch (error) {
    if (!(error instanceof HostLoadError)) throw error;
    return { spec, startup: { trace: [], logs: [] }, loadError: error.message };
  }
  const startup = { trace: [...host.trace], logs: [...host.logs] };
  return { spec, startup, result: host.runStream(spec) };
}
