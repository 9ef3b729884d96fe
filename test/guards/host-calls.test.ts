import { describe, expect, it } from "vitest";
import { scenariosFor } from "../../bench/scenarios.js";
import { benchHost, examples } from "./support.js";

/**
 * Host calls per request/response cycle for the benchmark's fixed requests (bench/scenarios.ts). Host calls are
 * the bulk of a filter's per-request cost, and their count is deterministic, so the exact numbers are pinned: a
 * change that adds one fails here. A change that saves some should update the numbers (and shows up in
 * docs/benchmarks.md next to the hand-written modules' counts).
 */
const EXPECTED: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  "admin-gate": {
    "public page": 1,
    "admin from 10/8 with token": 6,
    "admin from outside": 4,
    "admin without token": 4,
    "legacy /v1/ redirect": 3,
  },
  "bot-block": {
    browser: 2,
    "python-requests/ agent": 3,
    "internal host": 3,
  },
  canary: {
    "not opted in": 3,
    "x-canary: TRUE": 5,
    "release=canary cookie": 6,
  },
  // Per request x-correlation-id read and written (its uuid takes one random_get per 16 requests, none in these
  // four), the cookie, :path and :authority; the peer address for /admin; then the answers' writes.
  edge: {
    "stable user": 5,
    "canary user, tenant host": 7,
    "admin from 10/8": 6,
    "admin from outside": 6,
  },
  hello: {
    "GET /": 1,
  },
  "moved-paths": {
    "old path redirected with its rest": 2,
    "tenant from the host": 3,
    neither: 2,
  },
  "legacy-redirects": {
    "tenant page": 6,
    "old docs link": 3,
    "cookie over 8 KB": 2,
  },
  "login-redirect": {
    "app with a session": 3,
    "app without a session": 4,
    "method override": 3,
  },
  // The user agent and :authority; a shadowed firing adds its own log line, the shadow line and the counter.
  "shadow-rollout": {
    browser: 2,
    "scraper, shadowed": 5,
    "internal host": 3,
  },
  // :authority and :path once each per request (the response rules test their captures), x-api-key on the API
  // host, the response status for /static/, then the writes and the reply.
  "virtual-hosts": {
    "api with a key": 4,
    "api admin without mTLS": 5,
    "shop tenant": 3,
    "static file, other host": 4,
  },
  // The tenant is read from :authority (and x-tenant when that is not a shop) once; the response rules read the
  // captured variable, not the host.
  tenants: {
    "shop tenant": 3,
    "trial tenant": 5,
    "internal caller": 4,
    "no tenant": 2,
  },
  // :path once; a body is read once, at its end (one get_buffer_bytes however many chunks), and a refusal adds its
  // log line and reply. A request without a body has no body phase.
  "body-guard": {
    "API body refused": 6,
    "API body passed": 3,
    "GET without body": 2,
  },
  // :path captured for the log; content-length removed in the response headers callback; the body read once at its
  // end, and written back once when a card was masked (with the warn log of the second rule).
  "card-redaction": {
    "card masked": 5,
    "nothing to mask": 3,
  },
  // One read per header and one host call per count or observe: the counters were defined at configuration.
  "tenant-metrics": {
    "tenant on a plan": 8,
    "no tenant": 4,
  },
  // The imported baseline's user-agent read, then the gateway's :path; on the response the baseline's two headers
  // and the gateway's. The filter's own replies get no response rules.
  "api/gateway": {
    browser: 5,
    scanner: 2,
    "old API path redirected": 3,
  },
  // :path and :method read for the plain GET, which neither limit applies to.
  "login-throttle": {
    "GET /": 2,
  },
  // :path for the two /api/ rules, then x-quota-remaining for the rule after the limit. The examples' scenarios
  // have no rate limit service: a limited request's call and answer are measured and pinned by bench/limits.ts and
  // test/guards/limits.e2e.test.ts.
  "tenant-quota": {
    "GET /": 2,
  },
  // :path only: "/" is no API path, so no authorization call (an authorized request's call and answer are pinned in
  // test/e2e/authorize-grpc.test.ts and authorize-http.test.ts).
  "authz-gate": {
    "GET /": 1,
  },
  "security-headers": {
    "GET /": 8,
    "upstream sends server, x-powered-by and a CSP": 7,
  },
};

describe("host calls per request", () => {
  it("every example's scenarios have pinned counts", () => {
    const missing = examples.flatMap((e) =>
      scenariosFor(e.name)
        .filter((s) => EXPECTED[e.name]?.[s.name] === undefined)
        .map((s) => `${e.name}: ${s.name}`),
    );
    expect(missing).toEqual([]);
  });

  for (const example of examples) {
    it(`${example.file}`, async () => {
      const host = await benchHost(example);
      // One warm-up stream: the counts are per cycle in steady state, as the benchmark measures them.
      host.runStream(scenariosFor(example.name)[0]!.spec);
      const counts = Object.fromEntries(scenariosFor(example.name).map((s) => [s.name, host.runStream(s.spec).hostCalls]));
      expect(counts).toEqual(EXPECTED[example.name] ?? {});
    });
  }
});
