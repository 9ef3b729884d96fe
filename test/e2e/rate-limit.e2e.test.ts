import { describe, expect, it } from "vitest";
import { loadHost, SharedState, type ProxyWasmHost } from "../../host/index.js";
import { compileText, header, hostFor } from "../support/compile.js";

/** One request; the status the client got and the 429's headers. */
function send(host: ProxyWasmHost, headers: Record<string, string> = {}) {
  const result = host.runStream({ request: { path: "/login", headers } });
  const reply = result.localResponse;
  return {
    status: result.response.status,
    passed: result.upstreamRequest !== undefined,
    retryAfter: reply && header(reply.headers, "retry-after"),
    limit: reply && header(reply.headers, "x-ratelimit-limit"),
    remaining: reply && header(reply.headers, "x-ratelimit-remaining"),
    headers: reply?.headers ?? [],
    result,
  };
}

function metric(host: ProxyWasmHost, name: string): number {
  return Number(host.metrics().get(name)?.value ?? 0);
}

const statuses = (host: ProxyWasmHost, n: number, headers: Record<string, string> = {}) => Array.from({ length: n }, () => send(host, headers).status);

describe("limit N per UNIT", () => {
  it("admits N requests from a full bucket, then answers 429 with retry-after and the x-ratelimit headers", async () => {
    const host = await hostFor('rule "login" on request_headers limit 3 per minute');
    expect(statuses(host, 3)).toEqual([200, 200, 200]);
    const refused = send(host);
    expect(refused.status).toBe(429);
    expect(refused.passed).toBe(false);
    // One token per 20 s; the bucket is empty: 20 s until the next.
    expect([refused.retryAfter, refused.limit, refused.remaining]).toEqual(["20", "3", "0"]);
    expect(refused.result.localResponse?.details).toBe("filterc_login");
    expect(metric(host, "rule=.=login;.;filterc.test.rate_limited")).toBe(1);
    host.tick(10_000);
    // Half a token refilled: 10 s to go.
    expect(send(host).retryAfter).toBe("10");
    host.tick(9_999);
    expect(send(host).retryAfter).toBe("1");
    host.tick(1);
    expect(statuses(host, 2)).toEqual([200, 429]);
  });

  it("refills continuously at N per unit and never above N + M", async () => {
    const host = await hostFor('rule "api" on request_headers limit 2 per second burst 3');
    expect(statuses(host, 6)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(send(host).limit).toBe("5");
    host.tick(1_000);
    expect(statuses(host, 3)).toEqual([200, 200, 429]);
    // An hour idle fills it to N + M, not more.
    host.tick(3_600_000);
    expect(statuses(host, 6)).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("keeps a bucket per key with `by`; requests without the key share one bucket", async () => {
    const host = await hostFor('rule "login" on request_headers limit 2 per minute by request.header["x-user"]');
    expect(statuses(host, 3, { "x-user": "ann" })).toEqual([200, 200, 429]);
    expect(statuses(host, 3, { "x-user": "bob" })).toEqual([200, 200, 429]);
    expect(statuses(host, 1, { "x-user": "ann" })).toEqual([429]);
    expect(statuses(host, 1)).toEqual([200]);
    expect(statuses(host, 2, { "x-user": "" })).toEqual([200, 429]);
    expect(statuses(host, 1)).toEqual([429]);
  });

  it("never merges two live keys in one slot: the second is decided on the overflow bucket and counted", async () => {
    const host = await hostFor('rule "login" on request_headers limit 1 per minute by request.header["x-user"] buckets 1');
    const collisions = () => metric(host, "rule=.=login;.;filterc.test.rate_limit_collisions");
    expect(statuses(host, 1, { "x-user": "ann" })).toEqual([200]);
    // ann's bucket is empty, so her slot is hers: bob takes the overflow bucket's one token, then finds it empty.
    expect(statuses(host, 2, { "x-user": "bob" })).toEqual([200, 429]);
    expect(collisions()).toBe(2);
    // ann is still refused on her own bucket (bob's requests did not reset it).
    expect(statuses(host, 1, { "x-user": "ann" })).toEqual([429]);
    expect(collisions()).toBe(2);
    // A minute on, ann's bucket would be full again: bob takes the slot over, without a collision.
    host.tick(60_000);
    expect(statuses(host, 2, { "x-user": "bob" })).toEqual([200, 429]);
    expect(collisions()).toBe(2);
    // Now ann is the newcomer: the overflow bucket (refilled) decides for her.
    expect(statuses(host, 2, { "x-user": "ann" })).toEqual([200, 429]);
    expect(collisions()).toBe(4);
  });

  it("shares its buckets between two VMs of one Envoy (two workers) through shared data", async () => {
    const wasm = await compileText('rule "login" on request_headers limit 4 per minute by source.address');
    const shared = new SharedState();
    const workers = [await loadHost(wasm, { shared }), await loadHost(wasm, { shared })];
    const admitted = Array.from({ length: 10 }, (_, i) => send(workers[i % 2]!).status);
    expect(admitted).toEqual([200, 200, 200, 200, 429, 429, 429, 429, 429, 429]);
    // Each host has its own clock; move both a token's worth (15 s).
    for (const worker of workers) worker.tick(15_000);
    expect([send(workers[1]!).status, send(workers[0]!).status]).toEqual([200, 429]);
  });

  it("retries a compare-and-swap another worker beat, and takes exactly one token", async () => {
    const shared = new SharedState();
    const host = await loadHost(await compileText('rule "login" on request_headers limit 2 per minute'), { shared });
    expect(send(host).status).toBe(200);
    let interleaved = 0;
    shared.data.beforeCheckedSet = (vmId, key) => {
      if (interleaved >= 3) return;
      interleaved++;
      // Another worker rewrites the bucket unchanged: only its cas moves.
      shared.data.set(vmId, key, shared.data.get(vmId, key)!.value, 0);
    };
    expect(send(host).status).toBe(200);
    expect(interleaved).toBe(3);
    expect(send(host).status).toBe(429);
  });

  it("gives up after 8 compare-and-swap attempts and decides on its last read", async () => {
    const shared = new SharedState();
    const host = await loadHost(await compileText('rule "login" on request_headers limit 1 per minute'), { shared });
    expect(send(host).status).toBe(200);
    let attempts = 0;
    shared.data.beforeCheckedSet = (vmId, key) => {
      attempts++;
      shared.data.set(vmId, key, shared.data.get(vmId, key)!.value, 0);
    };
    expect(send(host).status).toBe(429);
    expect(attempts).toBe(8);
  });

  it("in a shadow rule takes tokens and counts refusals, and refuses nothing", async () => {
    const host = await hostFor('rule "login" shadow on request_headers limit 1 per minute');
    const results = Array.from({ length: 3 }, () => send(host));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(metric(host, "rule=.=login;.;filterc.test.rate_limited")).toBe(2);
    expect(results[0]!.result.logs.map((l) => l.message)).toContain('shadow rule "login": would limit 1 per minute (429 over it)');
    // Enforced through the plugin configuration, it refuses from the same bucket.
    expect(host.reconfigure(JSON.stringify({ enforce_rules: ["login"] }))).toBe(true);
    expect(send(host).status).toBe(429);
  });

  it("takes N, M and an enabled switch from params", async () => {
    const rules = 'param rate = 5\nparam extra = 0\nparam limits_on = true\nrule "login" on request_headers when limits_on limit rate per minute burst extra';
    const host = await hostFor(rules, { pluginConfig: JSON.stringify({ rate: 1, extra: 1 }) });
    expect(statuses(host, 3)).toEqual([200, 200, 429]);
    expect(send(host).limit).toBe("2");
    const off = await hostFor(rules, { pluginConfig: JSON.stringify({ limits_on: false }) });
    expect(statuses(off, 7)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    // A value out of range is brought into it: at least one request per unit.
    const zero = await hostFor(rules, { pluginConfig: JSON.stringify({ rate: 0 }) });
    expect(statuses(zero, 2)).toEqual([200, 429]);
  });

  it("sends the 429 without its headers with `headers off`, and through the on local_reply rules", async () => {
    const quiet = await hostFor('rule "login" on request_headers limit 1 per hour headers off');
    send(quiet);
    expect(send(quiet).headers).toEqual([]);
    const host = await hostFor('rule "login" on request_headers limit 1 per hour\non local_reply set "x-reply" = "yes"');
    send(host);
    const refused = send(host);
    expect(refused.status).toBe(429);
    expect(header(refused.headers, "x-reply")).toBe("yes");
    expect(refused.retryAfter).toBe("3600");
  });

  it("runs the actions after it when the request is admitted, and none of them when refused", async () => {
    const host = await hostFor('rule "login" on request_headers { limit 1 per minute\n set "x-admitted" = "yes" }');
    const first = send(host);
    expect(header(first.result.upstreamRequest!.headers, "x-admitted")).toBe("yes");
    expect(send(host).status).toBe(429);
  });
});
