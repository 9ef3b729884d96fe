// The replies a service's answer decides (a global limit's 429 and 500, an authorization service's denial and
// failure) go through the `on local_reply` rules as every other reply of the filter does (docs/language.md,
// "Headers on local replies"): a CORS header added there reaches a client refused by a service too.
import { describe, expect, it } from "vitest";
import type { GrpcMethodSpec, HttpCallAnswer } from "../../host/index.js";
import { header, hostFor } from "../support/compile.js";
import { encodeEnvoy } from "../support/envoy-protos.js";

const CORS = `
on local_reply set "access-control-allow-origin" = "https://app.example"
on local_reply when request.path starts_with "/api" set "x-api" = "yes"
`;
const RATE_LIMIT = "envoy.service.ratelimit.v3.RateLimitService/ShouldRateLimit";
const CHECK = "envoy.service.auth.v3.Authorization/Check";
const rateLimitAnswer = (value: Record<string, unknown>) => ({ message: encodeEnvoy("envoy.service.ratelimit.v3.RateLimitResponse", value) });
const checkAnswer = (value: Record<string, unknown>) => ({ message: encodeEnvoy("envoy.service.auth.v3.CheckResponse", value) });

async function globalLimit(clause: string, spec: GrpcMethodSpec) {
  const rules = `${CORS}rule "tenants" on request_headers limit 10 per minute by request.header["x-tenant"] via "ratelimit"${clause}\n`;
  const host = await hostFor(rules, { grpcClusters: { ratelimit: { [RATE_LIMIT]: spec } } });
  return host.runStream({ request: { path: "/api", headers: { "x-tenant": "acme" } } });
}

async function httpAuthorize(clause: string, answer: HttpCallAnswer | undefined) {
  const rules = `${CORS}rule "auth" on request_headers authorize with "ext-authz"${clause}\n`;
  const host = await hostFor(rules, answer === undefined ? {} : { clusters: { "ext-authz": () => answer } });
  return host.runStream({ request: { path: "/api", headers: {} } });
}

describe("on local_reply rules on the replies of service calls", () => {
  it("a global limit's 429 keeps the service's headers and gets the local_reply rules' headers", async () => {
    const r = await globalLimit("", rateLimitAnswer({ overall_code: "OVER_LIMIT", response_headers_to_add: [{ key: "retry-after", value: "7" }] }));
    expect(r.localResponse?.status).toBe(429);
    const headers = r.localResponse!.headers;
    expect([header(headers, "retry-after"), header(headers, "access-control-allow-origin"), header(headers, "x-api")]).toEqual(["7", "https://app.example", "yes"]);
  });

  it("a global limit's 500 under `on failure deny`, from an error answer and from an unknown cluster", async () => {
    const failed = await globalLimit(" on failure deny", { status: 14 });
    expect([failed.localResponse?.status, header(failed.localResponse!.headers, "access-control-allow-origin"), header(failed.localResponse!.headers, "x-api")]).toEqual([500, "https://app.example", "yes"]);
    const rules = `${CORS}rule "tenants" on request_headers limit 10 per minute by request.header["x-tenant"] via "nowhere" on failure deny\n`;
    const refused = (await hostFor(rules, {})).runStream({ request: { path: "/api", headers: { "x-tenant": "acme" } } });
    expect([refused.localResponse?.status, header(refused.localResponse!.headers, "access-control-allow-origin")]).toEqual([500, "https://app.example"]);
  });

  it("an HTTP authorization service's denial keeps its www-authenticate and body, and gets the rules' headers", async () => {
    const r = await httpAuthorize("", { headers: [[":status", "401"], ["www-authenticate", "Bearer"]], body: new TextEncoder().encode("token expired") });
    expect([r.localResponse?.status, Buffer.from(r.localResponse!.body).toString()]).toEqual([401, "token expired"]);
    expect([header(r.localResponse!.headers, "www-authenticate"), header(r.localResponse!.headers, "access-control-allow-origin")]).toEqual(["Bearer", "https://app.example"]);
  });

  it("an authorization failure's 403 (unknown cluster, and a 5xx answer) gets the rules' headers", async () => {
    const unknown = await httpAuthorize("", undefined);
    expect([unknown.localResponse?.status, header(unknown.localResponse!.headers, "access-control-allow-origin")]).toEqual([403, "https://app.example"]);
    const broken = await httpAuthorize("", { headers: [[":status", "503"]] });
    expect([broken.localResponse?.status, header(broken.localResponse!.headers, "access-control-allow-origin")]).toEqual([403, "https://app.example"]);
  });

  it("a gRPC authorization service's denied_response, with its headers and the rules'", async () => {
    const rules = `${CORS}rule "auth" on request_headers authorize with "ext-authz" grpc\n`;
    const denied = checkAnswer({ status: { code: 7 }, denied_response: { status: { code: 401 }, headers: [{ header: { key: "x-reason", value: "expired" } }], body: "no" } });
    const host = await hostFor(rules, { grpcClusters: { "ext-authz": { [CHECK]: denied } } });
    const r = host.runStream({ request: { path: "/api", headers: {} } });
    expect([r.localResponse?.status, Buffer.from(r.localResponse!.body).toString()]).toEqual([401, "no"]);
    expect([header(r.localResponse!.headers, "x-reason"), header(r.localResponse!.headers, "access-control-allow-origin")]).toEqual(["expired", "https://app.example"]);
  });
});
