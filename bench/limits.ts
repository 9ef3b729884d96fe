// Issue 16's comparisons: a rate-limited request (a local limit admitting and refusing, and a global limit that the
// rate limit service answers OK) through filterc's build and through a hand-written module making the same host
// calls (bench/peers/minimal/local-limit.as.ts, global-limit.as.ts), and a flood of distinct keys through the local
// limit, for memory. `node dist/bench/limits-bench.js` measures them (bench/limits-bench.ts); the tests pin the
// host calls and the memory (test/guards/limits.e2e.test.ts, test/e2e/rate-limit-memory.e2e.test.ts).

import { compileRules } from "../compiler/build.js";
import { Source } from "../grammar/source.js";
import { loadHost, SharedState, type HostOptions, type HttpCallReply, type ProxyWasmHost, type StreamResult, type StreamSpec } from "../host/index.js";
import { withHttpReplies } from "./measure/runner-worker-options.js";
import { compileRawAbiPeer } from "./peers/raw-abi-compiler.js";
import { PLUGIN_CONFIG } from "./scenarios.js";

/** The rules' file name: the filter is named `limits`, which the shared-data keys, metrics and domain carry. */
export const LIMITS_FILE = "limits.fw";

/** 100 a minute per API key after a burst of 50: 150 tokens, one refilled every 600 ms. */
export const LOCAL_LIMIT_RULES = `rule "api-keys" on request_headers
  limit 100 per minute by request.header["x-api-key"] burst 50
`;

export const GLOBAL_LIMIT_RULES = `rule "tenant-quota" on request_headers
  limit 1000 per minute by request.header["x-tenant"] via "ratelimit"
`;

/** External authorization over HTTP (Envoy ext_authz's HTTP mode): the service's 2xx lets the request go on. */
export const AUTHZ_HTTP_RULES = `rule "auth" on request_headers
  authorize with "ext-authz" send headers ["authorization"] copy headers ["x-user-id"]
`;

export const RATE_LIMIT_METHOD = "envoy.service.ratelimit.v3.RateLimitService/ShouldRateLimit";
/** RateLimitResponse{overall_code: OK}: field 1, varint 1 (test/guards/limits.e2e.test.ts checks it with protobufjs). */
export const RATE_LIMIT_OK = Uint8Array.of(0x08, 0x01);

/** The bench host: the plugin configuration every module gets, and a rate limit service answering OK at once. */
export const LIMITS_HOST_OPTIONS: HostOptions = {
  trace: false,
  pluginConfig: PLUGIN_CONFIG,
  grpcClusters: { ratelimit: { [RATE_LIMIT_METHOD]: { message: RATE_LIMIT_OK } } },
};

/** One measured request: the rules, the hand-written peer, the request, and how the clock moves between requests. */
export interface LimitCase {
  readonly name: string;
  readonly id: string;
  readonly rules: string;
  readonly peer: string;
  readonly spec: StreamSpec;
  /** Milliseconds the clock moves before each request. */
  readonly tickMs: number;
  /** HTTP clusters and the reply each gives every call. */
  readonly httpReplies?: Record<string, HttpCallReply>;
}

/** Requests before the measured one: enough to empty a 150-token bucket, so "refused" is refused. */
export const LIMIT_WARMUP_REQUESTS = 200;

export const LIMIT_CASES: readonly LimitCase[] = [
  {
    // 600 ms between requests refills the one token each takes: the bucket stays full.
    name: "local limit, admitted",
    id: "local-admitted",
    rules: LOCAL_LIMIT_RULES,
    peer: "local-limit.as.ts",
    spec: { request: { path: "/v1/orders", headers: { "x-api-key": "key-admitted" } } },
    tickMs: 600,
  },
  {
    // The clock stands still: after 150 requests the key's bucket is empty, and every request is a 429.
    name: "local limit, refused (429)",
    id: "local-refused",
    rules: LOCAL_LIMIT_RULES,
    peer: "local-limit.as.ts",
    spec: { request: { path: "/v1/orders", headers: { "x-api-key": "key-refused" } } },
    tickMs: 0,
  },
  {
    name: "global limit, service answers OK",
    id: "global-ok",
    rules: GLOBAL_LIMIT_RULES,
    peer: "global-limit.as.ts",
    spec: { request: { path: "/v1/orders", headers: { "x-tenant": "acme" } } },
    tickMs: 0,
  },
  {
    name: "authorized, HTTP service answers 200",
    id: "authz-http-ok",
    rules: AUTHZ_HTTP_RULES,
    peer: "authz-http.as.ts",
    spec: { request: { path: "/v1/orders", headers: { authorization: "Bearer t0k" } } },
    tickMs: 0,
    httpReplies: { "ext-authz": { headers: [[":status", "200"], ["x-user-id", "user-7"]] } },
  },
];

/** The host options of a case: the bench's, with its HTTP clusters. */
export function limitHostOptions(c: LimitCase): HostOptions {
  return withHttpReplies(LIMITS_HOST_OPTIONS, c.httpReplies);
}

export interface LimitContender {
  readonly id: string;
  readonly source: string;
  readonly wasm: Uint8Array;
}

export async function compileLimitRules(rules: string): Promise<Uint8Array> {
  const compiled = await compileRules(new Source(LIMITS_FILE, rules), { optimize: "size" });
  if (compiled.wasm === undefined) throw new Error(`bench/limits.ts: rules do not compile:\n${rules}`);
  return compiled.wasm;
}

export async function limitContenders(c: LimitCase): Promise<[LimitContender, LimitContender]> {
  return [
    { id: `${c.id}/filterc`, source: "bench/limits.ts", wasm: await compileLimitRules(c.rules) },
    { id: `${c.id}/minimal`, source: `bench/peers/minimal/${c.peer}`, wasm: await compileRawAbiPeer(c.peer) },
  ];
}

/** What the client, the upstream and the logs saw of one request. */
export function limitObservable(r: StreamResult): string {
  return JSON.stringify({
    status: r.response.status,
    headers: r.response.headers,
    upstream: r.upstreamRequest?.headers ?? null,
    details: r.response.details ?? null,
    logs: r.logs.map((l) => [l.level, l.message]),
    trap: r.trap?.message ?? null,
  });
}

/** Runs the case's request LIMIT_WARMUP_REQUESTS times, then once more: that one's host calls and outcome. */
export function runLimitCase(host: ProxyWasmHost, c: LimitCase): StreamResult {
  for (let i = 0; i < LIMIT_WARMUP_REQUESTS; i++) {
    host.tick(c.tickMs);
    host.runStream(c.spec);
  }
  host.tick(c.tickMs);
  return host.runStream(c.spec);
}

export async function limitOutcome(wasm: Uint8Array, c: LimitCase): Promise<{ hostCalls: number; observed: string }> {
  const result = runLimitCase(await loadHost(wasm, limitHostOptions(c)), c);
  return { hostCalls: result.hostCalls, observed: limitObservable(result) };
}

/** Distinct keys through the local limit, one millisecond apart: every key new, slots taken over or collided. */
export const KEY_FLOOD_REQUESTS = 100_000;
export const KEY_FLOOD_WARMUP = 1_000;
export const DEFAULT_BUCKETS = 4096;

const FLOOD_VM_ID = "limits";

export interface KeyFlood {
  readonly requests: number;
  readonly pagesAtLoad: number;
  readonly pagesAfterWarmup: number;
  readonly pagesAtEnd: number;
  /** Shared-data entries at the end: the slots used, and the overflow bucket. */
  readonly sharedEntries: number;
  readonly admitted: number;
  readonly refused: number;
  readonly collisions: number;
}

/** KEY_FLOOD_REQUESTS requests, each with a key never seen before, through `wasm` (the local limit's rules or peer). */
export async function keyFlood(wasm: Uint8Array, requests = KEY_FLOOD_REQUESTS): Promise<KeyFlood> {
  const shared = new SharedState();
  const host = await loadHost(wasm, { ...LIMITS_HOST_OPTIONS, shared, vmId: FLOOD_VM_ID });
  const pagesAtLoad = host.memoryPages();
  let pagesAfterWarmup = pagesAtLoad;
  let admitted = 0;
  let refused = 0;
  const spec = { request: { path: "/v1/orders", headers: { "x-api-key": "" } } };
  for (let i = 0; i < requests; i++) {
    if (i === KEY_FLOOD_WARMUP) pagesAfterWarmup = host.memoryPages();
    spec.request.headers["x-api-key"] = `key-${i}`;
    host.tick(1);
    const status = host.runStream(spec).response.status;
    if (status === 200) admitted++;
    else if (status === 429) refused++;
    else throw new Error(`key flood: request ${i} answered ${status}`);
  }
  const collisions = [...host.metrics()].find(([name]) => name.endsWith(".rate_limit_collisions"))?.[1].value ?? 0n;
  return {
    requests,
    pagesAtLoad,
    pagesAfterWarmup,
    pagesAtEnd: host.memoryPages(),
    sharedEntries: shared.data.keys(FLOOD_VM_ID).length,
    admitted,
    refused,
    collisions: Number(collisions),
  };
}
