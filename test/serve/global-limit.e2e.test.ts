// A global limit (`limit … via "ratelimit"`) through `filterc serve`, against a real gRPC server speaking Envoy's
// RateLimitService (rls.proto through @grpc/proto-loader): the filter's RateLimitRequest goes out over HTTP/2 as
// Envoy's async gRPC client sends it, and the server's answer decides the request.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/cli.js";
import { rateLimitService } from "../support/envoy-protos.js";
import { repoRoot } from "../support/paths.js";
import { send, startServe, startUpstream, type Serving, type Upstream } from "./harness.js";


interface RateLimitRequest {
  domain: string;
  descriptors: { entries: { key: string; value: string }[] }[];
  hits_addend: number;
}

let upstream: Upstream;
let server: Server;
let serving: Serving;
const requests: RateLimitRequest[] = [];

beforeAll(async () => {
  upstream = await startUpstream();
  server = new Server();
  server.addService(rateLimitService(), {
    ShouldRateLimit: (call: ServerUnaryCall<RateLimitRequest, unknown>, done: sendUnaryData<unknown>) => {
      requests.push(call.request);
      const tenant = call.request.descriptors[0]?.entries.find((e) => e.key === "by")?.value;
      if (tenant === "greedy") {
        done(null, { overall_code: "OVER_LIMIT", response_headers_to_add: [{ key: "x-ratelimit-reset", value: "42" }] });
      } else {
        done(null, { overall_code: "OK", request_headers_to_add: [{ key: "x-quota-remaining", value: "999" }] });
      }
    },
  });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, p) => (error ? reject(error) : resolve(p))));
  // The example's own rules, under its own name (the domain the service sees). Its 50 ms timeout would let the
  // first request through unasked on a loaded machine (the call opens the HTTP/2 connection): a longer one here.
  const dir = tempDir("filterc-serve-rls-");
  const rules = readFileSync(join(repoRoot, "examples/tenant-quota.fw"), "utf8");
  expect(rules).toContain("timeout 50ms");
  writeFileSync(join(dir, "tenant-quota.fw"), rules.replace("timeout 50ms", "timeout 10s"));
  serving = await startServe([join(dir, "tenant-quota.fw"), "--upstream", upstream.url, "--listen", "127.0.0.1:0", "--cluster", `ratelimit=grpc://127.0.0.1:${port}`]);
});

afterAll(async () => {
  await serving?.stop("SIGTERM");
  server?.forceShutdown();
  await upstream?.close();
});

describe("filterc serve with a global limit and a real rate limit service", () => {
  it("asks the service with the rule and the tenant; OK adds the service's headers and runs the later rules", async () => {
    const reply = await send(`${serving.url}/api/orders`, { headers: { "x-tenant": "acme" } });
    expect(reply.status).toBe(200);
    expect(requests.at(-1)).toEqual({ domain: "tenant-quota", descriptors: [{ entries: [{ key: "rule", value: "tenant-quota" }, { key: "by", value: "acme" }] }], hits_addend: 1 });
    const seen = upstream.seen.at(-1)!;
    expect(seen.headers["x-quota-remaining"]).toBe("999");
    expect(seen.headers["x-quota-checked"]).toBe("yes");
  });

  it("OVER_LIMIT answers 429 with the service's response headers; the upstream never sees the request", async () => {
    const before = upstream.seen.length;
    const reply = await send(`${serving.url}/api/orders`, { headers: { "x-tenant": "greedy" } });
    expect(reply.status).toBe(429);
    expect(reply.headers["x-ratelimit-reset"]).toBe("42");
    expect(upstream.seen.length).toBe(before);
  });

  it("makes no call for a path the rule does not limit", async () => {
    const calls = requests.length;
    expect((await send(`${serving.url}/health`)).status).toBe(200);
    expect(requests.length).toBe(calls);
  });
});
