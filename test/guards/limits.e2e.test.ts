import { beforeAll, describe, expect, it } from "vitest";
import {
  AUTHZ_HTTP_RULES, GLOBAL_LIMIT_RULES, LIMIT_CASES, LIMITS_FILE, LIMITS_HOST_OPTIONS, RATE_LIMIT_METHOD, RATE_LIMIT_OK, limitHostOptions, limitOutcome, runLimitCase, type LimitCase,
} from "../../bench/limits.js";
import { compileRawAbiPeer } from "../../bench/peers/raw-abi-compiler.js";
import { loadHost, type GrpcCallRequest, type GrpcMethodSpec, type HttpCallAnswer, type HttpCallRequest } from "../../host/index.js";
import { compileText } from "../support/compile.js";
import { decodeEnvoy, encodeEnvoy } from "../support/envoy-protos.js";

/**
 * The rate-limit comparisons (bench/limits.ts) measure filterc's build against hand-written modules: for each
 * measured request both must make the same host calls (pinned here: a change to the generated code that adds one
 * fails) and give the client, the upstream and the logs the same result, with the same metric values.
 */
const HOST_CALLS: Readonly<Record<string, { filterc: number; minimal: number }>> = {
  // x-api-key, the clock, the slot's get and its compare-and-swap set.
  "local-admitted": { filterc: 4, minimal: 4 },
  // The same, then the rate_limited counter and the 429.
  "local-refused": { filterc: 6, minimal: 6 },
  // x-tenant and proxy_grpc_call; on the answer proxy_set_effective_context, proxy_get_buffer_bytes and
  // proxy_continue_stream.
  "global-ok": { filterc: 5, minimal: 5 },
  // :method, :path, :authority, authorization and proxy_http_call; on the answer proxy_set_effective_context,
  // :status, x-user-id, its replace on the request and proxy_continue_stream.
  "authz-http-ok": { filterc: 10, minimal: 10 },
};

// Each module compiled once for the file, one compile at a time (the in-process compiler is not re-entrant).
const compiled = new Map<string, Uint8Array>();
async function once(key: string, build: () => Promise<Uint8Array>): Promise<Uint8Array> {
  if (!compiled.has(key)) compiled.set(key, await build());
  return compiled.get(key)!;
}
// filterc's builds come from the compiled-module cache, as compileLimitRules builds them.
const filtercOf = (rules: string) => once(rules, () => compileText(rules, LIMITS_FILE, { optimize: "size" }));
const peerOf = (entry: string) => once(entry, () => compileRawAbiPeer(entry));
const limitContenders = async (c: LimitCase) => [{ wasm: await filtercOf(c.rules) }, { wasm: await peerOf(c.peer) }] as const;

const REQUEST = "envoy.service.ratelimit.v3.RateLimitRequest";
const RESPONSE = "envoy.service.ratelimit.v3.RateLimitResponse";

/** Compiling is most of this file's time, and a loaded machine can take minutes for it: done once, up front. */
const COMPILE_TIMEOUT_MS = 300_000;

describe("rate limits: filterc's build and the hand-written modules", () => {
  beforeAll(async () => {
    for (const c of LIMIT_CASES) {
      await filtercOf(c.rules);
      await peerOf(c.peer);
    }
  }, COMPILE_TIMEOUT_MS);

  for (const c of LIMIT_CASES) {
    it(`${c.name}: host calls ${HOST_CALLS[c.id]!.filterc} / ${HOST_CALLS[c.id]!.minimal}, the same outcome and metrics`, async () => {
      const [filterc, minimal] = await limitContenders(c);
      const mine = await limitOutcome(filterc.wasm, c);
      const theirs = await limitOutcome(minimal.wasm, c);
      expect({ filterc: mine.hostCalls, minimal: theirs.hostCalls }).toEqual(HOST_CALLS[c.id]);
      expect(theirs.observed).toBe(mine.observed);
      const metrics = async (wasm: Uint8Array) => {
        const host = await loadHost(wasm, limitHostOptions(c));
        runLimitCase(host, c);
        return [...host.metrics()].map(([name, m]) => [name, m.value]);
      };
      expect(await metrics(minimal.wasm)).toEqual(await metrics(filterc.wasm));
    });
  }

  it("the measured requests are admitted, refused with a 429 and its headers, admitted by the rate limit service and by the authorization service", async () => {
    const statuses = [];
    for (const c of LIMIT_CASES) statuses.push(JSON.parse((await limitOutcome(await filtercOf(c.rules), c)).observed));
    expect(statuses.map((o) => o.status)).toEqual([200, 429, 200, 200]);
    expect(statuses[3].upstream).toContainEqual(["x-user-id", "user-7"]);
    expect(statuses[1].headers).toEqual([[":status", "429"], ["retry-after", "1"], ["x-ratelimit-limit", "150"], ["x-ratelimit-remaining", "0"]]);
  });

  it("the bench's OK answer is RateLimitResponse{overall_code: OK} as protobufjs writes it", () => {
    expect(decodeEnvoy(RESPONSE, RATE_LIMIT_OK)).toEqual({ overall_code: "OK" });
    expect([...encodeEnvoy(RESPONSE, { overall_code: "OK" })]).toEqual([...RATE_LIMIT_OK]);
  });

  /** Both modules with a service answering `answer`; what each sent it and what the client and upstream saw. */
  async function bothAgainst(answer: Record<string, unknown>, tenant = "acme") {
    const modules = [await filtercOf(GLOBAL_LIMIT_RULES), await peerOf("global-limit.as.ts")];
    return Promise.all(modules.map(async (wasm) => {
      const sent: GrpcCallRequest[] = [];
      const method: GrpcMethodSpec = (request) => {
        sent.push(request);
        return { message: encodeEnvoy(RESPONSE, answer) };
      };
      const host = await loadHost(wasm, { ...LIMITS_HOST_OPTIONS, grpcClusters: { ratelimit: { [RATE_LIMIT_METHOD]: method } } });
      const result = host.runStream({ request: { path: "/v1/orders", headers: { "x-tenant": tenant, "x-quota": "forged" } } });
      return {
        sent: sent.map((s) => [s.cluster, s.service, s.method, s.timeoutMs, Buffer.from(s.messages[0]!).toString("hex")]),
        status: result.response.status,
        headers: result.response.headers,
        upstream: result.upstreamRequest?.headers ?? null,
        details: result.response.details ?? null,
        hostCalls: result.hostCalls,
      };
    }));
  }

  it("the global limit's peer sends filterc's RateLimitRequest byte for byte, with a long tenant too", async () => {
    const tenant = "t".repeat(300);
    const [filterc, peer] = await bothAgainst({ overall_code: "OK" }, tenant);
    expect(peer).toEqual(filterc);
    expect(decodeEnvoy(REQUEST, Buffer.from(filterc!.sent[0]![4] as string, "hex"))).toEqual({
      domain: "limits",
      descriptors: [{ entries: [{ key: "rule", value: "tenant-quota" }, { key: "by", value: tenant }] }],
      hits_addend: 1,
    });
  });

  it("the global limit's peer applies OVER_LIMIT's response headers and OK's request headers as filterc does", async () => {
    const over = await bothAgainst({ overall_code: "OVER_LIMIT", response_headers_to_add: [{ key: "retry-after", value: "7" }, { key: "x-ratelimit-limit", value: "1000" }] });
    expect(over[0]!.status).toBe(429);
    expect(over[1]).toEqual(over[0]);
    const ok = await bothAgainst({ overall_code: "OK", request_headers_to_add: [{ key: "x-quota", value: "97" }] });
    expect(ok[0]!.upstream).toContainEqual(["x-quota", "97"]);
    expect(ok[1]).toEqual(ok[0]);
  });

  /** Both modules behind an authorization service answering `answer`: the call each made and what came of it. */
  async function bothAuthorizedBy(answer: HttpCallAnswer) {
    const modules = [await filtercOf(AUTHZ_HTTP_RULES), await peerOf("authz-http.as.ts")];
    return Promise.all(modules.map(async (wasm) => {
      const calls: HttpCallRequest[] = [];
      const host = await loadHost(wasm, { ...LIMITS_HOST_OPTIONS, clusters: { "ext-authz": (request) => (calls.push(request), answer) } });
      const result = host.runStream({ request: { method: "POST", path: "/v1/orders?id=3", authority: "shop.example", headers: { authorization: "Bearer t0k", "x-user-id": "forged" } } });
      return {
        calls: calls.map((c) => [c.headers, c.body.length, c.timeoutMs]),
        status: result.response.status,
        headers: result.response.headers,
        body: Buffer.from(result.response.body).toString(),
        upstream: result.upstreamRequest?.headers ?? null,
        details: result.response.details ?? null,
      };
    }));
  }

  it("the authorization peer sends filterc's HTTP call and answers allowed, refused and failed requests as filterc does", async () => {
    const allowed = await bothAuthorizedBy({ headers: [[":status", "200"], ["x-user-id", "user-7"]] });
    expect(allowed[0]!.calls).toEqual([[[[":method", "POST"], [":path", "/v1/orders?id=3"], [":authority", "shop.example"], ["authorization", "Bearer t0k"]], 0, 200]]);
    expect(allowed[0]!.upstream).toContainEqual(["x-user-id", "user-7"]);
    expect(allowed[1]).toEqual(allowed[0]);
    const refused = await bothAuthorizedBy({ headers: [[":status", "401"], ["www-authenticate", 'Bearer realm="shop"']], body: "who are you" });
    expect([refused[0]!.status, refused[0]!.body]).toEqual([401, "who are you"]);
    expect(refused[1]).toEqual(refused[0]);
    for (const failure of ["reset", { headers: [[":status", "503"]] }] as HttpCallAnswer[]) {
      const failed = await bothAuthorizedBy(failure);
      expect(failed[0]!.status).toBe(403);
      expect(failed[1]).toEqual(failed[0]);
    }
  });
});
