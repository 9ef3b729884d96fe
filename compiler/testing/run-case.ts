import { performance } from "node:perf_hooks";
import { HostLoadError, loadHost, type ProxyWasmHost, type TrapInfo } from "../../host/index.js";
import { COVERAGE_METRIC_PREFIX } from "../lower/index.js";
import type { TestCase } from "./case-file.js";
import type { CaseResult } from "./case-result.js";
import { checkExpectations } from "./check-expectations.js";
import type { FilterUnderTest } from "./filter-under-test.js";
import { rateLimitServices } from "./case-ratelimit.js";
import { decodeRateLimitRequest, type RateLimitRequestSeen } from "./ratelimit-wire.js";
import { authzGrpcServices, authzHttpClusters, type AuthzRequestSeen } from "./case-authz.js";

/**
 * Runs one case on a freshly loaded filter, so cases cannot leak state (metrics, shared data, a failed VM) into
 * each other, and a case's metrics are what its own request did.
 */
export async function runCase(filter: FilterUnderTest, testCase: TestCase, logLevel: number): Promise<CaseResult> {
  const started = performance.now();
  const base = { name: testCase.name, line: testCase.line, column: testCase.column };
  const done = (fields: Pick<CaseResult, "mismatches" | "failure" | "fired">): CaseResult => ({
    ...base,
    ...fields,
    passed: fields.failure === undefined && fields.mismatches.length === 0,
    durationMs: performance.now() - started,
  });

  let host: ProxyWasmHost;
  const rateLimitRequests: Array<RateLimitRequestSeen | undefined> = [];
  const authzRequests: AuthzRequestSeen[] = [];
  try {
    // A filter that holds headers runs as deployed (allow_on_headers_stop_iteration), unless the case says otherwise.
    const allowOnHeadersStopIteration = testCase.proxy?.allowOnHeadersStopIteration ?? filter.holdsHeaders;
    // A typed `ratelimit` answer serves ShouldRateLimit on the clusters the rules call, over the raw `grpc` lists.
    const rateLimit = testCase.ratelimit === undefined ? {} : rateLimitServices(testCase.ratelimit, filter.calledClusters ?? [], (request) => rateLimitRequests.push(decodeRateLimitRequest(request.messages[0] ?? new Uint8Array())));
    // A typed `authz` answer serves Check (gRPC) and HTTP calls alike on those clusters.
    const recordAuthz = (request: AuthzRequestSeen) => authzRequests.push(request);
    const calledClusters = filter.calledClusters ?? [];
    const authz = testCase.authz === undefined ? {} : authzGrpcServices(testCase.authz, calledClusters, recordAuthz);
    const clusters = testCase.authz === undefined ? {} : authzHttpClusters(testCase.authz, calledClusters, recordAuthz);
    const grpcClusters = { ...testCase.proxy.grpcClusters };
    for (const [cluster, methods] of [...Object.entries(rateLimit), ...Object.entries(authz)]) grpcClusters[cluster] = { ...grpcClusters[cluster], ...methods };
    host = await loadHost(filter.wasm, { rootId: filter.rootId, pluginConfig: testCase.pluginConfig, logLevel, annotate: filter.annotate, ...testCase.proxy, grpcClusters, clusters, allowOnHeadersStopIteration });
  } catch (error) {
    if (!(error instanceof HostLoadError)) throw error;
    return done({ mismatches: [], failure: `the filter did not load: ${error.message}`, fired: new Map() });
  }
  const result = host.runStream(testCase.stream);
  const fired = firings(filter, host);
  if (result.trap !== undefined) return done({ mismatches: [], failure: describeTrap(result.trap), fired });
  const observed = { result, logs: [...host.logs, ...result.logs], metrics: host.metrics(), metricPrefix: filter.metricPrefix, rateLimitRequests, authzRequests };
  return done({ mismatches: checkExpectations(testCase.expect, observed), fired });
}

/** `trapped in proxy_on_request_headers: unreachable, in rule "admin" (admin-gate.fw:4)`. */
export function describeTrap(trap: TrapInfo): string {
  const where = trap.annotation ?? (trap.functionName !== undefined ? `function ${trap.functionName}` : undefined);
  return `the filter trapped in ${trap.callback}: ${trap.message}${where === undefined ? "" : `, in ${where}`}`;
}

function firings(filter: FilterUnderTest, host: ProxyWasmHost): Map<string, number> {
  const fired = new Map<string, number>();
  if (!filter.coverageMetrics) return fired;
  for (const [name, metric] of host.metrics()) {
    if (!name.startsWith(COVERAGE_METRIC_PREFIX)) continue;
    // `<index>` or `<index>.<branch>`: the key coverageKey gives the rule or branch.
    const key = name.slice(COVERAGE_METRIC_PREFIX.length);
    if (/^\d+(\.\d+)?$/.test(key) && metric.value > 0n) fired.set(key, Number(metric.value));
  }
  return fired;
}
